/**
 * Two sides' iterations → a comparison with verdicts (pure).
 *
 * Correctness first (correctness.ts): a treatment iteration with a failing assertion the baseline
 * never shows, a bad exit when the baseline had none, or a failure the treatment shows in a
 * higher share of its iterations (one-sided Fisher exact test at alpha) makes the verdict
 * `failed-correctness` whatever the speed says; a higher share too few iterations cannot tell
 * from chance makes it `inconclusive` unless the speed is worse. Then the primary metrics — wall-clock, or the metrics `--gate` names — are each
 * tested on their own at alpha (never corrected together with the secondaries: with 5 iterations
 * a side the smallest p is 2/252 ≈ 0.008, so a correction over twenty counters would make a real
 * 10 % slowdown undetectable). The secondary metrics (counters, resources, diagnostics, latency,
 * functions) are one family under Benjamini-Hochberg at what the primaries' exact tests leave
 * unused of alpha (familyLevel.ts), so an A/A comparison claims anything at most ~alpha of the time.
 * A significant change smaller than the practical threshold is `same`. A metric whose sides are
 * too small for the test to ever reach alpha is `inconclusive`, with the raw difference and how
 * many iterations would be needed.
 */
import { compareCorrectness, type CorrectnessResult } from './correctness';
import type { EngineDiagnostic } from '../diagnostics';
import { detectableChange, type Detectable } from './detectable';
import { inputProblems } from './inputProblems';
import { closeNames } from './closeNames';
import { familyLevel, strictByDefault } from './familyLevel';
import { benjaminiHochberg } from './fdr';
import { GateRule } from './gate';
import { summariseBasis, withinResolution } from './latencyBasis';
import type { LatencyBasis } from './latencyHistograms';
import { Better, IterationMetrics, MetricGroup } from './metricTypes';
import { iterationsNeeded, mannWhitneyU, smallestP } from './rankTest';
import { isNoisy, isUnmeasured } from './machineLoad';
import { sensitivitySentence } from './sensitivity';
import { hodgesLehmann } from './shift';
import { formatSigned, formatSignedPct } from '../../protocol/format';

export type { CorrectnessResult, SideCorrectness, FailureShare } from './correctness';
export { compareCorrectness } from './correctness';

export type MetricVerdict = 'better' | 'worse' | 'same' | 'inconclusive' | 'changed';
export type Verdict = 'better' | 'worse' | 'no-difference' | 'inconclusive' | 'failed-correctness';

export interface CompareOptions {
  readonly alpha?: number;
  /** Practical threshold as a fraction (0.02 = 2 %). */
  readonly threshold?: number;
  /**
   * Level of the secondary family's Benjamini-Hochberg test, overriding `strictFamily`.
   */
  readonly familyAlpha?: number;
  /**
   * Test the family at what the primaries' exact tests leave unused of alpha (familyLevel.ts),
   * so that A against A claims anything — verdict or secondary — at most about alpha of the
   * time; `false`: at alpha itself, where the family finds where a change went (putEntry's
   * counter in a 5-a-side A/B) but adds to the primary's A/A rate (7.2 % any-claim at 10 a side,
   * measured). Unset: strict from 10 iterations a side (STRICT_FAMILY_FROM), where it costs
   * little; at alpha below, where strict (0.018 at 5 a side) would hide every single secondary.
   */
  readonly strictFamily?: boolean;
  /**
   * Adjust the secondaries together with the primaries' p-values (one Benjamini-Hochberg over
   * both); the primaries keep their own raw test. Default false.
   */
  readonly familyWithPrimary?: boolean;
  readonly gate?: readonly GateRule[];
  /** Leave out iterations with flagged (noisy) windows from the statistics. */
  readonly excludeNoisy?: boolean;
  /** Functions kept for the diff (by CPU, either side). Default 40. */
  readonly topFunctions?: number;
}

export interface SideStats {
  readonly n: number;
  readonly median: number;
  readonly values: number[];
}

export interface MetricComparison {
  readonly name: string;
  readonly group: MetricGroup;
  readonly unit: string;
  readonly better: Better;
  readonly primary: boolean;
  readonly baseline: SideStats;
  readonly treatment: SideStats;
  /** Hodges-Lehmann shift treatment − baseline, in the metric's unit. */
  readonly change: number;
  /** change / |baseline median| × 100; null when the baseline median is 0. */
  readonly changePct: number | null;
  /** Confidence interval of the shift (infinite bounds when the samples are too small). */
  readonly ci: [number, number];
  readonly ciPct: [number, number] | null;
  readonly p: number | null;
  /** Benjamini-Hochberg adjusted p (secondary metrics only). */
  readonly q?: number;
  readonly verdict: MetricVerdict;
  /**
   * For `inconclusive`: iterations needed [baseline, treatment] before the test can reach alpha.
   */
  readonly needed?: [number, number];
  /** Latency percentiles: what the values rest on (raw samples, or the histogram buckets). */
  readonly basis?: string;
  /**
   * Histogram estimates: the range the shift could have given the buckets, and whether a change
   * the test found was held back as smaller than the buckets can show (latencyBasis.ts).
   */
  readonly resolution?: { readonly low: number; readonly high: number; readonly limited: boolean };
  /**
   * The smallest change this comparison could have seen (80 % power), at the metric's own level:
   * alpha for a primary, the family's level ÷ its size for a secondary (what one change alone
   * among k needs to pass Benjamini-Hochberg).
   */
  readonly detectable: Detectable;
}

export interface GateResult {
  readonly rule: string;
  readonly status: 'pass' | 'fail' | 'inconclusive';
  readonly detail: string;
}

export interface Comparison {
  readonly verdict: Verdict;
  /** One sentence: why this verdict. */
  readonly reason: string;
  readonly alpha: number;
  /** Level of the secondary family (Benjamini-Hochberg). */
  readonly familyAlpha: number;
  readonly threshold: number;
  readonly iterations: { readonly baseline: number; readonly treatment: number };
  readonly correctness: CorrectnessResult;
  /** Primary metrics first, then the secondary family by q. Functions are listed apart. */
  readonly metrics: MetricComparison[];
  readonly counters: MetricComparison[];
  readonly functions: MetricComparison[];
  readonly gate: GateResult[];
  readonly noise: {
    readonly flagged: { readonly baseline: string[]; readonly treatment: string[] };
    /** Iterations whose machine.tsv has no rows: outside load unknown, kept in the statistics. */
    readonly unmeasured: { readonly baseline: string[]; readonly treatment: string[] };
    readonly excluded: boolean;
  };
  readonly warnings: string[];
  /**
   * `--gate` metrics that neither side measured (a mistyped id), each with the measured ids
   * closest to it: a usage error, not an inconclusive comparison.
   */
  readonly unknownGateMetrics: { readonly metric: string; readonly close: string[] }[];
  /** Problems in the sides' files (a broken run.json, garbage latency lines), file:line:col. */
  readonly diagnostics: EngineDiagnostic[];
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length;
  return k === 0 ? NaN : k % 2 ? s[(k - 1) / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
};

interface Pending {
  name: string;
  group: MetricGroup;
  unit: string;
  better: Better;
  primary: boolean;
  threshold: number;
  b: number[];
  t: number[];
  /** Latency bases per value (latency metrics only), in the order of `b` and `t`. */
  bases: { b: (LatencyBasis | undefined)[]; t: (LatencyBasis | undefined)[] };
}

function testMetric(
  m: Pending,
  alpha: number,
): Omit<MetricComparison, 'verdict' | 'q' | 'detectable'> & { testable: boolean } {
  const mb = median(m.b);
  const hl = hodgesLehmann(m.b, m.t, alpha);
  const testable = smallestP(m.b.length, m.t.length) <= alpha;
  const allEqual = new Set([...m.b, ...m.t]).size === 1;
  const pct = (x: number): number => (x / Math.abs(mb)) * 100;
  return {
    name: m.name,
    group: m.group,
    unit: m.unit,
    better: m.better,
    primary: m.primary,
    baseline: { n: m.b.length, median: mb, values: m.b },
    treatment: { n: m.t.length, median: median(m.t), values: m.t },
    change: hl.shift,
    changePct: mb !== 0 ? pct(hl.shift) : null,
    ci: [hl.ciLow, hl.ciHigh],
    ciPct: mb !== 0 ? [pct(hl.ciLow), pct(hl.ciHigh)] : null,
    p: allEqual ? 1 : mannWhitneyU(m.b, m.t).p,
    testable,
    ...(testable ? {} : { needed: iterationsNeeded(m.b.length, m.t.length, alpha) }),
  };
}

function verdictOf(
  r: { testable: boolean; changePct: number | null; change: number },
  significant: boolean,
  better: Better,
  threshold: number,
): MetricVerdict {
  if (!r.testable) return 'inconclusive';
  if (!significant) return 'same';
  if (r.changePct !== null && Math.abs(r.changePct) < threshold * 100) return 'same';
  if (r.change === 0) return 'same';
  if (better === 'none') return 'changed';
  return r.change < 0 === (better === 'lower') ? 'better' : 'worse';
}

/**
 * A function absent from an iteration that has CPU profiles cost it nothing: it counts 0 there,
 * so a function new in the treatment (or gone from it) enters the diff with its whole cost
 * instead of being dropped for having no baseline values.
 */
function padFunctions(
  pending: Map<string, Pending>,
  its: readonly IterationMetrics[],
  side: 'b' | 't',
): void {
  const functions = [...pending.values()].filter((p) => p.group === 'function');
  for (const it of its) {
    let profiled = false;
    for (const v of it.metrics.values())
      if (v.group === 'function') {
        profiled = true;
        break;
      }
    if (!profiled) continue;
    for (const p of functions) if (!it.metrics.has(p.name)) p[side].push(0);
  }
}

interface NoiseStep {
  readonly flagged: { readonly baseline: string[]; readonly treatment: string[] };
  readonly unmeasured: { readonly baseline: string[]; readonly treatment: string[] };
  readonly base: IterationMetrics[];
  readonly treat: IterationMetrics[];
  readonly warnings: string[];
  /** Set when `--exclude-noisy` left a side with nothing. */
  readonly emptied?: string;
}

/** Step 1: which iterations ran on a loaded machine, and which stay in the statistics. */
function noiseStep(
  baselineAll: readonly IterationMetrics[],
  treatmentAll: readonly IterationMetrics[],
  excludeNoisy: boolean,
): NoiseStep {
  const warnings: string[] = [];
  const noisy = (its: readonly IterationMetrics[]): string[] =>
    its.filter((i) => isNoisy(i.load)).map((i) => i.label);
  const flagged = { baseline: noisy(baselineAll), treatment: noisy(treatmentAll) };
  const unmeasuredOf = (its: readonly IterationMetrics[]): string[] =>
    its.filter((i) => isUnmeasured(i.load)).map((i) => i.label);
  const unmeasured = { baseline: unmeasuredOf(baselineAll), treatment: unmeasuredOf(treatmentAll) };
  const keep = (its: readonly IterationMetrics[]): IterationMetrics[] =>
    excludeNoisy ? its.filter((i) => !isNoisy(i.load)) : [...its];
  const base = keep(baselineAll);
  const treat = keep(treatmentAll);
  if (flagged.baseline.length + flagged.treatment.length > 0)
    warnings.push(
      `${flagged.baseline.length} baseline and ${flagged.treatment.length} treatment iteration(s) ran while other processes loaded the machine (${[...flagged.baseline.map((l) => `baseline/${l}`), ...flagged.treatment.map((l) => `treatment/${l}`)].join(', ')}); ` +
        (excludeNoisy
          ? 'they are left out of the statistics'
          : 'they are included (--exclude-noisy leaves them out)'),
    );
  const nUnmeasured = unmeasured.baseline.length + unmeasured.treatment.length;
  if (nUnmeasured > 0)
    warnings.push(
      `${nUnmeasured} iteration(s) unmeasured (no machine.tsv rows): ` +
        `${[...unmeasured.baseline.map((l) => `baseline/${l}`), ...unmeasured.treatment.map((l) => `treatment/${l}`)].join(', ')}; ` +
        'whether other processes loaded the machine then is unknown, so they are not counted as ' +
        'quiet (kept in the statistics)',
    );
  const emptied = excludeNoisy
    ? emptiedByNoise(flagged, { baseline: base.length, treatment: treat.length })
    : undefined;
  if (emptied) warnings.push(emptied);
  return { flagged, unmeasured, base, treat, warnings, ...(emptied ? { emptied } : {}) };
}

/** Step 2: every metric id with its values per side (functions padded with 0 where absent). */
function gatherMetrics(
  base: readonly IterationMetrics[],
  treat: readonly IterationMetrics[],
  gateMetrics: ReadonlyMap<string, GateRule & { kind: 'metric' }>,
  primaryIds: readonly string[],
  threshold: number,
): Map<string, Pending> {
  const pending = new Map<string, Pending>();
  const collect = (its: readonly IterationMetrics[], side: 'b' | 't'): void => {
    for (const it of its)
      for (const v of it.metrics.values()) {
        let p = pending.get(v.id);
        if (!p) {
          const gate = gateMetrics.get(v.id);
          const primary = primaryIds.includes(v.id);
          p = {
            name: v.id,
            group: v.group,
            unit: v.unit,
            // A gate says "not worse": for a quantity with no better direction, more is worse.
            better: primary && v.better === 'none' ? 'lower' : v.better,
            primary,
            threshold: gate?.thresholdPct !== undefined ? gate.thresholdPct / 100 : threshold,
            b: [],
            t: [],
            bases: { b: [], t: [] },
          };
          pending.set(v.id, p);
        }
        p[side].push(v.value);
        p.bases[side].push(v.basis);
      }
  };
  collect(base, 'b');
  collect(treat, 't');
  padFunctions(pending, base, 'b');
  padFunctions(pending, treat, 't');
  return pending;
}

/**
 * Step 3: the metrics both sides have; of the functions, only the top ones by CPU on either side
 * enter the diff (and the family).
 */
function usableMetrics(pending: ReadonlyMap<string, Pending>, topFunctions: number): Pending[] {
  const fnKeys = [...pending.values()].filter(
    (p) => p.group === 'function' && p.name.endsWith(':self'),
  );
  const top = new Set(
    fnKeys
      .sort((x, y) => Math.max(median(y.b), median(y.t)) - Math.max(median(x.b), median(x.t)))
      .slice(0, topFunctions)
      .map((p) => p.name.slice(0, -':self'.length)),
  );
  return [...pending.values()].filter((p) => {
    if (p.b.length === 0 || p.t.length === 0) return false;
    if (p.group === 'function') return top.has(p.name.slice(0, p.name.lastIndexOf(':')));
    return true;
  });
}

/**
 * Step 4: each metric tested; the primaries at alpha, the secondaries as one Benjamini-Hochberg
 * family at its level; each with its verdict, basis and smallest detectable change.
 */
function testMetrics(
  usable: readonly Pending[],
  alpha: number,
  opts: CompareOptions,
): { results: MetricComparison[]; familyAlpha: number } {
  const tested = usable.map((p) => ({ p, r: testMetric(p, alpha) }));
  const family = tested.filter((x) => !x.p.primary && x.r.testable);
  const primarySizes = tested
    .filter((x) => x.p.primary)
    .map((x): [number, number] => [x.p.b.length, x.p.t.length]);
  const strict = opts.strictFamily ?? strictByDefault(primarySizes);
  const familyAlpha = opts.familyAlpha ?? (strict ? familyLevel(alpha, primarySizes) : alpha);
  const joint = opts.familyWithPrimary
    ? tested.filter((x) => x.p.primary && x.r.testable).map((x) => x.r.p ?? 1)
    : [];
  const qs = benjaminiHochberg([...family.map((x) => x.r.p ?? 1), ...joint]);
  const qOf = new Map(family.map((x, i) => [x.p.name, qs[i]]));
  const results: MetricComparison[] = tested.map(({ p, r }) => {
    const q = qOf.get(p.name);
    const significant = p.primary ? (r.p ?? 1) <= alpha : q !== undefined && q <= familyAlpha;
    const { testable: _testable, ...rest } = r;
    void _testable;
    const verdict = verdictOf(r, significant, p.better, p.threshold);
    const level = p.primary ? alpha : familyAlpha / Math.max(1, family.length + joint.length);
    const basis =
      p.group === 'latency'
        ? summariseBasis(p.name.slice(p.name.lastIndexOf(':') + 1), p, p.bases)
        : undefined;
    const limited =
      basis?.resolution !== undefined &&
      (verdict === 'better' || verdict === 'worse') &&
      withinResolution(r.change, basis.resolution, p.threshold, r.baseline.median);
    return {
      ...rest,
      ...(q !== undefined ? { q } : {}),
      ...(basis ? { basis: basis.text } : {}),
      ...(basis?.resolution ? { resolution: { ...basis.resolution, limited } } : {}),
      verdict: limited ? 'same' : verdict,
      detectable: detectableChange(p.b, p.t, { alpha: level, threshold: p.threshold }),
    };
  });
  return { results, familyAlpha };
}

/** Step 5: each `--gate` rule against the correctness and the tested metrics. */
function gateResults(
  rules: readonly GateRule[],
  results: readonly MetricComparison[],
  correctness: CorrectnessResult,
): GateResult[] {
  return rules.map((rule) => {
    if (rule.kind === 'assertions')
      return correctness.verdict === 'ok'
        ? { rule: rule.text, status: 'pass', detail: 'no new failing assertion or bad exit' }
        : correctness.verdict === 'inconclusive'
          ? {
              rule: rule.text,
              status: 'inconclusive',
              detail: `fails more often, too few iterations to tell: ${correctness.unclearFailures.slice(0, 3).join('; ')}`,
            }
          : {
              rule: rule.text,
              status: 'fail',
              detail: failuresOf(correctness).slice(0, 3).join('; '),
            };
    const m = results.find((r) => r.name === rule.metric);
    if (!m)
      return {
        rule: rule.text,
        status: 'inconclusive',
        detail: `no metric '${rule.metric}' on both sides`,
      };
    if (m.verdict === 'inconclusive')
      return {
        rule: rule.text,
        status: 'inconclusive',
        detail: `too few iterations (need ${m.needed?.join(' and ')})`,
      };
    return m.verdict === 'worse'
      ? {
          rule: rule.text,
          status: 'fail',
          detail: `worse by ${formatSignedPct(m.changePct)} (p = ${m.p?.toPrecision(2)})`,
        }
      : {
          rule: rule.text,
          status: 'pass',
          detail: `${m.verdict} (${formatSignedPct(m.changePct)}, p = ${m.p?.toPrecision(2)})`,
        };
  });
}

/**
 * Step 6: the verdict and its one sentence — correctness first, then a side emptied by noise,
 * then the primaries (worse before a correctness that cannot tell, before inconclusive, better,
 * no difference).
 */
function overallVerdict(
  correctness: CorrectnessResult,
  emptied: string | undefined,
  primaryIds: readonly string[],
  results: readonly MetricComparison[],
  threshold: number,
): { verdict: Verdict; reason: string } {
  const primaries = primaryIds.map((id) => results.find((r) => r.name === id));
  const missing = primaryIds.filter((_, i) => !primaries[i]);
  const found = primaries.filter((x): x is MetricComparison => x !== undefined);
  const wc = found[0];
  if (correctness.verdict === 'failed-correctness')
    return {
      verdict: 'failed-correctness',
      reason:
        correctness.moreFailures.length > 0
          ? `the treatment fails more often than the baseline: ${failuresOf(correctness).slice(0, 2).join('; ')}`
          : `the treatment fails where the baseline does not: ${failuresOf(correctness).slice(0, 2).join('; ')}`,
    };
  if (emptied) return { verdict: 'inconclusive', reason: emptied };
  if (missing.length > 0 && found.length === 0 && primaryIds.length > 0)
    return {
      verdict: 'inconclusive',
      reason: `${missing.join(', ')}: not measured on both sides`,
    };
  const worse = found.find((m) => m.verdict === 'worse');
  if (worse) return { verdict: 'worse', reason: describe(worse) };
  if (correctness.verdict === 'inconclusive')
    return {
      verdict: 'inconclusive',
      reason: `the treatment fails more often, too few iterations to tell whether by chance: ${correctness.unclearFailures.slice(0, 2).join('; ')}`,
    };
  if (found.some((m) => m.verdict === 'inconclusive') || missing.length > 0) {
    const m = found.find((x) => x.verdict === 'inconclusive');
    return {
      verdict: 'inconclusive',
      reason: m
        ? `${m.name}: raw difference of medians ${formatSigned(m.treatment.median - m.baseline.median)} ${m.unit}; ${seeable(m, threshold)}`
        : `${missing.join(', ')}: not measured on both sides`,
    };
  }
  const better = found.find((m) => m.verdict === 'better');
  if (better) return { verdict: 'better', reason: describe(better) };
  return {
    verdict: 'no-difference',
    reason: wc
      ? `${describe(wc)}: no clear difference — ${seeable(wc, threshold)}`
      : 'no primary metric',
  };
}

/** Primary metrics first, then by q (or p), then by name. */
const byPrimaryThenQ = (x: MetricComparison, y: MetricComparison): number =>
  Number(y.primary) - Number(x.primary) ||
  (x.q ?? x.p ?? 1) - (y.q ?? y.p ?? 1) ||
  x.name.localeCompare(y.name);

export function compareSides(
  baselineAll: readonly IterationMetrics[],
  treatmentAll: readonly IterationMetrics[],
  opts: CompareOptions = {},
): Comparison {
  const alpha = opts.alpha ?? 0.05;
  const threshold = opts.threshold ?? 0.02;
  const correctness = compareCorrectness(baselineAll, treatmentAll, alpha);
  const noise = noiseStep(baselineAll, treatmentAll, opts.excludeNoisy === true);
  const { base, treat } = noise;

  const gateMetrics = new Map<string, GateRule & { kind: 'metric' }>();
  for (const r of opts.gate ?? []) if (r.kind === 'metric') gateMetrics.set(r.metric, r);
  const primaryIds = gateMetrics.size > 0 ? [...gateMetrics.keys()] : ['wall-clock'];
  const pending = gatherMetrics(base, treat, gateMetrics, primaryIds, threshold);
  // Every id either side measured, noisy iterations included: a gate naming none is mistyped.
  const measured = new Set<string>();
  for (const it of [...baselineAll, ...treatmentAll])
    for (const id of it.metrics.keys()) measured.add(id);

  const usable = usableMetrics(pending, opts.topFunctions ?? 40);
  const { results, familyAlpha } = testMetrics(usable, alpha, opts);
  const gate = gateResults(opts.gate ?? [], results, correctness);
  const { verdict, reason } = overallVerdict(
    correctness,
    noise.emptied,
    primaryIds,
    results,
    threshold,
  );

  const nonFn = results.filter((r) => r.group !== 'function').sort(byPrimaryThenQ);
  return {
    verdict,
    reason,
    alpha,
    familyAlpha,
    threshold,
    iterations: { baseline: base.length, treatment: treat.length },
    correctness,
    metrics: nonFn,
    counters: nonFn.filter((r) => r.group === 'counter'),
    functions: results
      .filter((r) => r.group === 'function')
      .sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || x.name.localeCompare(y.name)),
    gate,
    noise: {
      flagged: noise.flagged,
      unmeasured: noise.unmeasured,
      excluded: opts.excludeNoisy === true,
    },
    warnings: noise.warnings,
    diagnostics: inputProblems([baselineAll, treatmentAll]),
    unknownGateMetrics: [...gateMetrics.keys()]
      .filter((id) => !measured.has(id))
      .map((metric) => ({ metric, close: closeNames(metric, measured) })),
  };
}

/**
 * `--exclude-noisy` that left a side with nothing: every one of its iterations ran while other
 * processes loaded the machine. Said as such, not as metrics missing on both sides.
 */
export function emptiedByNoise(
  flagged: { readonly baseline: readonly string[]; readonly treatment: readonly string[] },
  kept: { readonly baseline: number; readonly treatment: number },
): string | undefined {
  const sides = (['baseline', 'treatment'] as const).filter(
    (s) => kept[s] === 0 && flagged[s].length > 0,
  );
  if (sides.length === 0) return undefined;
  return (
    sides
      .map(
        (s) =>
          `all ${flagged[s].length} ${s} iteration(s) were excluded as noisy (${flagged[s].join(', ')})`,
      )
      .join('; ') +
    ': other processes loaded the machine while each ran, so nothing is left to compare ' +
    '(run again on a quieter machine, or compare without --exclude-noisy)'
  );
}

/** What makes the correctness fail, each as one line. */
export function failuresOf(c: CorrectnessResult): string[] {
  return [...c.newFailures, ...c.newBadExits, ...c.moreFailures];
}

/** Kept under their old names for the CLI's text output; written in protocol/format.ts. */
export { formatSigned as fmtSigned, formatSignedPct as fmtPct };

/** What the comparison of this metric could have seen (the one sentence for both verdicts). */
function seeable(m: MetricComparison, threshold: number): string {
  return sensitivitySentence({
    baselineN: m.baseline.n,
    treatmentN: m.treatment.n,
    detectable: m.detectable,
    needed: m.needed,
    threshold,
  });
}

function describe(m: MetricComparison): string {
  const ci = m.ciPct
    ? `CI ${formatSignedPct(m.ciPct[0])} … ${formatSignedPct(m.ciPct[1])}`
    : `CI ${formatSigned(m.ci[0])} … ${formatSigned(m.ci[1])} ${m.unit}`;
  return (
    `${m.name} ${formatSignedPct(m.changePct)} (${ci}, p = ${m.p?.toPrecision(2)}, ` +
    `n = ${m.baseline.n} vs ${m.treatment.n})`
  );
}

/**
 * Exit status of `perflens compare`: 0 nothing worse, 1 worse / failed correctness / failed gate, 3
 * inconclusive.
 */
export function exitCodeOf(c: Comparison): number {
  if (
    c.verdict === 'worse' ||
    c.verdict === 'failed-correctness' ||
    c.gate.some((g) => g.status === 'fail')
  )
    return 1;
  if (c.verdict === 'inconclusive' || c.gate.some((g) => g.status === 'inconclusive')) return 3;
  return 0;
}

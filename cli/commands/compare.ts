/**
 * `perflens compare BASELINE TREATMENT [--json] [--markdown] [--gate RULES] [--alpha A]
 * [--threshold P]`
 *
 * Each side is a run folder, a soak folder (`run-1…N`) or a folder of iterations (what `perflens
 * ab` writes), found by content. Exit status: 0 nothing got worse (better or no-difference), 1
 * worse, failed-correctness or a failed gate rule, 2 unusable input or arguments, 3 inconclusive.
 */
import * as path from 'node:path';
import {
  compareSides,
  comparisonMarkdown,
  emptiedByNoise,
  exitCodeOf,
  loadSide,
  parseGateRules,
  type Comparison,
  type GateRule,
  type LoadSideOptions,
} from '../../engine/compare';
import { formatDiagnostic } from '../../protocol/diagnostics';
import type { CliIo } from '../io';
import type { ParsedArgs, Subcommand } from '../subcommand';
import { ExitCode, UsageError } from '../usage';
import { str } from '../values';

export const COMPARE_EXIT = { ...ExitCode, worse: 1, inconclusive: 3 } as const;

export interface CompareSettings {
  readonly baseline: string;
  readonly treatment: string;
  readonly alpha: number;
  readonly threshold: number;
  readonly gate?: GateRule[];
  readonly excludeNoisy: boolean;
  /** Unset: strict from 10 iterations a side (the engine's default). */
  readonly strictFamily?: boolean;
  readonly load: LoadSideOptions;
}

function fraction(flag: string, v: string | undefined, dflt: number, percent: boolean): number {
  if (v === undefined) return dflt;
  const pct = v.trim().endsWith('%');
  const n = Number(v.trim().replace(/%$/, ''));
  if (v.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new UsageError(
      `--${flag} expects a number${percent ? ' or a percentage (2%)' : ''}, got '${v}'`,
    );
  const f = pct || (percent && n >= 1) ? n / 100 : n;
  if (f >= 1 || (!percent && f <= 0))
    throw new UsageError(`--${flag} must be between 0 and 1, got '${v}'`);
  return f;
}

/** `--strict-family` / `--family-at-alpha`, or neither (the default rule). */
function familyChoice(a: ParsedArgs): { strictFamily?: boolean } {
  const strict = a.values['strict-family'] === true;
  const atAlpha = a.values['family-at-alpha'] === true;
  if (strict && atAlpha)
    throw new UsageError('choose one of --strict-family and --family-at-alpha');
  return strict ? { strictFamily: true } : atAlpha ? { strictFamily: false } : {};
}

export function compareArgs(a: ParsedArgs, cwd: string): CompareSettings {
  if (a.positionals.length !== 2)
    throw new UsageError(`expected BASELINE and TREATMENT, got ${a.positionals.length} path(s)`);
  let gate: GateRule[] | undefined;
  const g = str(a.values.gate);
  if (g !== undefined) {
    const r = parseGateRules(g);
    if (r.error) throw new UsageError(r.error);
    gate = r.rules;
  }
  const skip = str(a.values['start-skip']);
  const skipS = skip === undefined ? 30 : Number(skip);
  if (!Number.isFinite(skipS) || skipS < 0)
    throw new UsageError(`--start-skip expects seconds (0 or more), got '${skip}'`);
  return {
    baseline: path.resolve(cwd, a.positionals[0]),
    treatment: path.resolve(cwd, a.positionals[1]),
    alpha: fraction('alpha', str(a.values.alpha), 0.05, false),
    threshold: fraction('threshold', str(a.values.threshold), 0.02, true),
    gate,
    excludeNoisy: a.values['exclude-noisy'] === true,
    ...familyChoice(a),
    load: {
      startSkipMs: skipS * 1000,
      noiseThreshold: fraction('noise', str(a.values.noise), 0.5, false),
      functions: a.values['no-functions'] !== true,
    },
  };
}

/** Loads both sides and compares them; a string when a side is unusable. */
export async function runComparison(s: CompareSettings): Promise<Comparison | string> {
  const [b, t] = await Promise.all([loadSide(s.baseline, s.load), loadSide(s.treatment, s.load)]);
  if (b.error) return `baseline ${b.error}`;
  if (t.error) return `treatment ${t.error}`;
  return compareSides(b.iterations, t.iterations, {
    alpha: s.alpha,
    threshold: s.threshold,
    gate: s.gate,
    excludeNoisy: s.excludeNoisy,
    strictFamily: s.strictFamily,
  });
}

/** Plain-text summary for the terminal: the verdict line and the primary and changed metrics. */
function textSummary(c: Comparison): string {
  const md = comparisonMarkdown(c);
  return md;
}

/** `--gate: no metric 'x' on either side; close: a, b` */
function unknownGateText(u: { metric: string; close: readonly string[] }): string {
  return (
    `--gate: no metric '${u.metric}' was measured on either side` +
    (u.close.length > 0
      ? `; did you mean ${u.close.map((n) => `'${n}'`).join(', ')}?`
      : ' (metric ids: wall-clock, counter:<name>:total|count|rate, resource:cpu|rss:avg|max, ' +
        'diag:<path>:rate|level, latency:<metric>:p50|p90|p99|p999, function:<name> (<file>):self|total)')
  );
}

export async function compareAndPrint(
  s: CompareSettings,
  json: boolean,
  io: CliIo,
): Promise<number> {
  const c = await runComparison(s);
  if (typeof c === 'string') {
    io.err(`perflens compare: ${c}\n`);
    return COMPARE_EXIT.usage;
  }
  for (const d of c.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
  if (c.unknownGateMetrics.length > 0)
    throw new UsageError(c.unknownGateMetrics.map(unknownGateText).join('\n'));
  const emptied = s.excludeNoisy ? emptiedByNoise(c.noise.flagged, c.iterations) : undefined;
  if (emptied) {
    io.err(`perflens compare: ${emptied}\n`);
    io.out(json ? `${JSON.stringify(c, null, 2)}\n` : textSummary(c));
    return COMPARE_EXIT.usage;
  }
  const wall = c.metrics.find((m) => m.name === 'wall-clock');
  if (!wall && !s.gate) {
    io.err(
      'perflens compare: no wall-clock on both sides (run.json start/end or ' +
        'summary-metrics.json); name the metrics to judge with --gate\n',
    );
    if (!json) io.out(textSummary(c));
    else io.out(`${JSON.stringify(c, null, 2)}\n`);
    return COMPARE_EXIT.usage;
  }
  io.out(json ? `${JSON.stringify(c, null, 2)}\n` : textSummary(c));
  return exitCodeOf(c);
}

export const compare: Subcommand = {
  name: 'compare',
  synopsis: 'BASELINE TREATMENT [--json | --markdown] [--gate RULES] [--alpha A] [--threshold P]',
  summary: 'A/B verdict between two runs or soaks (rank test, interval, FDR over secondaries)',
  details:
    'Each side: a run folder, a soak folder (run-1…N) or a folder of iterations (perflens ab).\n' +
    'Verdict: failed-correctness (a new FAIL or bad exit in the treatment), else on wall-clock\n' +
    '(or the --gate metrics) at alpha: better, worse, no-difference, inconclusive (too few\n' +
    'iterations). Gate rules (comma-separated): wall-clock:not-worse,\n' +
    'counter:orbitdb.putEntry:total:not-worse-than=5%, latency:ack_ms:p99:not-worse,\n' +
    'assertions:no-new-failures.\n' +
    'Exit 0 nothing worse; 1 worse, failed-correctness or a failed gate rule; 2 unusable input\n' +
    'or arguments; 3 inconclusive.',
  options: {
    json: { type: 'boolean', help: 'print the comparison as JSON (shape in the README)' },
    markdown: { type: 'boolean', help: 'print GitHub-ready Markdown tables (the default output)' },
    gate: {
      type: 'string',
      valueName: 'RULES',
      help: 'judge on these metrics instead of wall-clock',
    },
    alpha: { type: 'string', valueName: 'A', help: 'significance level (default 0.05)' },
    'strict-family': {
      type: 'boolean',
      help:
        'test the secondary metrics at what wall-clock leaves unused of alpha, so A against A\n' +
        'claims anything at most alpha of the time (the default from 10 iterations a side;\n' +
        'below, it hides single secondaries: 0.018 at 5 a side)',
    },
    'family-at-alpha': {
      type: 'boolean',
      help:
        'test the secondary metrics at alpha itself (the default under 10 iterations a side):\n' +
        'finds where a change went, but adds to how often A against A claims anything',
    },
    threshold: {
      type: 'string',
      valueName: 'P',
      help: 'practical threshold: smaller significant changes count as same\n(default 2%)',
    },
    'start-skip': {
      type: 'string',
      valueName: 'S',
      help: 'seconds of start-up left out of resources and diagnostics (default 30)',
    },
    noise: {
      type: 'string',
      valueName: 'F',
      help:
        'flag windows where other processes use more than this fraction\nof the cores ' +
        '(machine.tsv; default 0.5)',
    },
    'exclude-noisy': {
      type: 'boolean',
      help: 'leave iterations with flagged windows out of the statistics',
    },
    'no-functions': { type: 'boolean', help: 'skip reading CPU profiles (no functions diff)' },
  },
  async run(a: ParsedArgs, io: CliIo): Promise<number> {
    if (a.values.json === true && a.values.markdown === true)
      throw new UsageError('choose one of --json and --markdown');
    return compareAndPrint(compareArgs(a, process.cwd()), a.values.json === true, io);
  },
};

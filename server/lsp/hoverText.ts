/**
 * What the hover over a lensed function says (Markdown): per-process CPU, top callers and
 * callees, every matched counter with its numbers, which source the numbers come from and how
 * old it is, and why each counter matched — or that it could not be told apart.
 *
 * Names come from profiles and logs, i.e. from outside: they are escaped, never Markdown or HTML.
 */
import type { InlineCosts, CallLink } from '../../engine/inline/costGroups';
import type {
  CounterMatch,
  CpuMeasure,
  FunctionMeasure,
  MatchReason,
} from '../../engine/inline/matchFunctions';
import { functionLabel } from '../../engine/inline/matchFunctions';
import { changeText, formatCount, formatDuration, formatPct, dominance } from './lensText';
import type { BaselineChange } from '../../engine/inline/baselineChange';
import { formatSignedPct } from '../../protocol/format';

/** Escapes Markdown (and the characters HTML would act on) so profile text stays text. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (c) => `\\${c}`);
}

export interface SourceFacts {
  /** The loaded profile, log or run folder. */
  readonly path: string;
  /** When its data was written (epoch ms), when known. */
  readonly dataTime?: number;
  readonly wallClockMs?: number;
}

export function ageText(then: number, now: number): string {
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${(s / 3600).toFixed(1)} h ago`;
  return `${(s / 86_400).toFixed(1)} days ago`;
}

function reasonText(r: MatchReason): string {
  if (r.kind === 'setting') return 'perflens.counterMap';
  if (r.kind === 'call-site')
    return `call site at line ${r.line} (\`${r.callee.replace(/`/g, '')}\`)`;
  return 'name';
}

/** A cost: time, or samples — or, for a unitless evented profile (no samples), its weight. */
function cpuAmount(costs: InlineCosts, ms: number, samples: number): string {
  if (costs.unit === 'ms') return formatDuration(ms);
  return costs.evented ? formatCount(ms) : `${formatCount(samples)} samples`;
}

function links(title: string, list: readonly CallLink[] | undefined, costs: InlineCosts): string[] {
  if (!list || list.length === 0) return [];
  const items = list.slice(0, 3).map((l) => {
    const g = costs.groups[l.group];
    const where = g.file ? ` (${escapeMarkdown(g.file.split('/').pop() ?? '')}:${g.line})` : '';
    const amount =
      costs.unit === 'ms'
        ? formatDuration(l.weight)
        : `${formatCount(l.weight)}${costs.evented ? '' : ' samples'}`;
    return `${escapeMarkdown(g.native?.owner ? `${g.native.owner}::${g.name}` : g.name || '(anonymous)')}${where} ${amount}`;
  });
  return [`**${title}:** ${items.join(' · ')}`, ''];
}

function counterRow(c: CounterMatch): string {
  const k = c.counter;
  const timer = k.kind === 'timer';
  return `| ${escapeMarkdown(k.name)} | ${formatCount(k.count)}${k.unit ? ` ${escapeMarkdown(k.unit)}` : ''} | ${timer ? formatDuration(k.totalMs) : '–'} | ${timer ? formatDuration(k.avgMs) : '–'} | ${timer ? formatDuration(k.maxMs) : '–'} | ${k.ratePerSec.toFixed(1)} | ${timer ? formatPct(k.shareOfWallClock * 100) : '–'} | ${reasonText(c.reason)} |`;
}

/** A metric's value in its unit: `24.4 s`, `3,606 calls`, `12.5 ms CPU/s`. */
function metricValue(x: number, unit: string): string {
  if (unit === 'ms') return formatDuration(x);
  if (unit === 'ms CPU/s') return `${x.toFixed(1)} ms CPU/s`;
  return `${formatCount(x)} ${escapeMarkdown(unit)}`;
}

function baselineLines(c: BaselineChange): string[] {
  const m = c.metric;
  const ci =
    m.ciPct && Number.isFinite(m.ciPct[0]) && Number.isFinite(m.ciPct[1])
      ? ` (${formatCount((1 - c.alpha) * 100)} % CI ${formatSignedPct(m.ciPct[0])} … ${formatSignedPct(m.ciPct[1])})`
      : '';
  return [
    `**vs baseline** (${escapeMarkdown(c.basis)}, ${m.baseline.n} baseline and ${m.treatment.n} treatment runs): median ${metricValue(m.baseline.median, m.unit)} → ${metricValue(m.treatment.median, m.unit)}; ${escapeMarkdown(changeText(c))}${ci}; ${m.verdict}`,
    '',
  ];
}

/** ` with its callbacks (its own frames 990 ms)`: what a total with callbacks folded in holds. */
function ownText(c: CpuMeasure, costs: InlineCosts): string {
  return c.own
    ? ` with its callbacks, each sample once (its own frames ${cpuAmount(costs, c.own.total, c.own.totalSamples)})`
    : '';
}

/** The CPU line, the per-process table, and the top callers and callees. */
function cpuLines(c: CpuMeasure, costs: InlineCosts): string[] {
  // An evented profile's records are intervals between events, not samples: no count is shown.
  const counted = !costs.evented;
  const samplesPart = counted
    ? `${formatCount(costs.totalSamples)} samples`
    : 'evented profile, no samples';
  const basis =
    costs.unit === 'ms'
      ? `${samplesPart}, ${formatDuration(costs.totalWeight)} of CPU profile over ${costs.processes.length} process(es)`
      : `${samplesPart} over ${costs.processes.length} process(es)`;
  const out = [
    `**CPU** (${basis}): total ${cpuAmount(costs, c.total, c.totalSamples)} (${formatPct(c.totalPct)})${ownText(c, costs)}, self ${cpuAmount(costs, c.self, c.selfSamples)} (${formatPct(c.selfPct)})${counted ? `; ${formatCount(c.totalSamples)} samples with it on the stack, ${formatCount(c.selfSamples)} on top` : ''}`,
    '',
  ];
  if (c.perProcess.length > 0) {
    out.push(
      counted
        ? '| process | total | self | samples | % of process |'
        : '| process | total | self | % of process |',
      counted ? '|---|---:|---:|---:|---:|' : '|---|---:|---:|---:|',
    );
    for (const p of c.perProcess)
      out.push(
        `| ${escapeMarkdown(shortProcess(p.process))} | ${cpuAmount(costs, p.total, p.totalSamples)} | ${cpuAmount(costs, p.self, p.selfSamples)} |${counted ? ` ${formatCount(p.totalSamples)} |` : ''} ${formatPct(p.totalPct)} |`,
      );
    out.push('');
  }
  out.push(...links('Callers', firstLinks(costs.callers, c.groups), costs));
  out.push(...links('Callees', firstLinks(costs.callees, c.groups), costs));
  return out;
}

/**
 * Callbacks run after an `await` without their function on the stack: each one's own line (their
 * CPU is in the function's total already).
 */
function callbackLines(m: FunctionMeasure, costs: InlineCosts): string[] {
  return m.callbacks.flatMap((cb) => [
    `Callback at line ${cb.line}: total ${cpuAmount(costs, cb.cpu.total, cb.cpu.totalSamples)} (${formatPct(cb.cpu.totalPct)}) in its own frames, included in the total above (after an \`await\` it runs without this function on the stack)`,
    '',
  ]);
}

/** Several processes: each one's own numbers, its share over its own wall-clock (as the panel). */
function counterProcessLines(counters: readonly CounterMatch[]): string[] {
  const perProcess = counters.filter((c) => (c.counter.perProcess?.length ?? 0) > 0);
  if (perProcess.length === 0) return [];
  const out = [
    '| counter per process | process | count | total | % of its run |',
    '|---|---|---:|---:|---:|',
  ];
  for (const c of perProcess)
    for (const p of c.counter.perProcess!)
      out.push(
        `| ${escapeMarkdown(c.counter.name)} | ${escapeMarkdown(shortProcess(p.process))} | ${formatCount(p.count)} | ${c.counter.kind === 'timer' ? formatDuration(p.totalMs) : '–'} | ${c.counter.kind === 'timer' ? formatPct(p.shareOfWallClock * 100) : '–'} |`,
      );
  out.push('');
  return out;
}

/**
 * The matched counters' table, each process's share, which counters other functions record too,
 * and whether wall time or CPU dominates the leading timer.
 */
function counterLines(m: FunctionMeasure, costs: InlineCosts | undefined): string[] {
  if (m.counters.length === 0) return [];
  const out = [
    '**Counters**',
    '',
    '| counter | count | total | avg | max | /s | % of wall | matched by |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const c of m.counters) out.push(counterRow(c));
  out.push('', ...counterProcessLines(m.counters));
  for (const c of m.counters)
    if (c.sharedWith.length > 0)
      out.push(
        `\`${plain(c.counter.name)}\` is also recorded ` +
          `by ${c.sharedWith.map(escapeMarkdown).join(', ')}` +
          (c.settlement?.kind === 'cpu-here'
            ? `, which had no CPU samples in this profile: its numbers are this function's.`
            : `: its numbers are theirs together, not this function's alone.`),
        '',
      );
  const lead = m.counters[0];
  if (lead.counter.kind === 'timer' && m.cpu && costs?.unit === 'ms') {
    const d = dominance(m.cpu.total, lead.counter.totalMs);
    if (d)
      out.push(
        `Wall ${formatDuration(lead.counter.totalMs)} (\`${lead.counter.name.replace(/`/g, '')}\`) vs CPU ${formatDuration(m.cpu.total)}: ${d}.`,
        '',
      );
  }
  return out;
}

/** A counter name inside backticks: backticks dropped, the rest is code, never Markdown. */
function plain(name: string): string {
  return name.replace(/`/g, '');
}

/** `1,930 calls, 12.9 s`: what an ambiguous counter counted, for all its owners together. */
function togetherText(c: CounterMatch): string {
  const k = c.counter;
  return k.kind === 'timer'
    ? `${formatCount(k.count)} calls, ${formatDuration(k.totalMs)}`
    : `${formatCount(k.count)}${k.unit ? ` ${escapeMarkdown(k.unit)}` : ''}`;
}

/** Why a counter that could be this function's is not shown as its number. */
function ambiguousLine(c: CounterMatch): string {
  const name = `\`${plain(c.counter.name)}\``;
  const others = c.sharedWith.map(escapeMarkdown).join(', ');
  const where = reasonText(c.reason);
  const s = c.settlement;
  if (s?.kind === 'cpu-elsewhere')
    return `- ${name} is recorded here too (${where}), but only ${escapeMarkdown(s.to)} had CPU samples in this profile: its numbers are shown there`;
  if (s?.kind === 'cpu-unsettled') {
    const why =
      s.sampled === undefined
        ? 'no CPU profile tells which of them ran'
        : s.sampled === 0
          ? 'none of them had CPU samples in this profile'
          : `${s.sampled} of them had CPU samples in this profile`;
    return `- ${name} (${togetherText(c)}) is recorded here (${where}) and by ${others}: ${why}, so its numbers cannot be told apart`;
  }
  if (s?.kind === 'owner-mismatch')
    return `- ${name} fits this function by name only, but \`${plain(s.prefix)}\` names neither this file nor its class or object`;
  return `- ${name} fits this function and ${others} by name`;
}

/** Counters that could be this function's but are not told apart (kept out of the lens). */
function ambiguousLines(ambiguous: readonly CounterMatch[]): string[] {
  if (ambiguous.length === 0) return [];
  return ['**Ambiguous** (not shown in the lens):', '', ...ambiguous.map(ambiguousLine), ''];
}

export function hoverMarkdown(
  m: FunctionMeasure,
  costs: InlineCosts | undefined,
  source: SourceFacts,
  now: number,
  change?: BaselineChange,
): string {
  const age = source.dataTime !== undefined ? `, data from ${ageText(source.dataTime, now)}` : '';
  return [
    `**${escapeMarkdown(functionLabel(m.fn))}** — PerfLens`,
    '',
    ...(m.cpu && costs ? cpuLines(m.cpu, costs) : []),
    ...(costs ? callbackLines(m, costs) : []),
    ...counterLines(m, costs),
    ...(change ? baselineLines(change) : []),
    ...ambiguousLines(m.ambiguous),
    `From ${escapeMarkdown(source.path)}${age}`,
  ].join('\n');
}

function firstLinks(
  map: ReadonlyMap<number, readonly CallLink[]>,
  groups: readonly number[],
): CallLink[] {
  const own = new Set(groups);
  const merged = new Map<number, number>();
  for (const g of groups)
    for (const l of map.get(g) ?? [])
      if (!own.has(l.group)) merged.set(l.group, (merged.get(l.group) ?? 0) + l.weight);
  return [...merged]
    .map(([group, weight]) => ({ group, weight }))
    .sort((a, b) => b.weight - a.weight);
}

/** `pid 3729 /usr/bin/node /long/path/dist/main.js --name bob …` → at most 80 characters. */
function shortProcess(label: string): string {
  return label.length > 80 ? `${label.slice(0, 79)}…` : label;
}

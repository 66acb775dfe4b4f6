/**
 * What a CodeLens says: both kinds of cost with their basis, and which one dominates.
 *
 *   putEntry · 3,606 calls · 24.4 s wall (avg 6.8 ms, 4.1 % of run) · CPU 1.3 s (2.7 %) → mostly waiting
 *   handle_incoming · CPU 1,912 samples (61.0 %) · self 540
 *
 * Only numbers that exist for the function are shown; counts are exact integers with thousands
 * separators. Wall time comes from a counter (summed over calls, so overlapping async calls add
 * up); CPU time from the profile's samples. A function whose CPU time is under half its wall
 * time spends most of it waiting (network, disk, locks): CPU "fixes" will not help there.
 */
import type { InlineCosts } from '../../engine/inline/costGroups';
import type { CounterMatch, FunctionMeasure } from '../../engine/inline/matchFunctions';
import type { CounterFacts, CounterProcessShare } from '../../engine/inline/counterFacts';
import type { BaselineChange } from '../../engine/inline/baselineChange';
import { formatSignedPct, formatSigned } from '../../protocol/format';

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** An exact integer with thousands separators: `3,606`. */
export function formatCount(n: number): string {
  return counts.format(Math.round(n));
}

/** `24.4 s`, `6.8 ms`, `312 ms`, `0.0 ms`. */
export function formatDuration(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function formatPct(pct: number): string {
  return `${pct.toFixed(1)} %`;
}

export type Dominance = 'mostly waiting' | 'mostly CPU' | 'CPU and waiting';

/** Which cost dominates, from CPU ms and wall ms of the same function; undefined without both. */
export function dominance(cpuMs: number, wallMs: number): Dominance | undefined {
  if (!(wallMs > 0)) return undefined;
  const ratio = cpuMs / wallMs;
  if (ratio < 0.5) return 'mostly waiting';
  if (ratio >= 0.8) return 'mostly CPU';
  return 'CPU and waiting';
}

/** The counter a lens leads with: the heaviest timer, else the largest count. */
export function leadCounter(m: FunctionMeasure): CounterMatch | undefined {
  return m.counters[0];
}

/** A process name short enough for a lens (`pid 3729 /usr/bin/node …` or `run-2/alice`). */
function shortName(name: string): string {
  return name.length > 24 ? `${name.slice(0, 23)}…` : name;
}

/**
 * The share of run a timer's lens states. One process: its time over the run's wall-clock.
 * Several: a sum over processes can pass 100 % and says little, so the lens gives each
 * process's own share (time over that process's wall-clock, as the panel's per-process rows),
 * naming the process — both when two recorded it, else the largest and how many there were.
 */
function shareText(k: CounterFacts, processes: number): string {
  const per = k.perProcess;
  if (processes <= 1) return `${formatPct(k.shareOfWallClock * 100)} of run`;
  if (!per || per.length === 0)
    return `${formatPct(k.shareOfWallClock * 100)} of run summed over ${processes} processes`;
  const one = (p: CounterProcessShare): string =>
    `${formatPct(p.shareOfWallClock * 100)} of ${shortName(p.process)}'s run`;
  if (per.length === 1) return one(per[0]);
  if (per.length === 2)
    return `${one(per[0])}, ${formatPct(per[1].shareOfWallClock * 100)} of ${shortName(per[1].process)}'s`;
  return `up to ${one(per[0])} (${per.length} processes)`;
}

/**
 * `3,606 calls · 24.4 s wall (avg 6.8 ms, 4.1 % of run)`, or for a count-only counter `12,345 bytes
 * (ipfs.pinCar.bytes)`.
 */
function counterPart(c: CounterMatch, processes: number): string {
  const k = c.counter;
  if (k.kind === 'timer')
    return (
      `${formatCount(k.count)} calls · ${formatDuration(k.totalMs)} wall ` +
      `(avg ${formatDuration(k.avgMs)}, ${shareText(k, processes)})`
    );
  return `${formatCount(k.count)} ${k.unit ?? 'counted'} (${k.name})`;
}

/** `0.04`, `0.35`, `< 0.001`: two significant digits are all a p-value means. */
export function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : String(Number(p.toPrecision(2)));
}

/**
 * `Δ −59 % vs baseline (q 0.04)`: the Hodges-Lehmann shift over the baseline's median, with the
 * adjusted p the comparison judged it by (q for the counters and functions family, p for a
 * primary metric); `inconclusive` when the sides are too small for the test to reach alpha.
 */
export function changeText(c: BaselineChange): string {
  const m = c.metric;
  const delta =
    m.changePct !== null ? formatSignedPct(m.changePct) : `${formatSigned(m.change)} ${m.unit}`;
  const judged =
    m.verdict === 'inconclusive'
      ? `inconclusive, ${m.baseline.n} vs ${m.treatment.n} runs`
      : m.q !== undefined
        ? `q ${formatP(m.q)}`
        : m.p !== null
          ? `p ${formatP(m.p)}`
          : `${m.baseline.n} vs ${m.treatment.n} runs`;
  return `Δ ${delta} vs baseline (${judged})`;
}

/**
 * `counterProcesses`: how many processes the counters were read from (their sum is shown);
 * `change`: the function's change vs baseline when a comparison is loaded.
 */
export function lensTitle(
  m: FunctionMeasure,
  costs: InlineCosts | undefined,
  counterProcesses = 1,
  change?: BaselineChange,
): string {
  const parts: string[] = [m.fn.name];
  const lead = leadCounter(m);
  if (lead) parts.push(counterPart(lead, counterProcesses));
  const cpu = m.cpu;
  if (cpu && costs) {
    if (costs.unit === 'ms')
      parts.push(`CPU ${formatDuration(cpu.total)} (${formatPct(cpu.totalPct)})`);
    // A unitless evented profile has no samples: its weight is shown as it is.
    else if (costs.evented)
      parts.push(`CPU ${formatCount(cpu.total)} (${formatPct(cpu.totalPct)})`);
    else parts.push(`CPU ${formatCount(cpu.totalSamples)} samples (${formatPct(cpu.totalPct)})`);
    if (!lead)
      parts.push(
        costs.unit === 'ms'
          ? `self ${formatDuration(cpu.self)}`
          : `self ${formatCount(costs.evented ? cpu.self : cpu.selfSamples)}`,
      );
  } else if (lead?.counter.kind === 'timer' && costs && costs.totalSamples > 0) {
    // A loaded profile without samples in the function is a measured zero, not a missing number.
    parts.push(costs.unit === 'ms' ? 'CPU 0.0 ms (0.0 %)' : 'CPU 0 samples (0.0 %)');
  }
  let title = parts.join(' · ');
  if (lead?.counter.kind === 'timer' && costs && costs.unit === 'ms' && costs.totalSamples > 0) {
    const verdict = dominance(cpu?.total ?? 0, lead.counter.totalMs);
    if (verdict) title += ` → ${verdict}`;
  }
  if (change) title += ` · ${changeText(change)}`;
  // CPU settled a counter several functions record (the others never ran): it is this one's.
  if (lead && lead.sharedWith.length > 0 && lead.settlement?.kind !== 'cpu-here')
    title += ` · shared with ${lead.sharedWith.length} other${lead.sharedWith.length > 1 ? 's' : ''}`;
  return title;
}

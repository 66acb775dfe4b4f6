/**
 * The Summary's CPU and RSS: each process's average and peak over the active window (after the
 * start-skip), or over the whole run when it is shorter than the start-skip, with which of the
 * two it is said in words. Rows are named from run.json (`alice (pid 11529)`), not `node`.
 */
// Per process only: the summary's `total` buckets samples by whole seconds, so two 0.5 s sampling
// passes fall into one bucket and are added together (RSS twice over); it is not shown.
import type { ResourceStats, ResourceSummary } from '../soak/samples';
import type { RunProcess } from './runProcesses';
import type { ResourceRow, ResourceSummaryData } from '../../protocol/sourceData';
import { formatDuration, formatInteger } from '../../protocol/format';

/** One run's resources: a prefix (`run-1/` in a soak), its summary and run.json's processes. */
export interface RunResources {
  readonly prefix: string;
  readonly summary?: ResourceSummary;
  readonly processes: readonly RunProcess[];
}

const mib = (kb: number | undefined): number | null =>
  kb === undefined ? null : Math.round((kb / 1024) * 10) / 10;

function row(name: string, s: ResourceStats): ResourceRow {
  return {
    name,
    samples: s.samples,
    avgCpuPct: s.avgCpuPct ?? null,
    maxCpuPct: s.maxCpuPct ?? null,
    avgRssMiB: mib(s.avgRssKb),
    maxRssMiB: mib(s.maxRssKb),
  };
}

/** Over which samples a run's figures are, in words. */
export function resourceWindowWords(r: ResourceSummary): string {
  const skip = formatDuration(r.startSkipMs);
  return r.wholeRun
    ? `the whole run: it is shorter than the ${skip} start-skip, so nothing was skipped`
    : `the active window after the ${skip} start-skip ` +
        `(${formatInteger(r.skippedSamples)} earlier samples left out)`;
}

export function resourceSummaryData(
  runs: readonly RunResources[],
): ResourceSummaryData | undefined {
  const rows: ResourceRow[] = [];
  const bases = new Set<string>();
  for (const r of runs) {
    const s = r.summary;
    if (!s || s.perProcess.length === 0) continue;
    bases.add(resourceWindowWords(s));
    const names = new Map(r.processes.map((p) => [p.pid, p.name]));
    for (const p of s.perProcess) {
      const name = (p.pid !== undefined ? names.get(p.pid) : undefined) ?? p.name ?? 'process';
      rows.push(row(`${r.prefix}${name}${p.pid !== undefined ? ` (pid ${p.pid})` : ''}`, p));
    }
  }
  if (rows.length === 0) return undefined;
  return { basis: [...bases].join('; '), rows };
}

/**
 * Resource samples (`samples.tsv`) → avg/max CPU % and RSS over the active window.
 *
 * Header the PerfLens runner writes (runner/treeMonitor.ts): `time elapsed_s pid ppid name cpu_pct
 * rss_kb`, one row per process every 5 s. Other soak samplers name columns differently; the aliases
 * below cover the top/ps spellings (`%CPU`, `RSS`, `rss_mb`, `ts`). RSS is normalised to KiB.
 *
 * Active window: samples before `startSkipMs` (default 30 000, as soak scripts' summary-metrics
 * do) after the first sample are skipped — start-up is not steady state. "Total" sums the
 * processes' values at each sample tick (same time), then averages those sums. A run shorter
 * than the start-skip has no active window at all; its figures are then taken over the whole run
 * (`wholeRun`), and every reader says so — an empty summary would hide what was measured.
 */
import { EngineDiagnostic, warningAt } from '../diagnostics';
import { TsvTable, findColumn } from './tsv';

export interface Sample {
  readonly line: number;
  /** Epoch ms, or ms since the start when the file only has elapsed time. */
  readonly timeMs: number;
  readonly pid?: number;
  readonly name?: string;
  readonly cpuPct?: number;
  readonly rssKb?: number;
}

export interface ResourceStats {
  readonly samples: number;
  readonly avgCpuPct?: number;
  readonly maxCpuPct?: number;
  readonly avgRssKb?: number;
  readonly maxRssKb?: number;
}

export interface ProcessResources extends ResourceStats {
  readonly pid?: number;
  readonly name?: string;
}

export interface ResourceSummary {
  readonly startSkipMs: number;
  /** The active window, in the samples' own time base. */
  readonly windowStartMs?: number;
  readonly windowEndMs?: number;
  readonly skippedSamples: number;
  /** Set when every sample fell inside the start-skip: the figures are over the whole run. */
  readonly wholeRun?: true;
  readonly perProcess: ProcessResources[];
  readonly total: ResourceStats;
}

const TIME = ['time', 'ts', 'timestamp', 'date'];
const ELAPSED = ['elapsed_s', 'elapsed', 't_s', 'seconds'];
const PID = ['pid', 'PID'];
const NAME = ['name', 'label', 'process', 'comm', 'command'];
const CPU = ['cpu_pct', 'cpu%', '%cpu', 'cpu', 'cpu_percent', 'pcpu'];
const RSS: Array<[string, number]> = [
  ['rss_kb', 1],
  ['rss_kib', 1],
  ['rss', 1],
  ['rss_mb', 1024],
  ['rss_mib', 1024],
  ['rss_bytes', 1 / 1024],
];

export function samplesFromTsv(
  t: TsvTable,
  file: string,
): { samples: Sample[]; diagnostics: EngineDiagnostic[] } {
  const diagnostics: EngineDiagnostic[] = [];
  const timeCol = findColumn(t.header, TIME);
  const elapsedCol = findColumn(t.header, ELAPSED);
  const pidCol = findColumn(t.header, PID);
  const nameCol = findColumn(t.header, NAME);
  const cpuCol = findColumn(t.header, CPU);
  let rssCol: string | undefined;
  let rssScale = 1;
  for (const [alias, scale] of RSS) {
    const c = findColumn(t.header, [alias]);
    if (c) {
      rssCol = c;
      rssScale = scale;
      break;
    }
  }
  if (!timeCol && !elapsedCol)
    diagnostics.push(
      warningAt(file, 'no time column; samples are taken as 5 s apart', {
        line: 1,
        expected: `one of ${[...TIME, ...ELAPSED].join(', ')}`,
      }),
    );
  if (!cpuCol)
    diagnostics.push(
      warningAt(file, 'no CPU column; CPU % is not reported', {
        line: 1,
        expected: `one of ${CPU.join(', ')}`,
      }),
    );
  if (!rssCol)
    diagnostics.push(
      warningAt(file, 'no RSS column; memory is not reported', {
        line: 1,
        expected: `one of ${RSS.map((r) => r[0]).join(', ')}`,
      }),
    );
  const samples: Sample[] = [];
  let bad = 0;
  t.rows.forEach((r, k) => {
    let timeMs: number | undefined;
    if (timeCol && r.cells[timeCol] !== undefined) {
      const v = r.cells[timeCol];
      const n = Number(v);
      timeMs = Number.isFinite(n) && v.trim() !== '' ? (n < 1e11 ? n * 1000 : n) : Date.parse(v);
    }
    if ((timeMs === undefined || !Number.isFinite(timeMs)) && elapsedCol)
      timeMs = Number(r.cells[elapsedCol]) * 1000;
    if (timeMs === undefined || !Number.isFinite(timeMs)) timeMs = k * 5000;
    const cpu = cpuCol ? inRange(num(r.cells[cpuCol]), MAX_CPU_PCT) : undefined;
    const rss = rssCol ? inRange(num(r.cells[rssCol]), MAX_RSS_KB / rssScale) : undefined;
    if ((cpuCol && cpu === undefined) || (rssCol && rss === undefined)) {
      bad++;
      if (bad <= 10)
        diagnostics.push(
          warningAt(
            file,
            'sample with a missing, non-numeric, negative or out-of-range CPU/RSS cell; that ' +
              'value is left out',
            {
              line: r.line,
              expected: `numbers from 0 to ${MAX_CPU_PCT} % CPU and ${MAX_RSS_KB} KiB RSS`,
            },
          ),
        );
    }
    const pid = pidCol ? num(r.cells[pidCol]) : undefined;
    samples.push({
      line: r.line,
      timeMs,
      pid,
      name: nameCol ? r.cells[nameCol] : undefined,
      cpuPct: cpu,
      rssKb: rss === undefined ? undefined : rss * rssScale,
    });
  });
  return { samples, diagnostics };
}

/** Above these a cell is corrupt, not a measurement: 1,000 cores busy; 1 PiB resident. */
const MAX_CPU_PCT = 100_000;
const MAX_RSS_KB = 2 ** 40;

const inRange = (x: number | undefined, max: number): number | undefined =>
  x !== undefined && x >= 0 && x <= max ? x : undefined;

/**
 * Smallest and largest of many numbers without spreading them into arguments (stack overflow past
 * ~125k).
 */
function minMax(xs: readonly number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { min, max };
}

function num(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v.replace(/%$/, ''));
  return Number.isFinite(n) ? n : undefined;
}

export function summariseResources(
  samples: readonly Sample[],
  startSkipMs = 30_000,
): ResourceSummary {
  if (samples.length === 0)
    return { startSkipMs, skippedSamples: 0, perProcess: [], total: { samples: 0 } };
  const t0 = minMax(samples.map((s) => s.timeMs)).min;
  const afterSkip = samples.filter((s) => s.timeMs - t0 >= startSkipMs);
  const wholeRun = afterSkip.length === 0;
  const active = wholeRun ? samples : afterSkip;
  const byProc = new Map<string, Sample[]>();
  for (const s of active) {
    const key = s.pid !== undefined ? `pid:${s.pid}` : `name:${s.name ?? ''}`;
    let l = byProc.get(key);
    if (!l) byProc.set(key, (l = []));
    l.push(s);
  }
  const perProcess: ProcessResources[] = [...byProc.values()].map((l) => ({
    pid: l[0].pid,
    name: l[0].name,
    ...stats(
      l.map((s) => s.cpuPct),
      l.map((s) => s.rssKb),
    ),
  }));
  const byTick = new Map<number, { cpu: number[]; rss: number[] }>();
  for (const s of active) {
    const tick = Math.round(s.timeMs / 1000); // rows of one sampling pass share (nearly) one time
    let e = byTick.get(tick);
    if (!e) byTick.set(tick, (e = { cpu: [], rss: [] }));
    if (s.cpuPct !== undefined) e.cpu.push(s.cpuPct);
    if (s.rssKb !== undefined) e.rss.push(s.rssKb);
  }
  const ticks = [...byTick.values()];
  const total = stats(
    ticks.map((e) => (e.cpu.length ? sum(e.cpu) : undefined)),
    ticks.map((e) => (e.rss.length ? sum(e.rss) : undefined)),
  );
  const times = active.map((s) => s.timeMs);
  return {
    startSkipMs,
    windowStartMs: times.length ? minMax(times).min : undefined,
    windowEndMs: times.length ? minMax(times).max : undefined,
    skippedSamples: samples.length - active.length,
    ...(wholeRun ? { wholeRun: true as const } : {}),
    perProcess,
    total,
  };
}

function stats(cpu: Array<number | undefined>, rss: Array<number | undefined>): ResourceStats {
  const c = cpu.filter((x): x is number => x !== undefined);
  const r = rss.filter((x): x is number => x !== undefined);
  return {
    samples: Math.max(cpu.length, rss.length),
    ...(c.length ? { avgCpuPct: round1(sum(c) / c.length), maxCpuPct: round1(minMax(c).max) } : {}),
    ...(r.length
      ? { avgRssKb: Math.round(sum(r) / r.length), maxRssKb: Math.round(minMax(r).max) }
      : {}),
  };
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const round1 = (x: number): number => Math.round(x * 10) / 10;

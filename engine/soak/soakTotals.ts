/**
 * A soak folder summed over its runs: counter totals over every run's windows against the summed
 * wall-clock, resources averaged over the runs that have samples, assertions added up. The soak
 * model owns this arithmetic; reports only shape its result into rows.
 */
import {
  CounterRun,
  CounterTotal,
  CounterWindow,
  WallClockBasis,
  totalsOf,
} from '../counters/counterRun';
import { EngineDiagnostic } from '../diagnostics';
import { AssertionCounts } from './assertions';
import { RunModel, SoakModel } from './readRunFolder';
import { LeftOutSamples, ResourceStats, ResourceSummary } from './samples';

/** Start-up samples skipped when the caller gave no start-skip (as readRunFolder's default). */
const DEFAULT_START_SKIP_MS = 30_000;

export interface SoakResources {
  readonly startSkipMs: number;
  readonly skippedSamples: number;
  /** Every run was shorter than the start-skip: each run's figures are over its whole run. */
  readonly wholeRun?: true;
  /** What the runs' summaries left out (profiler processes, rows after the end), added up. */
  readonly leftOut?: LeftOutSamples;
  readonly total: ResourceStats;
}

export interface SoakTotals {
  /** Every run's counter windows, run after run. */
  readonly windows: CounterWindow[];
  readonly wallClockMs: number;
  readonly wallClockBasis: WallClockBasis;
  readonly totals: CounterTotal[];
  /** The first run with perf counters: its dump interval stands for the soak's. */
  readonly intervalRun?: CounterRun;
  readonly resources?: SoakResources;
  readonly assertions?: Pick<AssertionCounts, 'pass' | 'fail'>;
  readonly diagnostics: EngineDiagnostic[];
}

/** The counters a run is measured by: its perf counters, else its Rust diagnostics windows. */
export function countersOf(run: RunModel): CounterRun | undefined {
  return run.counters ?? run.diagnosticsCounters;
}

export function soakTotals(soak: SoakModel, startSkipMs = DEFAULT_START_SKIP_MS): SoakTotals {
  const windows: CounterWindow[] = [];
  let wallClockMs = 0;
  for (const r of soak.runs) {
    const run = countersOf(r);
    if (!run) continue;
    for (const process of run.processes) windows.push(...process.windows);
    wallClockMs += r.wallClockMs ?? run.wallClockMs;
  }
  const resources = soakResources(soak.runs, startSkipMs);
  const assertions = soakAssertions(soak.runs);
  return {
    windows,
    wallClockMs,
    wallClockBasis: soakWallClockBasis(soak.runs),
    totals: totalsOf(windows, wallClockMs),
    intervalRun: soak.runs.find((r) => r.counters)?.counters,
    ...(resources ? { resources } : {}),
    ...(assertions ? { assertions } : {}),
    diagnostics: soak.runs.flatMap((r) => r.diagnostics),
  };
}

/**
 * `given` when every run's wall-clock was given; `windows` as soon as one run only counted windows.
 */
function soakWallClockBasis(runs: readonly RunModel[]): WallClockBasis {
  if (runs.every((r) => r.counters?.wallClockBasis === 'given')) return 'given';
  if (runs.some((r) => r.counters?.wallClockBasis === 'windows')) return 'windows';
  return 'timestamps';
}

/**
 * Runs with samples at all (a run whose samples all fall inside the start-skip still counts, with
 * 0 samples): samples and skipped samples summed, averages averaged, maxima maximised.
 */
function soakResources(runs: readonly RunModel[], startSkipMs: number): SoakResources | undefined {
  const summaries = runs.flatMap((r) => (r.resources ? [r.resources] : []));
  if (summaries.length === 0) return undefined;
  const totals = summaries.map((s) => s.total);
  return {
    startSkipMs,
    skippedSamples: sum(summaries.map((s) => s.skippedSamples)),
    ...(summaries.every((s) => s.wholeRun) ? { wholeRun: true as const } : {}),
    ...leftOutOf(summaries),
    total: {
      samples: sum(totals.map((t) => t.samples)),
      avgCpuPct: meanToTenth(totals.map((t) => t.avgCpuPct)),
      maxCpuPct: maxOf(totals.map((t) => t.maxCpuPct)),
      avgRssKb: meanToTenth(totals.map((t) => t.avgRssKb)),
      maxRssKb: maxOf(totals.map((t) => t.maxRssKb)),
    },
  };
}

function leftOutOf(summaries: readonly ResourceSummary[]): { leftOut?: LeftOutSamples } {
  const l = summaries.flatMap((s) => (s.leftOut ? [s.leftOut] : []));
  if (l.length === 0) return {};
  return {
    leftOut: {
      profilerRows: sum(l.map((x) => x.profilerRows)),
      profilerPids: [...new Set(l.flatMap((x) => x.profilerPids))].sort((a, b) => a - b),
      afterEndRows: sum(l.map((x) => x.afterEndRows)),
    },
  };
}

function soakAssertions(runs: readonly RunModel[]): SoakTotals['assertions'] {
  const counted = runs.flatMap((r) => (r.assertions ? [r.assertions] : []));
  if (counted.length === 0) return undefined;
  return { pass: sum(counted.map((a) => a.pass)), fail: sum(counted.map((a) => a.fail)) };
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

const known = (xs: ReadonlyArray<number | undefined>): number[] =>
  xs.filter((x): x is number => x !== undefined);

/** The mean of the known values to one decimal, as samples.ts rounds a run's averages. */
function meanToTenth(xs: ReadonlyArray<number | undefined>): number | undefined {
  const v = known(xs);
  return v.length ? Math.round((sum(v) / v.length) * 10) / 10 : undefined;
}

function maxOf(xs: ReadonlyArray<number | undefined>): number | undefined {
  const v = known(xs);
  return v.length ? v.reduce((a, b) => Math.max(a, b)) : undefined;
}

/**
 * The engine's side of the runner's analysis seam (runner/types.ts, `RunAnalysisHooks`):
 * counter dumps recognised live and appended to `counters.jsonl`, and at the end `totals.tsv`
 * and `summary-metrics.json` (formats in runFolderFormat.ts).
 *
 * The object returned is structurally a `RunAnalysisHooks`; the engine does not import the runner.
 * ```ts
 * import { createRunAnalysisHooks } from '../engine/soak/runAnalysisHooks';
 * startRun({ …, analysis: createRunAnalysisHooks({ runDir }) });
 * ```
 * Memory stays bounded by the open dumps plus one accumulator per counter and window.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EngineDiagnostic, formatDiagnostic } from '../diagnostics';
import { CounterRun, CounterRunBuilder } from '../counters/counterRun';
import { createCounterDumpScanner } from '../counters/dumpScanner';
import { CounterDump } from '../counters/types';
import { AssertionCounts, AssertionPatterns, createAssertionCounter } from './assertions';
import {
  formatCountersJsonlLine,
  formatSummaryMetrics,
  formatTotalsTsv,
  SummaryMetrics,
} from './runFolderFormat';
import { ResourceSummary, sampleScopeOf, samplesFromTsv, summariseResources } from './samples';
import { parseTsv } from './tsv';
import { readTextFile } from '../textFiles';

export interface RunAnalysisOptions {
  readonly runDir: string;
  readonly startSkipMs?: number;
  readonly assertionPatterns?: AssertionPatterns;
  readonly dumpIntervalMs?: number;
}

/** The end-of-run context the runner passes (a subset of its RunFinishContext). */
export interface FinishContext {
  readonly runDir: string;
  readonly manifest: {
    readonly status?: string;
    readonly exitCode?: number | null;
    readonly signal?: string | null;
    /** When the measured program ended, and the processes with their roles (see samples.ts). */
    readonly endTime?: string;
    readonly processes?: ReadonlyArray<{ readonly pid: number; readonly role?: string }>;
  };
  readonly startTimeMs: number;
  readonly endTimeMs: number;
}

export interface RunAnalysis {
  /** One output line with its capture time; returns the dumps it completed (already appended). */
  onLine(line: string, stream: 'stdout' | 'stderr', timeMs: number): readonly CounterDump[];
  /**
   * Ends parsing, writes totals.tsv and summary-metrics.json; returns warnings as `file:line: …`.
   */
  finish(ctx: FinishContext): Promise<readonly string[]>;
  /** Diagnostics so far (bad dumps etc.). */
  readonly diagnostics: readonly EngineDiagnostic[];
}

export function createRunAnalysisHooks(opts: RunAnalysisOptions): RunAnalysis {
  mkdirSync(opts.runDir, { recursive: true });
  const countersFile = path.join(opts.runDir, 'counters.jsonl');
  const builder = new CounterRunBuilder();
  const diagnostics: EngineDiagnostic[] = [];
  const assertions = createAssertionCounter(opts.assertionPatterns);
  let completed: CounterDump[] = [];
  let captureTime = 0;
  const scanner = createCounterDumpScanner({
    file: path.join(opts.runDir, 'script.log'),
    onDump: (d) => {
      builder.add(d);
      appendFileSync(countersFile, formatCountersJsonlLine(d, { captureTimeMs: captureTime }));
      completed.push(d);
    },
    onDiagnostic: (d) => {
      if (diagnostics.length < 1000) diagnostics.push(d);
    },
  });
  return {
    diagnostics,
    onLine(line, _stream, timeMs) {
      captureTime = timeMs;
      completed = [];
      assertions.push(line, scanner.lines + 1);
      scanner.pushLine(line, undefined, { time: timeMs });
      return completed;
    },
    async finish(ctx) {
      scanner.end();
      const wallClockMs = ctx.endTimeMs - ctx.startTimeMs;
      const run = builder.build({
        wallClockMs: wallClockMs > 0 ? wallClockMs : undefined,
        dumpIntervalMs: opts.dumpIntervalMs,
      });
      if (run.windowCount > 0)
        writeFileSync(path.join(ctx.runDir, 'totals.tsv'), formatTotalsTsv(run.totals));
      const startSkipMs = opts.startSkipMs ?? 30_000;
      const resources = await readResources(ctx, startSkipMs, diagnostics);
      const summary = summaryOf(ctx, run, resources, assertions.counts, {
        wallClockMs,
        startSkipMs,
      });
      writeFileSync(path.join(ctx.runDir, 'summary-metrics.json'), formatSummaryMetrics(summary));
      return diagnostics.map(formatDiagnostic);
    },
  };
}

/**
 * The run's samples.tsv summarised over the active window, the measured program only (run.json's
 * profiler processes and rows after its end left out); none when the run has no samples.
 */
async function readResources(
  ctx: FinishContext,
  startSkipMs: number,
  diagnostics: EngineDiagnostic[],
): Promise<ResourceSummary | undefined> {
  try {
    const samplesFile = path.join(ctx.runDir, 'samples.tsv');
    const t = parseTsv(await readTextFile(samplesFile), samplesFile);
    const s = samplesFromTsv(t, samplesFile);
    diagnostics.push(...t.diagnostics, ...s.diagnostics);
    if (s.samples.length > 0)
      return summariseResources(s.samples, startSkipMs, sampleScopeOf(ctx.manifest));
  } catch {
    /* no samples.tsv: resources are simply absent */
  }
  return undefined;
}

/** summary-metrics.json of a finished run: wall-clock, resources, exit, assertions, top counters. */
function summaryOf(
  ctx: FinishContext,
  run: CounterRun,
  resources: ResourceSummary | undefined,
  assertions: Pick<AssertionCounts, 'pass' | 'fail'>,
  basis: { wallClockMs: number; startSkipMs: number },
): SummaryMetrics {
  return {
    formatVersion: 1,
    wallClockMs: basis.wallClockMs,
    wallClockBasis: 'given',
    startSkipMs: basis.startSkipMs,
    ...(resources
      ? {
          resources: {
            total: resources.total,
            perProcess: resources.perProcess,
            ...(resources.wholeRun ? { wholeRun: resources.wholeRun } : {}),
            ...(resources.leftOut ? { leftOut: resources.leftOut } : {}),
          },
        }
      : {}),
    exit: {
      code: ctx.manifest.exitCode,
      signal: ctx.manifest.signal,
      status: ctx.manifest.status,
    },
    assertions: { pass: assertions.pass, fail: assertions.fail },
    counters: {
      windows: run.windowCount,
      processes: run.processes.length,
      topByTotalMs: run.totals
        .slice(0, 10)
        .map((t) => ({ name: t.name, totalMs: t.totalMs, count: t.count })),
    },
  };
}

/**
 * The default analysis for a run, built on the engine's live counter-dump scanner
 * (server/engine/counters): each dump found in the output is appended to counters.jsonl as it
 * completes; at the end totals.tsv is written from the engine's per-counter totals and
 * summary-metrics.json from the runner's own samples (see summaryMetrics.ts).
 *
 * counters.jsonl, one object per line: `{ time, source, line, format, counters, lost?, partial? }`
 * — `time` ISO (the dump's own timestamp, else capture time), `source` the process label
 * (`main` when unlabelled), `line` the 1-based line in script.log, `counters` the window's
 * `{ name: { count, totalMs, avgMs, maxMs } }`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatDiagnostic } from '../server/engine/diagnostics';
import { CounterRunBuilder, type CounterTotal } from '../server/engine/counters/counterRun';
import { createCounterDumpScanner } from '../server/engine/counters/dumpScanner';
import type { CounterDump } from '../server/engine/counters/types';
import type { RunAnalysisHooks, RunFinishContext } from './analysisHooks';
import { SummaryAccumulator } from './summaryMetrics';
import type { ResourceSample } from './types';

const MAX_DIAGNOSTICS = 20;

export const TOTALS_HEADER = ['name', 'family', 'kind', 'unit', 'count', 'total_ms', 'avg_ms', 'max_ms', 'rate_per_s', 'share_of_wall_clock', 'windows'];

export function totalsTsv(totals: readonly CounterTotal[]): string {
  const rows = totals.map((t) => [t.name, t.family, t.kind, t.unit ?? '', t.count, t.totalMs, t.avgMs, t.maxMs, t.ratePerSec, t.shareOfWallClock, t.windows].join('\t'));
  return `${[TOTALS_HEADER.join('\t'), ...rows].join('\n')}\n`;
}

export function createEngineAnalysis(runDir: string): RunAnalysisHooks {
  const jsonl = fs.openSync(path.join(runDir, 'counters.jsonl'), 'a');
  const builder = new CounterRunBuilder();
  const summary = new SummaryAccumulator();
  const warnings: string[] = [];
  let fresh: CounterDump[] = [];
  let lineNo = 0;
  let captureTime = 0;
  const scanner = createCounterDumpScanner({
    file: path.join(runDir, 'script.log'),
    onDump: (d) => {
      builder.add(d);
      fresh.push(d);
      const record = { time: new Date(d.time ?? captureTime).toISOString(), source: d.source, line: d.line, format: d.format, counters: d.counters, ...(d.lost.length ? { lost: d.lost } : {}), ...(d.partial ? { partial: true } : {}) };
      fs.writeSync(jsonl, `${JSON.stringify(record)}\n`);
    },
    onDiagnostic: (d) => {
      if (warnings.length < MAX_DIAGNOSTICS) warnings.push(formatDiagnostic(d));
    },
  });
  return {
    onLine(line, _stream, timeMs) {
      lineNo++;
      captureTime = timeMs;
      summary.onLine(line);
      fresh = [];
      scanner.pushLine(line, undefined, { lineNo, time: timeMs });
      return fresh;
    },
    onSamples(samples: readonly ResourceSample[]) {
      summary.onSamples(samples);
    },
    async finish(ctx: RunFinishContext) {
      fresh = [];
      scanner.end();
      fs.closeSync(jsonl);
      const dumpMs = Number(ctx.manifest.env.SPHERE_PERF_DUMP_MS);
      const run = builder.build({ wallClockMs: ctx.endTimeMs - ctx.startTimeMs, ...(dumpMs > 0 ? { dumpIntervalMs: dumpMs } : {}) });
      fs.writeFileSync(path.join(runDir, 'totals.tsv'), totalsTsv(run.totals));
      fs.writeFileSync(path.join(runDir, 'summary-metrics.json'), `${JSON.stringify(summary.build(ctx, run.windowCount), null, 2)}\n`);
      return warnings;
    },
  };
}

/**
 * summary-metrics.json: the handful of numbers a soak is judged by — wall-clock, average and
 * maximum RSS and CPU % over the active window (after a start-skip, 30 s by default, so
 * start-up does not count), exit status, and PASS/FAIL assertion line counts. Every number
 * says how many samples it rests on. Tree totals sum all processes of one sampling instant.
 */
import type { RunFinishContext } from './analysisHooks';
import type { ResourceSample } from './types';

export const DEFAULT_START_SKIP_MS = 30_000;

const PASS = /^(?:\[[^\]]*\]\s*)*PASS\b/;
const FAIL = /^(?:\[[^\]]*\]\s*)*FAIL\b/;

interface Stat {
  samples: number;
  avg: number | null;
  max: number | null;
}

function stat(values: number[]): Stat {
  if (values.length === 0) return { samples: 0, avg: null, max: null };
  const sum = values.reduce((a, b) => a + b, 0);
  return { samples: values.length, avg: Math.round((sum / values.length) * 10) / 10, max: Math.round(Math.max(...values) * 10) / 10 };
}

export class SummaryAccumulator {
  private readonly batches: Array<readonly ResourceSample[]> = [];
  private pass = 0;
  private fail = 0;

  onLine(line: string): void {
    const t = line.trimStart();
    if (PASS.test(t)) this.pass++;
    else if (FAIL.test(t)) this.fail++;
  }

  onSamples(samples: readonly ResourceSample[]): void {
    this.batches.push(samples);
  }

  build(ctx: RunFinishContext, counterWindows: number, startSkipMs = DEFAULT_START_SKIP_MS) {
    const wallClockMs = ctx.endTimeMs - ctx.startTimeMs;
    // A run shorter than twice the skip would have (almost) nothing left: keep it all and say so.
    const skip = wallClockMs >= 2 * startSkipMs ? startSkipMs : 0;
    const active = this.batches.filter((b) => b.length > 0 && b[0]!.timeMs - ctx.startTimeMs >= skip);
    const treeRssMb = active.map((b) => b.reduce((a, s) => a + s.rssKb, 0) / 1024);
    const treeCpu = active.map((b) => b.reduce((a, s) => a + s.cpuPct, 0));
    const perPid = new Map<number, ResourceSample[]>();
    for (const b of active) for (const s of b) (perPid.get(s.pid) ?? perPid.set(s.pid, []).get(s.pid)!).push(s);
    return {
      formatVersion: 1,
      wallClockMs,
      startSkipMs: skip,
      startSkipNote: skip === startSkipMs ? undefined : `run shorter than ${(2 * startSkipMs) / 1000} s: no start-skip applied`,
      status: ctx.manifest.status,
      exitCode: ctx.manifest.exitCode ?? null,
      signal: ctx.manifest.signal ?? null,
      rssMb: stat(treeRssMb),
      cpuPct: stat(treeCpu),
      processes: [...perPid].map(([pid, rows]) => ({
        pid,
        name: rows[0]!.name,
        rssMb: stat(rows.map((r) => r.rssKb / 1024)),
        cpuPct: stat(rows.map((r) => r.cpuPct)),
      })),
      assertions: { pass: this.pass, fail: this.fail },
      counterWindows,
    };
  }
}

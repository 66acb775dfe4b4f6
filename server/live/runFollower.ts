/**
 * Follows a live run folder from the language server: reads `script.log` as the runner appends
 * to it, feeds each whole line to the engine's run analysis (counter dumps → `counters.jsonl`),
 * reports the running top counters, and at the end writes `totals.tsv` and
 * `summary-metrics.json`. This is the parsing the extension host used to do in-process; here a
 * daemon that logs 10 MB/s costs the server's process, never the editor's.
 *
 * The log is polled (a stat and a read of the new bytes every `pollMs`) rather than watched:
 * file watchers coalesce or drop events under heavy appends, and a poll also notices a file that
 * did not exist yet. A line's capture time is the time it was read, at most `pollMs` after it
 * was written (dumps that carry their own timestamp keep it).
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { FinishRun, RunProgress } from '../../protocol/server';
import { createRunAnalysisHooks, type RunAnalysis } from '../../engine/soak/runAnalysisHooks';
import { CounterRunBuilder, type CounterRun } from '../../engine/counters/counterRun';
import { liveUpdateOf } from '../../engine/report/liveUpdate';
import type { LiveUpdate } from '../../protocol/sourceData';
import { LiveCounters } from './liveCounters';

const CHUNK_BYTES = 1 << 20;
/** Live panel updates are sent at most this often (new windows gather in between). */
const DATA_EVERY_MS = 1000;

export interface RunFollowerOptions {
  readonly runDir: string;
  readonly pollMs?: number;
  readonly onProgress: (progress: RunProgress.Params) => void;
  /**
   * The run's counters so far (every process, totals over the windows seen), for the inline
   * lenses: called after new dumps, at most once per `countersEveryMs` (default 1000) — a daemon
   * dumping ten times a second must not make the editor redraw its lenses ten times a second.
   */
  readonly onCounters?: (run: CounterRun) => void;
  readonly countersEveryMs?: number;
  /** The new windows and current counter rows, at most once a second, for live panels. */
  readonly onData?: (update: LiveUpdate) => void;
  /** Least time between two `onData` calls (default 1000 ms; tests pass 0). */
  readonly dataEveryMs?: number;
}

/** What run.json says, as far as the follower needs it (the runner writes it; read loosely). */
interface ManifestView {
  readonly env?: Record<string, unknown>;
  readonly startTime?: unknown;
  readonly endTime?: unknown;
  readonly status?: unknown;
  readonly exitCode?: unknown;
  readonly signal?: unknown;
}

function readManifestView(runDir: string): ManifestView {
  try {
    const raw: unknown = JSON.parse(readFileSync(path.join(runDir, 'run.json'), 'utf8'));
    return typeof raw === 'object' && raw !== null ? raw : {};
  } catch {
    return {};
  }
}

export class RunFollower {
  private readonly analysis: RunAnalysis;
  private readonly live = new LiveCounters();
  private readonly decoder = new StringDecoder('utf8');
  private readonly logPath: string;
  private pending = '';
  private offset = 0;
  private timer: NodeJS.Timeout | undefined;
  /** The dumps again, for `onCounters` and `onData` (the analysis keeps its own to itself). */
  private readonly counterRun = new CounterRunBuilder();
  private readonly buildOptions: { dumpIntervalMs?: number; dumpIntervalSource?: string };
  private countersDirty = false;
  private lastCountersAt = -Infinity;
  private countersTimer: NodeJS.Timeout | undefined;
  private finished: Promise<FinishRun.Result> | undefined;
  /** Windows already sent to live panels, per process. */
  private readonly sent = new Map<string, number>();
  private lastDataAt = 0;
  private dataTimer: NodeJS.Timeout | undefined;

  constructor(private readonly o: RunFollowerOptions) {
    this.logPath = path.join(o.runDir, 'script.log');
    const dumpIntervalMs = Number(readManifestView(o.runDir).env?.SPHERE_PERF_DUMP_MS);
    this.buildOptions =
      dumpIntervalMs > 0
        ? { dumpIntervalMs, dumpIntervalSource: 'run.json SPHERE_PERF_DUMP_MS' }
        : {};
    this.analysis = createRunAnalysisHooks({
      runDir: o.runDir,
      ...(dumpIntervalMs > 0 ? { dumpIntervalMs } : {}),
    });
  }

  start(): void {
    this.timer ??= setInterval(() => this.poll(), this.o.pollMs ?? 250);
    this.poll();
  }

  /** Reads what is new in script.log; reports progress when a dump completed. */
  poll(): void {
    let fd: number;
    try {
      fd = openSync(this.logPath, 'r');
    } catch {
      return; // not created yet
    }
    let dumps = 0;
    try {
      const size = fstatSync(fd).size;
      const buf = Buffer.allocUnsafe(CHUNK_BYTES);
      while (this.offset < size) {
        const n = readSync(fd, buf, 0, Math.min(CHUNK_BYTES, size - this.offset), this.offset);
        if (n <= 0) break;
        this.offset += n;
        dumps += this.feed(this.decoder.write(buf.subarray(0, n)));
      }
    } finally {
      closeSync(fd);
    }
    if (dumps > 0) {
      this.report();
      this.countersChanged();
      this.sendData();
    }
  }

  /** Sends the counters now, or when the interval since the last sending has passed. */
  private countersChanged(): void {
    if (!this.o.onCounters) return;
    this.countersDirty = true;
    if (this.countersTimer) return;
    const wait = this.lastCountersAt + (this.o.countersEveryMs ?? 1000) - Date.now();
    if (wait <= 0) this.sendCounters();
    else this.countersTimer = setTimeout(() => this.sendCounters(), wait);
  }

  private sendCounters(): void {
    if (this.countersTimer) clearTimeout(this.countersTimer);
    this.countersTimer = undefined;
    if (!this.countersDirty || !this.o.onCounters) return;
    this.countersDirty = false;
    this.lastCountersAt = Date.now();
    this.o.onCounters(this.counterRun.build(this.buildOptions));
  }

  /** Sends what is new to live panels now, or once a second has passed since the last send. */
  private sendData(): void {
    if (!this.o.onData || this.finished) return;
    const wait = this.lastDataAt + (this.o.dataEveryMs ?? DATA_EVERY_MS) - Date.now();
    if (wait > 0) {
      this.dataTimer ??= setTimeout(() => {
        this.dataTimer = undefined;
        this.sendData();
      }, wait);
      return;
    }
    this.lastDataAt = Date.now();
    const update = liveUpdateOf(this.counterRun.build(this.buildOptions), this.sent);
    if (update && update.windows.length > 0) this.o.onData(update);
  }

  /** Whole lines of `text` (after what was pending) go to the analysis; returns dumps completed. */
  private feed(text: string): number {
    const all = this.pending + text;
    const lastNl = all.lastIndexOf('\n');
    if (lastNl < 0) {
      this.pending = all;
      return 0;
    }
    this.pending = all.slice(lastNl + 1);
    let dumps = 0;
    const now = Date.now();
    for (const raw of all.slice(0, lastNl).split('\n')) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      for (const d of this.analysis.onLine(line, 'stdout', now)) {
        this.live.add(d);
        if (this.o.onCounters || this.o.onData) this.counterRun.add(d);
        dumps++;
      }
    }
    return dumps;
  }

  private report(): void {
    this.o.onProgress({
      runDir: this.o.runDir,
      windows: this.live.windows,
      top: this.live.top(3),
      bytesRead: this.offset,
    });
  }

  /** The run has ended: read the rest, write totals.tsv and summary-metrics.json. Idempotent. */
  finish(): Promise<FinishRun.Result> {
    this.finished ??= this.finishOnce();
    return this.finished;
  }

  private async finishOnce(): Promise<FinishRun.Result> {
    this.stop();
    this.poll();
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    if (rest)
      for (const d of this.analysis.onLine(rest, 'stdout', Date.now())) {
        this.live.add(d);
        if (this.o.onCounters) {
          this.counterRun.add(d);
          this.countersDirty = true;
        }
      }
    // The last numbers reach the lenses even inside the interval.
    this.sendCounters();
    const m = readManifestView(this.o.runDir);
    const startTimeMs = typeof m.startTime === 'string' ? Date.parse(m.startTime) : NaN;
    const endTimeMs = typeof m.endTime === 'string' ? Date.parse(m.endTime) : NaN;
    await this.analysis.finish({
      runDir: this.o.runDir,
      manifest: {
        status: typeof m.status === 'string' ? m.status : undefined,
        exitCode: typeof m.exitCode === 'number' ? m.exitCode : null,
        signal: typeof m.signal === 'string' ? m.signal : null,
      },
      startTimeMs: Number.isFinite(startTimeMs) ? startTimeMs : Date.now(),
      endTimeMs: Number.isFinite(endTimeMs) ? endTimeMs : Date.now(),
    });
    this.report();
    return { windows: this.live.windows, diagnostics: [...this.analysis.diagnostics] };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.countersTimer) clearTimeout(this.countersTimer);
    this.countersTimer = undefined;
    if (this.dataTimer) clearTimeout(this.dataTimer);
    this.dataTimer = undefined;
  }
}

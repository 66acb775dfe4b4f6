/**
 * Opt-in counters with the same API and behaviour as the SDK's `core/perf-counters.ts`
 * (unicity-sphere/sphere-sdk), written fresh for this sample so PerfLens is tested against
 * the output real daemons print:
 *
 * - off unless `SPHERE_PERF=1` at load; every call then costs one boolean check;
 * - a cell per name holds `count`, `totalMs`, `maxMs`; `incr` adds to `count` only, so
 *   quantity counters (`ipfs.pinCar.bytes`) carry their quantity in `count`;
 * - every `SPHERE_PERF_DUMP_MS` (default 5000, at least 100) the non-empty snapshot is logged
 *   as `logger.info('perf', '[perf-counters] snapshot:', snap)` and cleared, so each dump is
 *   a window, not a running total; the timer is unref'd so it never keeps a process alive.
 */
import { logger } from './logger';

export interface CounterView {
  count: number;
  totalMs: number;
  avgMs: number;
  maxMs: number;
}

interface Cell {
  count: number;
  totalMs: number;
  maxMs: number;
}

let enabled = process.env.SPHERE_PERF === '1';
const cells = new Map<string, Cell>();

function dumpIntervalMs(): number {
  const n = Number(process.env.SPHERE_PERF_DUMP_MS);
  return Number.isFinite(n) && n > 0 ? Math.max(100, Math.floor(n)) : 5000;
}

function cell(name: string): Cell {
  let c = cells.get(name);
  if (!c) {
    c = { count: 0, totalMs: 0, maxMs: 0 };
    cells.set(name, c);
  }
  return c;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export function incr(name: string, n = 1): void {
  if (!enabled) return;
  cell(name).count += n;
}

/** Bad values (negative, NaN) count as 0 rather than corrupting the window. */
export function observeMs(name: string, ms: number): void {
  if (!enabled) return;
  const v = Number.isFinite(ms) && ms > 0 ? ms : 0;
  const c = cell(name);
  c.count += 1;
  c.totalMs += v;
  if (v > c.maxMs) c.maxMs = v;
}

/** Records the wall-clock even when `fn` rejects, so failing paths still show up. */
export async function time<T>(name: string, fn: () => Promise<T>): Promise<T> {
  if (!enabled) return fn();
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    observeMs(name, performance.now() - t0);
  }
}

export function timeSync<T>(name: string, fn: () => T): T {
  if (!enabled) return fn();
  const t0 = performance.now();
  try {
    return fn();
  } finally {
    observeMs(name, performance.now() - t0);
  }
}

export function snapshot(): Record<string, CounterView> {
  const out: Record<string, CounterView> = {};
  for (const [name, c] of cells) {
    out[name] = {
      count: c.count,
      totalMs: round3(c.totalMs),
      avgMs: c.count > 0 ? round3(c.totalMs / c.count) : 0,
      maxMs: round3(c.maxMs),
    };
  }
  return out;
}

export function dumpAndReset(): void {
  if (!enabled || cells.size === 0) return;
  const snap = snapshot();
  cells.clear();
  logger.info('perf', '[perf-counters] snapshot:', snap);
}

export function isPerfEnabled(): boolean {
  return enabled;
}

/** For the daemon's own clean shutdown: flush the last partial window so it is not lost. */
export function stopAutoDump(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}

let timer: ReturnType<typeof setInterval> | undefined;
if (enabled) {
  timer = setInterval(() => {
    try {
      dumpAndReset();
    } catch {
      /* the dump path must never throw into the event loop */
    }
  }, dumpIntervalMs());
  timer.unref();
}

/** Tests only: flip the flag at run time. */
export function setPerfEnabledForTest(value: boolean): void {
  enabled = value;
}

/**
 * The generic Trace Event format's duration events — `B` (begin), `E` (end) and `X` (complete,
 * with `dur`) — as Hermes, `tsc --generateTrace`, Node's `--trace-event-categories` and many
 * other tools write them, turned into one time-weighted profile per (pid, tid). Reference: the
 * Trace Event Format spec (docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU)
 * and speedscope `src/import/trace-event.ts`, whose ordering rules this follows: begins in time
 * order (an `X` that starts with another and lasts longer encloses it), ends in time order, and
 * when an end and a begin share a time the end goes first unless it closes that very begin
 * (a zero-length event). Each stretch of time between two events is charged to the stack open
 * during it, so self time is exact, not sampled. Times are µs in the file, ms in the model.
 */
import { warningAt, type EngineDiagnostic } from '../../diagnostics';
import { ProfileBuilder } from '../builder';
import type { ProfileModel } from '../model';

export const TRACE_EVENT = 'trace-event';

export interface TraceEvent {
  readonly ph?: unknown;
  readonly name?: unknown;
  readonly pid?: unknown;
  readonly tid?: unknown;
  readonly ts?: unknown;
  readonly dur?: unknown;
  readonly args?: unknown;
}

interface Edge {
  readonly ts: number;
  readonly name: string;
  /** For begins: the index of the matching end edge of an `X`, to spot zero-length events. */
  readonly pair: number;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /**
   * For an `X`'s begin: its duration (a longer one that starts at the same time encloses a
   * shorter).
   */
  readonly dur?: number;
}

const finite = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/** Hermes puts the source position in `args` (`url`, `line`, `column`). */
function hermesPosition(args: unknown): { file?: string; line?: number; column?: number } {
  if (typeof args !== 'object' || args === null) return {};
  const a = args as Record<string, unknown>;
  const file = typeof a.url === 'string' && a.url !== '' ? a.url : undefined;
  const line = finite(a.line);
  const column = finite(a.column);
  return {
    ...(file ? { file } : {}),
    ...(line !== undefined && line > 0 ? { line } : {}),
    ...(column !== undefined && column > 0 ? { column } : {}),
  };
}

/**
 * One profile per thread of duration events, named by the `process_name`/`thread_name` metadata.
 */
export function durationEventsToModels(
  fileName: string,
  events: readonly TraceEvent[],
  names: { process: Map<number, string>; thread: Map<string, string> },
): { profiles: ProfileModel[]; diagnostics: EngineDiagnostic[] } {
  const byThread = new Map<string, { pid: number; tid: number; begins: Edge[]; ends: Edge[] }>();
  const diagnostics: EngineDiagnostic[] = [];
  let badTime = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.ph !== 'B' && e.ph !== 'E' && e.ph !== 'X') continue;
    const ts = finite(e.ts);
    const dur = e.ph === 'X' ? (finite(e.dur) ?? 0) : 0;
    if (ts === undefined || dur < 0) {
      badTime++;
      continue;
    }
    const pid = finite(e.pid) ?? 0;
    const tid = finite(e.tid) ?? 0;
    const key = `${pid}:${tid}`;
    let t = byThread.get(key);
    if (!t) byThread.set(key, (t = { pid, tid, begins: [], ends: [] }));
    const name = typeof e.name === 'string' && e.name !== '' ? e.name : '(unnamed)';
    const pos = hermesPosition(e.args);
    if (e.ph === 'E') t.ends.push({ ts, name: typeof e.name === 'string' ? e.name : '', pair: -1 });
    else if (e.ph === 'B') t.begins.push({ ts, name, pair: -1, ...pos });
    else {
      t.ends.push({ ts: ts + dur, name, pair: -1 });
      // An X's begin remembers its end so a zero-length X opens before it closes.
      t.begins.push({ ts, name, pair: t.ends.length - 1, dur, ...pos });
    }
  }
  if (badTime > 0)
    diagnostics.push(
      warningAt(
        fileName,
        `${badTime} B/E/X events have no numeric 'ts' (or a negative 'dur'); skipped`,
        {
          expected: "a 'ts' in microseconds and, for 'X', a non-negative 'dur'",
        },
      ),
    );
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const profiles: ProfileModel[] = [];
  const keys = [...byThread.keys()].sort((a, b) => {
    const [pa, ta] = a.split(':').map(Number);
    const [pb, tb] = b.split(':').map(Number);
    return pa - pb || ta - tb;
  });
  for (const key of keys) {
    const t = byThread.get(key)!;
    const m = threadToModel(fileName, t.begins, t.ends);
    diagnostics.push(...m.diagnostics);
    const process = names.process.get(t.pid);
    const thread = names.thread.get(key);
    profiles.push({
      ...m,
      name: `${base} ${process ?? `pid ${t.pid}`} ${thread ?? `tid ${t.tid}`}`,
      pid: t.pid,
      ...(process ? { command: process } : {}),
    });
  }
  return { profiles, diagnostics };
}

function threadToModel(fileName: string, beginsIn: Edge[], endsIn: Edge[]): ProfileModel {
  const b = new ProfileBuilder('milliseconds');
  // A 'B' has no known length: it goes before the X events that start with it, as in speedscope.
  const dur = (e: Edge): number => e.dur ?? Infinity;
  // Stable sorts (Array.prototype.sort is stable): file order breaks the remaining ties.
  const beginOrder = beginsIn
    .map((_, i) => i)
    .sort((x, y) => beginsIn[x].ts - beginsIn[y].ts || dur(beginsIn[y]) - dur(beginsIn[x]) || 0);
  const endOrder = endsIn.map((_, i) => i).sort((x, y) => endsIn[x].ts - endsIn[y].ts);
  const endDone = new Uint8Array(endsIn.length);
  const stack: { edge: Edge; node: number }[] = [];
  let bi = 0;
  let ei = 0;
  let last = NaN;
  let unmatched = 0;
  let firstUnmatched: Edge | undefined;
  const advance = (ts: number): void => {
    if (stack.length > 0 && ts > last) b.sample(stack[stack.length - 1].node, (ts - last) / 1000);
    last = Number.isNaN(last) ? ts : Math.max(last, ts);
  };
  const nextEnd = (): number => {
    while (ei < endOrder.length && endDone[endOrder[ei]]) ei++;
    return ei < endOrder.length ? endOrder[ei] : -1;
  };
  for (;;) {
    const e = nextEnd();
    const bIdx = bi < beginOrder.length ? beginOrder[bi] : -1;
    if (e < 0 && bIdx < 0) break;
    const begin = bIdx >= 0 ? beginsIn[bIdx] : undefined;
    const end = e >= 0 ? endsIn[e] : undefined;
    const takeBegin =
      begin !== undefined &&
      (end === undefined || begin.ts < end.ts || (begin.ts === end.ts && begin.pair === e));
    if (takeBegin) {
      advance(begin.ts);
      const parent = stack.length > 0 ? stack[stack.length - 1].node : -1;
      const frame = b.frame({
        name: begin.name,
        ...(begin.file ? { file: begin.file } : {}),
        ...(begin.line ? { line: begin.line } : {}),
        ...(begin.column ? { column: begin.column } : {}),
      });
      stack.push({ edge: begin, node: b.node(parent, frame) });
      bi++;
      continue;
    }
    // An end: among the ends at this time, prefer the one that closes the top of the stack.
    let pick = e;
    const top = stack[stack.length - 1];
    if (top && end!.name !== '' && end!.name !== top.edge.name) {
      for (let k = ei + 1; k < endOrder.length && endsIn[endOrder[k]].ts === end!.ts; k++) {
        const cand = endOrder[k];
        if (!endDone[cand] && endsIn[cand].name === top.edge.name) {
          pick = cand;
          break;
        }
      }
    }
    const closing = endsIn[pick];
    endDone[pick] = 1;
    advance(closing.ts);
    if (stack.length === 0) {
      unmatched++;
      firstUnmatched ??= closing;
      continue;
    }
    // Unnamed ends (Chrome writes many) close the top; named ones close the nearest open match.
    let at = stack.length - 1;
    if (closing.name !== '') while (at >= 0 && stack[at].edge.name !== closing.name) at--;
    if (at < 0) {
      unmatched++;
      firstUnmatched ??= closing;
      continue;
    }
    if (at < stack.length - 1) {
      unmatched++;
      firstUnmatched ??= closing;
    }
    stack.length = at;
  }
  if (unmatched > 0)
    b.warn(
      warningAt(
        fileName,
        `${unmatched} end events did not close the innermost open event (first: ` +
          `'${firstUnmatched!.name}' at ts ${firstUnmatched!.ts}); the nearest ` +
          `matching begin was closed, or the end ignored`,
        { expected: 'properly nested B/E and X events per thread' },
      ),
    );
  if (stack.length > 0)
    b.warn(
      warningAt(
        fileName,
        `${stack.length} events were still open at the end of the trace (innermost: ` +
          `'${stack[stack.length - 1].edge.name}'); they end at the last event`,
        { expected: "an 'E' for every 'B'" },
      ),
    );
  return b.build({ format: TRACE_EVENT, name: fileName, source: fileName, evented: true });
}

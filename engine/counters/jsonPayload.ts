/**
 * JSON lines from structured loggers (pino, bunyan, the SDK logger's `fields` form, our own
 * `counters.jsonl`) and Rust diagnostics snapshots: finds the counters inside a parsed line.
 *
 * Where the snapshot sits is not fixed (`snapshot`, `snap`, `counters`, `perf.snapshot`, …), so the
 * object is searched breadth-first for the first value shaped like a perf-counters snapshot
 * (`{ name: { count, totalMs, … } }`) or, failing that, for diagnostics stage cells
 * (`{ count, total_ns, max_ns, over_1s_count, … }`, e.g. `{ "pubsub_stages": { "republish": {…} }
 * }`).
 */
import { InspectObject, InspectValue, isInspectObject, parseInspect } from './inspectParser';
import { looksLikeSnapshot } from './snapshotCells';

/** Cumulative stage counters, by dotted path; every numeric field kept (`count`, `total_ns`, …). */
export type StageCells = Record<string, Record<string, number>>;

export interface JsonPayload {
  readonly snapshot?: InspectObject;
  readonly stages?: StageCells;
  readonly time?: number;
  readonly label?: string;
}

/** Parses one JSON line (or JSON-ish: NaN/Infinity tolerated). Undefined when not an object. */
export function parseJsonLine(text: string): { value?: InspectObject; error?: string } {
  let v: InspectValue;
  try {
    v = fromJson(JSON.parse(text));
  } catch {
    const r = parseInspect(text);
    if (r.problem)
      return {
        error: `${r.problem.expected} at column ${r.problem.offset + 1}, found ${r.problem.found}`,
      };
    v = r.value;
  }
  return isInspectObject(v) ? { value: v } : { error: 'a JSON object' };
}

export function fromJson(v: unknown): InspectValue {
  if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')
    return v;
  if (Array.isArray(v)) return v.map(fromJson);
  if (typeof v === 'object') {
    return {
      kind: 'object',
      entries: Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromJson(x)]),
      elided: [],
    };
  }
  return undefined;
}

const TIME_KEYS = ['time', 'ts', 'timestamp', '@timestamp', 'captured_at', 'capturedAt'];
const LABEL_KEYS = ['label', 'process', 'source', 'name'];

export function payloadOf(obj: InspectObject): JsonPayload {
  let time: number | undefined;
  let label: string | undefined;
  let pid: number | undefined;
  for (const [k, v] of obj.entries) {
    if (time === undefined && TIME_KEYS.includes(k)) time = toTime(v);
    if (label === undefined && LABEL_KEYS.includes(k) && typeof v === 'string' && v.length > 0)
      label = v;
    if (k === 'pid' && typeof v === 'number') pid = v;
  }
  if (label === undefined && pid !== undefined) label = `pid ${pid}`;
  const snapshot = findSnapshot(obj);
  if (snapshot) return { snapshot, time, label };
  const stages: StageCells = {};
  // The runner's diagnostics poller wraps each response as `{ time, url, status, body }`: stage
  // names are relative to the response, not to the envelope.
  const body = obj.entries.find(([k, v]) => k === 'body' && isInspectObject(v))?.[1];
  collectStages(body && isInspectObject(body) ? body : obj, '', stages, 0);
  if (Object.keys(stages).length > 0) return { stages, time, label };
  return { time, label };
}

function toTime(v: InspectValue): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v < 1e11 ? v * 1000 : v; // seconds or ms
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isFinite(t) ? t : undefined;
  }
  return undefined;
}

function findSnapshot(root: InspectObject): InspectObject | undefined {
  const queue: Array<[InspectObject, number]> = [[root, 0]];
  while (queue.length > 0) {
    const [o, d] = queue.shift()!;
    if (looksLikeSnapshot(o)) return o;
    if (d >= 4) continue;
    for (const [, v] of o.entries) if (isInspectObject(v)) queue.push([v, d + 1]);
  }
  return undefined;
}

function collectStages(o: InspectObject, path: string, out: StageCells, depth: number): void {
  const nums: Record<string, number> = {};
  let isStage = false;
  for (const [k, v] of o.entries) {
    if (typeof v === 'number') nums[k] = v;
    if (k === 'total_ns') isStage = true;
  }
  if (isStage && typeof nums.count === 'number') {
    out[path || '(root)'] = nums;
    return;
  }
  if (depth >= 6) return;
  for (const [k, v] of o.entries) {
    if (isInspectObject(v)) collectStages(v, path ? `${path}.${k}` : k, out, depth + 1);
  }
}

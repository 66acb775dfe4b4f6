/**
 * Turns a parsed snapshot object into counter cells, and says what it could not keep.
 *
 * Expected shape (sphere-sdk `core/perf-counters.ts` `snapshot()`):
 * `{ [name]: { count, totalMs, avgMs, maxMs } }`. The SDK logger's redaction replaces a value
 * whose *name* looks secret (`…token…`, `…seed…`) with the string `'[REDACTED]'`; `util.inspect`
 * may print `[Object]` past its depth. Neither is a cell — both are listed as lost. A cell whose
 * count or time is negative, non-finite or past 2^53 is no reading either: it is left out with a
 * problem naming it (the caller places it at its dump's line), never shown as a number.
 */
import { Elided, InspectObject, InspectValue, isInspectObject } from './inspectParser';
import { CounterCell, LostPart, emptyCounters } from './types';

export interface CellProblem {
  readonly name: string;
  readonly message: string;
}

export interface CellsResult {
  readonly counters: Record<string, CounterCell>;
  readonly lost: LostPart[];
  readonly problems: CellProblem[];
}

const FIELDS = ['count', 'totalMs', 'avgMs', 'maxMs'] as const;

/**
 * The largest value a cell may hold: 2^53, where integers stop being exact. A count past it
 * cannot be a count, nor a time past it (285,000 years in ms); anything near 1e308 overflows to
 * Infinity once windows are summed or divided.
 */
export const MAX_CELL_VALUE = Number.MAX_SAFE_INTEGER;

/** Why a cell's field is out of range, or '' when it is a count or time the SDK could write. */
function outOfRange(field: string, v: number): string {
  if (!Number.isFinite(v)) return `has a non-finite '${field}' (${v})`;
  if (v < 0) return `has a negative '${field}' (${v})`;
  if (v > MAX_CELL_VALUE) return `has an absurd '${field}' (${v}, above 2^53)`;
  return '';
}

/** True when the object looks like `{ name: { count, totalMs, … } }` (at least one cell). */
export function looksLikeSnapshot(v: InspectValue): boolean {
  if (!isInspectObject(v)) return false;
  for (const [, cell] of v.entries) {
    if (
      isInspectObject(cell) &&
      cell.entries.some(([k]) => k === 'count') &&
      cell.entries.some(([k]) => k === 'totalMs')
    )
      return true;
  }
  return false;
}

export function cellsFromSnapshot(snap: InspectObject): CellsResult {
  const counters = emptyCounters();
  const lost: LostPart[] = [];
  const problems: CellProblem[] = [];
  for (const marker of snap.elided) lost.push({ path: '', marker });
  for (const [name, raw] of snap.entries) {
    if (raw instanceof Elided) {
      lost.push({ path: name, marker: raw.marker });
      continue;
    }
    if (typeof raw === 'string') {
      lost.push({ path: name, marker: raw.length > 40 ? raw.slice(0, 40) + '…' : raw });
      continue;
    }
    if (!isInspectObject(raw)) {
      problems.push({
        name,
        message: `counter '${name}' is not an object of { count, totalMs, avgMs, maxMs }`,
      });
      lost.push({ path: name, marker: 'not a counter cell' });
      continue;
    }
    const fields: Record<string, number> = {};
    let bad = '';
    for (const [k, v] of raw.entries) {
      if (v instanceof Elided) lost.push({ path: `${name}.${k}`, marker: v.marker });
      else if (typeof v === 'number') fields[k] = v;
    }
    for (const f of FIELDS) {
      const v = fields[f];
      if (v === undefined) {
        if (f === 'avgMs' || f === 'maxMs') continue; // derivable / absent in hand-made dumps
        bad = `has no numeric '${f}'`;
        break;
      }
      bad = outOfRange(f, v);
      if (bad) break;
    }
    if (bad) {
      problems.push({ name, message: `counter '${name}' ${bad}; it is left out of this window` });
      lost.push({ path: name, marker: 'invalid cell' });
      continue;
    }
    if (name in counters) {
      problems.push({
        name,
        message: `counter '${name}' appears twice in one dump; the values were added`,
      });
      const prev = counters[name];
      const count = prev.count + fields.count;
      const totalMs = prev.totalMs + fields.totalMs;
      counters[name] = {
        count,
        totalMs,
        avgMs: count > 0 ? totalMs / count : 0,
        maxMs: Math.max(prev.maxMs, fields.maxMs ?? 0),
      };
      continue;
    }
    const count = fields.count;
    const totalMs = fields.totalMs;
    counters[name] = {
      count,
      totalMs,
      avgMs: fields.avgMs ?? (count > 0 ? totalMs / count : 0),
      maxMs: fields.maxMs ?? 0,
    };
  }
  return { counters, lost, problems };
}

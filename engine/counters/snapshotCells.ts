/**
 * Turns a parsed snapshot object into counter cells, and says what it could not keep.
 *
 * Expected shape (sphere-sdk `core/perf-counters.ts` `snapshot()`):
 * `{ [name]: { count, totalMs, avgMs, maxMs } }`. The SDK logger's redaction replaces a value
 * whose *name* looks secret (`…token…`, `…seed…`) with the string `'[REDACTED]'`; `util.inspect`
 * may print `[Object]` past its depth. Neither is a cell — both are listed as lost.
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
      if (!Number.isFinite(v)) {
        bad = `has a non-finite '${f}' (${v})`;
        break;
      }
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

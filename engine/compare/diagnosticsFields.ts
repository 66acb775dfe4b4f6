/**
 * Every numeric field of a diagnostics.jsonl (a service's diagnostics snapshots, polled by the
 * runner as `{ time, url, status, body }` lines, or raw JSON objects with a `time`) → one number
 * per field for the whole iteration.
 *
 * A field whose value never goes down across the snapshots and whose name reads as cumulative
 * (`count`, `total`, `_ns`, `dropped`, `errors`, …) is a counter: it is compared as its rate per
 * second between the first and the last snapshot of the active window. Anything else
 * (`avg_dwell_ms`, `producer_per_sec`, queue depths, high-water marks such as `max_ns`) is a gauge: compared as its mean level over
 * the active window. The active window starts `startSkipMs` after the first snapshot, as for
 * resources.
 */
import { EngineDiagnostic, warningAt } from '../diagnostics';

export interface DiagnosticsField {
  readonly path: string;
  readonly kind: 'rate' | 'level';
  readonly value: number;
  readonly snapshots: number;
}

const CUMULATIVE =
  /(^|[._])(count|total|sum|dropped|drops|errors?|failures?|bytes|received|sent|calls|over_\w+)($|[._])|_ns$|_count$|_total$/i;
const PER_TIME =
  /per_?s(ec)?$|_rate$|avg|mean|_ms$|depth|len(gth)?$|size$|level|gauge|current|inflight|in_flight|(^|_)max($|_)|(^|_)peak($|_)/i;

function flatten(v: unknown, prefix: string, out: Map<string, number>): void {
  if (typeof v === 'number' && Number.isFinite(v)) out.set(prefix, v);
  else if (v && typeof v === 'object' && !Array.isArray(v))
    for (const [k, c] of Object.entries(v as Record<string, unknown>))
      flatten(c, prefix ? `${prefix}.${k}` : k, out);
}

/** One parsed snapshot: its time (epoch ms, or its index × 1 s without one) and numeric fields. */
export interface DiagnosticsSnapshot {
  readonly time: number;
  readonly values: Map<string, number>;
}

/** The snapshots of a diagnostics.jsonl, in file order; a line that is not JSON is a warning. */
export function parseDiagnosticsSnapshots(
  text: string,
  file: string,
): { snapshots: DiagnosticsSnapshot[]; diagnostics: EngineDiagnostic[] } {
  const diagnostics: EngineDiagnostic[] = [];
  const snaps: DiagnosticsSnapshot[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      diagnostics.push(
        warningAt(file, `not JSON (${(e as Error).message}); snapshot left out`, {
          line: i + 1,
          column: 1,
          expected: 'one JSON object per line',
        }),
      );
      return;
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return;
    const rec = obj as Record<string, unknown>;
    const t =
      typeof rec.time === 'string'
        ? Date.parse(rec.time)
        : typeof rec.time === 'number'
          ? rec.time
          : NaN;
    const body =
      'body' in rec
        ? rec.body
        : Object.fromEntries(
            Object.entries(rec).filter(([k]) => k !== 'time' && k !== 'status' && k !== 'url'),
          );
    if (!body || typeof body !== 'object') return; // a failed poll (text body)
    const values = new Map<string, number>();
    flatten(body, '', values);
    snaps.push({ time: Number.isFinite(t) ? t : snaps.length * 1000, values });
  });
  return { snapshots: snaps, diagnostics };
}

/**
 * Counter or gauge: a field is a counter (`rate`) when its values never go down and its leaf
 * name reads as cumulative and not as a per-time or current level; else a gauge (`level`).
 */
export function diagnosticsFieldKind(path: string, values: readonly number[]): 'rate' | 'level' {
  const monotone = values.every((v, k) => k === 0 || v >= values[k - 1]);
  const leaf = path.slice(path.lastIndexOf('.') + 1);
  return monotone && CUMULATIVE.test(leaf) && !PER_TIME.test(leaf) ? 'rate' : 'level';
}

export function diagnosticsFields(
  text: string,
  file: string,
  startSkipMs = 30_000,
): { fields: DiagnosticsField[]; diagnostics: EngineDiagnostic[] } {
  const { snapshots: snaps, diagnostics } = parseDiagnosticsSnapshots(text, file);
  if (snaps.length === 0) return { fields: [], diagnostics };
  const t0 = snaps[0].time;
  const active = snaps.filter((s) => s.time - t0 >= startSkipMs);
  const window = active.length >= 2 ? active : snaps; // a short run: use all snapshots
  const paths = new Set<string>();
  for (const s of window) for (const k of s.values.keys()) paths.add(k);
  const fields: DiagnosticsField[] = [];
  for (const p of paths) {
    const series = window
      .filter((s) => s.values.has(p))
      .map((s) => ({ t: s.time, v: s.values.get(p)! }));
    const cumulative =
      diagnosticsFieldKind(
        p,
        series.map((x) => x.v),
      ) === 'rate';
    const span = (series[series.length - 1].t - series[0].t) / 1000;
    if (cumulative && series.length >= 2 && span > 0)
      fields.push({
        path: p,
        kind: 'rate',
        value: (series[series.length - 1].v - series[0].v) / span,
        snapshots: series.length,
      });
    else
      fields.push({
        path: p,
        kind: 'level',
        value: series.reduce((a, x) => a + x.v, 0) / series.length,
        snapshots: series.length,
      });
  }
  return { fields, diagnostics };
}

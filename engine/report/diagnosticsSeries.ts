/**
 * Diagnostics snapshots → every numeric field over time, for the Over time tab. A field is a
 * counter or a gauge by the same rule as the A/B comparison (engine/compare/diagnosticsFields.ts):
 * a counter is shaped as its rate per second over each poll interval, a gauge as its level.
 */
import type { DiagnosticsSnapshots } from '../../protocol/sourceData';
import { diagnosticsFieldKind, type DiagnosticsSnapshot } from '../compare/diagnosticsFields';

/** `origin`: epoch ms of the timeline's 0 (else the first snapshot's time). */
export function diagnosticsSeries(
  snapshots: readonly DiagnosticsSnapshot[],
  origin?: number,
): DiagnosticsSnapshots | undefined {
  if (snapshots.length === 0) return undefined;
  const zero = origin ?? snapshots[0].time;
  const timesMs = snapshots.map((s) => s.time - zero);
  // Every path any snapshot has, in first-seen order (a Set keeps insertion order).
  const seen = new Set<string>();
  for (const s of snapshots) for (const k of s.values.keys()) seen.add(k);
  const paths = [...seen];
  const fields = paths.map((path) => {
    const raw = snapshots.map((s) => s.values.get(path));
    const kind = diagnosticsFieldKind(
      path,
      raw.filter((v): v is number => v !== undefined),
    );
    const values =
      kind === 'level'
        ? raw.map((v) => v ?? null)
        : raw.map((v, i) => {
            // Per second over the interval since the previous snapshot that has the field.
            let j = i - 1;
            while (j >= 0 && raw[j] === undefined) j--;
            const prev = j >= 0 ? raw[j] : undefined;
            const sec = j >= 0 ? (snapshots[i].time - snapshots[j].time) / 1000 : 0;
            return v !== undefined && prev !== undefined && sec > 0 ? (v - prev) / sec : null;
          });
    return { path, kind, values };
  });
  const gaps = timesMs
    .slice(1)
    .map((t, i) => t - timesMs[i])
    .sort((a, b) => a - b);
  const pollIntervalMs = gaps.length ? gaps[Math.floor((gaps.length - 1) / 2)] : 0;
  return { timesMs, pollIntervalMs, fields };
}

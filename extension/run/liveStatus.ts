/**
 * How a live run reads in the status bar: elapsed time and the top counters the language server
 * reports (`perflens/runProgress`). Pure: no `vscode`.
 */
import type { LiveCounter } from '../../protocol/server';

export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function formatTopCounters(top: readonly LiveCounter[]): string {
  return top
    .map(
      (c) =>
        `${c.name} ${c.totalMs >= 1000 ? `${(c.totalMs / 1000).toFixed(1)} s` : `${Math.round(c.totalMs)} ms`}`,
    )
    .join(' · ');
}

/**
 * How a run ended, read from its `run.json` — the first thing a report says about a run folder.
 * Pure: the manifest is any parsed JSON (a PerfLens manifest, another tool's, or garbage), and
 * whether the runner process still lives is asked through `isAlive` (a run left 'running' by a
 * runner that is gone was interrupted). Fields of the wrong type are left out, never trusted.
 */

export interface RunOutcome {
  /** completed / failed / stopped / interrupted / running, or whatever another tool wrote. */
  readonly status: string;
  readonly exitCode?: number | null;
  readonly signal?: string | null;
  readonly endReason?: string;
  readonly profiler?: string;
  /** What the run did not yield: `{ pid, what, why }`. */
  readonly lost: ReadonlyArray<{ pid?: number; what: string; why: string }>;
  /** Pids still alive after the final SIGKILL. */
  readonly survivors: readonly number[];
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const pidOk = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** `undefined` when the manifest says nothing about a status (not a run manifest). */
export function runOutcomeOf(
  manifest: unknown,
  isAlive: (pid: number) => boolean,
): RunOutcome | undefined {
  if (!isObj(manifest) || typeof manifest.status !== 'string') return undefined;
  let status = manifest.status;
  if (status === 'running' && !(pidOk(manifest.runnerPid) && isAlive(manifest.runnerPid)))
    status = 'interrupted';
  const exitCode =
    typeof manifest.exitCode === 'number' || manifest.exitCode === null
      ? manifest.exitCode
      : undefined;
  const signal =
    typeof manifest.signal === 'string' || manifest.signal === null ? manifest.signal : undefined;
  const lost = (Array.isArray(manifest.lost) ? manifest.lost : []).flatMap((l: unknown) =>
    isObj(l) && typeof l.what === 'string' && typeof l.why === 'string'
      ? [{ ...(pidOk(l.pid) ? { pid: l.pid } : {}), what: l.what, why: l.why }]
      : [],
  );
  const survivors = (Array.isArray(manifest.survivors) ? manifest.survivors : []).filter(pidOk);
  return {
    status,
    ...(exitCode !== undefined ? { exitCode } : {}),
    ...(signal !== undefined ? { signal } : {}),
    ...(typeof manifest.endReason === 'string' ? { endReason: manifest.endReason } : {}),
    ...(typeof manifest.profiler === 'string' ? { profiler: manifest.profiler } : {}),
    lost,
    survivors,
  };
}

/** A run that did not end well: a CI gate on `report` should fail on it. */
export function outcomeIsFailure(o: RunOutcome): boolean {
  return o.status === 'failed' || o.status === 'interrupted';
}

/** Text lines: `Run: failed — exit code 1 (target exited)`, then what was lost. */
export function formatRunOutcome(o: RunOutcome, label = 'Run'): string[] {
  const how =
    o.signal != null
      ? `signal ${o.signal}`
      : o.exitCode !== undefined && o.exitCode !== null
        ? `exit code ${o.exitCode}`
        : o.status === 'interrupted'
          ? 'no exit status: the runner died before the run ended'
          : o.status === 'running'
            ? 'still running'
            : 'no exit status recorded';
  const lines = [
    `${label}: ${o.status} — ${how}${o.endReason ? ` (${o.endReason})` : ''}${o.profiler ? `, profiler ${o.profiler}` : ''}`,
  ];
  for (const l of o.lost)
    lines.push(`  lost: ${l.what}${l.pid !== undefined ? ` from pid ${l.pid}` : ''} — ${l.why}`);
  if (o.survivors.length > 0)
    lines.push(`  still alive after SIGKILL: pid ${o.survivors.join(', ')}`);
  return lines;
}

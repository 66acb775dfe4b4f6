/**
 * How a run ended, decided once from what actually happened — who ended it, what the target
 * returned, whether anything had to be forced — so run.json, the CLI's exit code, the editor
 * and `report` all say the same thing.
 *
 * - `completed`: the target exited by itself with status 0; or a `--duration` limit ended it and
 *   it shut down cleanly on the one stop signal (exit 0, or the signal's own 128+n / death by
 *   that signal, which is what a program without a handler does).
 * - `failed`: it exited by itself with another status or a signal, could not start, or shut down
 *   with another status when the duration limit asked it to stop (e.g. 99 from a cleanup bug).
 * - `stopped`: a stop was requested (Ctrl-C, Stop Run), or the target had to be forced — killed
 *   after the grace period, or made to exit by PerfLens's preload because it ignored the signal.
 * - `interrupted`: only ever read, never decided here: run.json says `running` and its runner is
 *   gone.
 */
import { constants } from 'node:os';
import type { RunStatus } from './types';

export interface OutcomeFacts {
  /** Who asked the run to end: a stop request, the duration limit, or nobody (it exited). */
  readonly endedBy: 'stop' | 'duration' | undefined;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** The stop signal the runner sent (SIGINT or SIGTERM). */
  readonly stopSignal: string;
  /** A process of the target had to be killed (SIGKILL) or force-exited by the preload. */
  readonly forced: boolean;
}

export function signalNumber(signal: string): number | undefined {
  return (constants.signals as Record<string, number | undefined>)[signal];
}

export function decideStatus(f: OutcomeFacts): Exclude<RunStatus, 'running' | 'interrupted'> {
  if (f.endedBy === 'stop') return 'stopped';
  if (f.endedBy === 'duration') {
    if (f.forced) return 'stopped';
    const n = signalNumber(f.stopSignal);
    const clean =
      (f.exitCode === 0 && !f.signal) ||
      f.signal === f.stopSignal ||
      (n !== undefined && f.exitCode === 128 + n);
    return clean ? 'completed' : 'failed';
  }
  return f.exitCode === 0 && !f.signal ? 'completed' : 'failed';
}

/**
 * The status a shell would show for the target: its exit code, or 128 + the signal number for a
 * death by signal, or 1 when neither is known (it never started).
 */
export function targetExitStatus(exitCode: number | null, signal: string | null): number {
  if (exitCode !== null && exitCode !== undefined) return exitCode;
  const n = signal ? signalNumber(signal) : undefined;
  return n !== undefined ? 128 + n : 1;
}

/**
 * Ending a process tree without leaving anything behind. The target is spawned as the leader of
 * its own process group, so one `kill(-pgid)` reaches the whole tree, including processes that
 * outlived their parent; descendants that moved to another group are signalled by pid.
 * Escalation: the graceful signal, then SIGKILL after the grace period, then a final /proc
 * check that reports anything still alive.
 */
import { liveTree } from './processTree';
import { readStat } from './procfs';

const pollMs = 50;

/**
 * The tree is the process group `pgid` (= the leader's pid) plus descendants. `rootPid` is the
 * leader while it is alive and 0 once it has been reaped — its pid may then be reused by an
 * unrelated process, which must never be signalled.
 */
export interface TreeRef {
  readonly pgid: number;
  rootPid(): number;
}

const live = (t: TreeRef) => liveTree(t.rootPid(), t.pgid);

export function signalTree(t: TreeRef, signal: NodeJS.Signals): void {
  // kill(-0) would signal OUR OWN group: a spawn that failed has no pid, and nothing to stop.
  if (t.pgid <= 1) return;
  try {
    process.kill(-t.pgid, signal);
  } catch {
    /* group already gone */
  }
  for (const p of live(t)) {
    try {
      process.kill(p.pid, signal);
    } catch {
      /* exited meanwhile */
    }
  }
}

/** Resolves true once no live process of the tree is left, false on timeout. Polls /proc. */
export async function waitTreeGone(t: TreeRef, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (live(t).length === 0) return true;
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** Graceful signal → wait up to graceMs → SIGKILL → wait. Returns pids still alive after all that. */
export async function endTree(
  t: TreeRef,
  signal: NodeJS.Signals,
  graceMs: number,
): Promise<{ killed: boolean; leftovers: number[] }> {
  if (live(t).length === 0) return { killed: false, leftovers: [] };
  signalTree(t, signal);
  if (await waitTreeGone(t, graceMs)) return { killed: false, leftovers: [] };
  signalTree(t, 'SIGKILL');
  await waitTreeGone(t, 2000);
  return { killed: true, leftovers: live(t).map((p) => p.pid) };
}

/** Live pids of the tree right now (for tests and the final check). */
export function treePids(t: TreeRef): number[] {
  return live(t).map((p) => p.pid);
}

/** Resolves true once `pid` has exited (gone or zombie), false on timeout. */
export async function waitPidGone(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = readStat(pid);
    if (!s || s.state === 'Z' || s.state === 'X') return true;
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

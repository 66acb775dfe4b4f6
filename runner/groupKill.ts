/**
 * Ending a process tree without leaving anything behind. The target is spawned as the leader of
 * its own process group, so one `kill(-pgid)` reaches the whole tree, including processes that
 * outlived their parent; only members that left the group (`setsid`, `detached: true`) are
 * signalled by pid. Every process gets each signal exactly once: many programs treat a second
 * Ctrl-C as "force quit, skip cleanup", so a stop that signalled the group and then each pid
 * would turn a graceful stop into a forced one.
 *
 * One stop sequence: the graceful signal, the grace period, SIGKILL, then a final /proc check
 * that reports anything still alive. Each step is handed to a recorder (run.json keeps them).
 */
import { liveTree, type KnownProcesses } from './processTree';
import { readStat } from './procfs';
import type { StopStep } from './types';

const pollMs = 50;

/**
 * The tree is the process group `pgid` (= the leader's pid) plus descendants, plus processes
 * seen earlier that left the group (`known`). `rootPid` is the leader while it is alive and 0
 * once it has been reaped — its pid may then be reused by an unrelated process, which must
 * never be signalled.
 */
export interface TreeRef {
  readonly pgid: number;
  rootPid(): number;
  known?(): KnownProcesses;
}

const live = (t: TreeRef) => liveTree(t.rootPid(), t.pgid, t.known?.());

export type StopRecorder = (step: Omit<StopStep, 'time'>) => void;

/**
 * One signal to every live process of the tree: `kill(-pgid)` for the group, and by pid for the
 * members outside it. Returns the pids signalled one by one.
 */
export function signalTree(t: TreeRef, signal: NodeJS.Signals): { outsideGroup: number[] } {
  // kill(-0) would signal OUR OWN group: a spawn that failed has no pid, and nothing to stop.
  if (t.pgid <= 1) return { outsideGroup: [] };
  const members = live(t);
  // Only while a member still holds the group id: an empty group's number can be reused.
  if (members.some((p) => p.pgrp === t.pgid)) {
    try {
      process.kill(-t.pgid, signal);
    } catch {
      /* the group emptied meanwhile */
    }
  }
  const outsideGroup: number[] = [];
  for (const p of members) {
    if (p.pgrp === t.pgid) continue;
    try {
      process.kill(p.pid, signal);
      outsideGroup.push(p.pid);
    } catch {
      /* exited meanwhile */
    }
  }
  return { outsideGroup };
}

/** `signalTree` plus the step for run.json. */
export function signalTreeRecorded(
  t: TreeRef,
  signal: NodeJS.Signals,
  record: StopRecorder,
  note?: string,
): void {
  const { outsideGroup } = signalTree(t, signal);
  record({
    action: 'signal',
    signal,
    group: t.pgid,
    ...(outsideGroup.length > 0 ? { pids: outsideGroup } : {}),
    ...(note ? { note } : {}),
  });
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

/**
 * The stop sequence: graceful signal → wait up to graceMs → SIGKILL → wait → survivors.
 * `killed` lists the pids that were still alive when SIGKILL went out (their profiles are lost);
 * `leftovers` those alive after it.
 */
export async function endTree(
  t: TreeRef,
  signal: NodeJS.Signals,
  graceMs: number,
  record: StopRecorder = () => undefined,
): Promise<{ killed: number[]; leftovers: number[] }> {
  if (live(t).length === 0) return { killed: [], leftovers: [] };
  signalTreeRecorded(t, signal, record);
  if (await waitTreeGone(t, graceMs)) {
    record({ action: 'exited', note: `every process of the tree exited within ${graceMs} ms` });
    return { killed: [], leftovers: [] };
  }
  return killTree(t, record, `still running ${graceMs} ms after ${signal}`);
}

/** SIGKILL to what is left, then the final check. */
export async function killTree(
  t: TreeRef,
  record: StopRecorder,
  why: string,
): Promise<{ killed: number[]; leftovers: number[] }> {
  const killed = live(t).map((p) => p.pid);
  if (killed.length === 0) return { killed, leftovers: [] };
  record({ action: 'grace-expired', pids: killed, note: why });
  signalTreeRecorded(t, 'SIGKILL', record);
  await waitTreeGone(t, 2000);
  const leftovers = live(t).map((p) => p.pid);
  record(
    leftovers.length > 0
      ? { action: 'survivors', pids: leftovers, note: 'still alive 2000 ms after SIGKILL' }
      : { action: 'exited', note: 'every process of the tree is gone after SIGKILL' },
  );
  return { killed, leftovers };
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

/**
 * Which processes belong to a run: the descendants of the spawned root (by ppid), plus any
 * process still in the root's process group — a child that outlived its parent is re-parented
 * to init but keeps its group, and it must be found to be sampled and, at the end, killed —
 * plus processes the run has already seen that left the group or session (`setsid`,
 * `detached: true`) and were re-parented away: once their parent is gone, neither the group nor
 * the parent link leads to them, so only the runner's memory of them (pid and start time, since
 * pids are reused) does.
 */
import { readAllStats, type ProcStat } from './procfs';

/** Processes seen earlier in the run: pid → start time in clock ticks (`ProcStat.startTicks`). */
export type KnownProcesses = ReadonlyMap<number, number>;

export function runTree(
  rootPid: number,
  pgid: number,
  stats: Map<number, ProcStat> = readAllStats(),
  known: KnownProcesses = new Map(),
): ProcStat[] {
  // Group 0 holds kernel threads and group 1 init: never a run's tree (a failed spawn has pid 0).
  if (pgid <= 1) return [];
  const children = new Map<number, number[]>();
  for (const s of stats.values()) {
    const list = children.get(s.ppid);
    if (list) list.push(s.pid);
    else children.set(s.ppid, [s.pid]);
  }
  const found = new Set<number>();
  const stack = [rootPid];
  for (const s of stats.values()) if (s.pgrp === pgid) stack.push(s.pid);
  for (const [pid, startTicks] of known) {
    // The same pid with another start time is an unrelated process that reused the number.
    if (stats.get(pid)?.startTicks === startTicks) stack.push(pid);
  }
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (found.has(pid) || !stats.has(pid)) continue;
    found.add(pid);
    for (const c of children.get(pid) ?? []) stack.push(c);
  }
  return [...found].map((pid) => stats.get(pid)!);
}

/** Live (non-zombie) members of the tree — what "no process left behind" is checked against. */
export function liveTree(rootPid: number, pgid: number, known?: KnownProcesses): ProcStat[] {
  return runTree(rootPid, pgid, readAllStats(), known).filter(
    (s) => s.state !== 'Z' && s.state !== 'X',
  );
}

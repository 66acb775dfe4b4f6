/**
 * Reading Linux `/proc`: per-process stat (ppid, process group, CPU ticks, RSS) and argv.
 * Synchronous and small on purpose: a walk touches a few hundred tiny files and must see one
 * consistent-enough moment; any read can fail because the process just exited, which is
 * normal and yields `undefined`.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

export interface ProcStat {
  readonly pid: number;
  readonly comm: string;
  readonly state: string;
  readonly ppid: number;
  readonly pgrp: number;
  /** utime + stime, in clock ticks. */
  readonly cpuTicks: number;
  /**
   * cutime + cstime: the CPU of children this process has waited for (reaped), with theirs, in
   * clock ticks.
   */
  readonly childCpuTicks: number;
  readonly rssPages: number;
  /**
   * Start time after boot, in clock ticks: with the pid, it names one process (pids are reused).
   */
  readonly startTicks: number;
}

export const procAvailable = (): boolean =>
  process.platform === 'linux' && fs.existsSync('/proc/self/stat');

function getconf(name: string, fallback: number): number {
  try {
    const n = Number(execFileSync('getconf', [name], { encoding: 'utf8' }).trim());
    return Number.isFinite(n) && n > 0 ? n : fallback;
  } catch {
    return fallback;
  }
}

let cached: { clockTicks: number; pageSize: number } | undefined;
/** `sysconf(_SC_CLK_TCK)` and the page size; Node has no binding, so ask getconf once. */
export function systemConstants(): { clockTicks: number; pageSize: number } {
  cached ??= { clockTicks: getconf('CLK_TCK', 100), pageSize: getconf('PAGESIZE', 4096) };
  return cached;
}

/**
 * Parses `/proc/<pid>/stat`. The command name sits in parentheses and may itself contain
 * spaces and parentheses, so fields are counted from the LAST ')'. Field numbers follow proc(5).
 */
export function parseStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = Number(text.slice(0, open).trim());
  const rest = text.slice(close + 2).split(' '); // rest[0] is field 3 (state)
  const field = (n: number): number => Number(rest[n - 3]);
  const stat: ProcStat = {
    pid,
    comm: text.slice(open + 1, close),
    state: rest[0] ?? '?',
    ppid: field(4),
    pgrp: field(5),
    cpuTicks: field(14) + field(15),
    childCpuTicks: field(16) + field(17),
    rssPages: field(24),
    startTicks: field(22),
  };
  return Number.isFinite(stat.ppid) && Number.isFinite(stat.cpuTicks) ? stat : undefined;
}

export function readStat(pid: number): ProcStat | undefined {
  try {
    return parseStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

export function readArgv(pid: number): string[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .filter((s, i, a) => s !== '' || i < a.length - 1);
  } catch {
    return [];
  }
}

export function listPids(): number[] {
  try {
    return fs
      .readdirSync('/proc')
      .filter((n) => /^\d+$/.test(n))
      .map(Number);
  } catch {
    return [];
  }
}

/** Every live process's stat, keyed by pid. Zombies are kept: they still hold their pid. */
export function readAllStats(): Map<number, ProcStat> {
  const out = new Map<number, ProcStat>();
  for (const pid of listPids()) {
    const s = readStat(pid);
    if (s) out.set(pid, s);
  }
  return out;
}

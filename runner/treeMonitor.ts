/**
 * Watches the run's process tree through /proc: notices new processes (for run.json's
 * "processes seen" and the live UI) on a short scan period, and every sample period appends
 * one row per process to samples.tsv — CPU % from the utime+stime delta over wall-clock, and RSS.
 * Rows are appended as they are taken, so a crash of anything loses at most one period.
 */
import * as fs from 'node:fs';
import { EventEmitter } from 'node:events';
import { readAllStats, readArgv, systemConstants, type ProcStat } from './procfs';
import { runTree } from './processTree';
import type { TreeRef } from './groupKill';
import type { ResourceSample, SeenProcess } from './types';

export const SAMPLES_HEADER = [
  'time',
  'elapsed_s',
  'pid',
  'ppid',
  'name',
  'cpu_pct',
  'rss_kb',
].join('\t');

interface Baseline {
  ticks: number;
  atMs: number;
}

export interface TreeMonitorEvents {
  process: [SeenProcess];
  /** A member seen outside the run's process group (setsid, detached): it is ended by pid. */
  escaped: [SeenProcess];
  sample: [readonly ResourceSample[]];
}

/**
 * A process as first seen: its argv only when /proc gave one. A process that exited between the
 * walk's stat and its cmdline read (a zombie's cmdline is empty) has an unknown command line, which
 * run.json leaves out rather than writing an empty one.
 */
export function seenProcess(
  s: Pick<ProcStat, 'pid' | 'ppid'>,
  argv: readonly string[],
  now: number,
): SeenProcess {
  return { pid: s.pid, ppid: s.ppid, ...(argv.length > 0 ? { argv } : {}), firstSeenMs: now };
}

export class TreeMonitor extends EventEmitter<TreeMonitorEvents> {
  private readonly seen = new Map<number, SeenProcess>();
  /** Live members seen so far: pid → start time, so a re-parented escapee is still found. */
  private readonly alive = new Map<number, number>();
  private readonly baselines = new Map<number, Baseline>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly out: number;
  private readonly consts = systemConstants();

  constructor(
    private readonly tree: TreeRef,
    private readonly startMs: number,
    samplesPath: string,
    private readonly sampleIntervalMs: number,
    private readonly scanIntervalMs: number,
  ) {
    super();
    this.out = fs.openSync(samplesPath, 'a');
    fs.writeSync(this.out, `${SAMPLES_HEADER}\n`);
  }

  start(): void {
    this.scan();
    this.timers.push(setInterval(() => this.scan(), this.scanIntervalMs));
    this.timers.push(setInterval(() => this.sample(), this.sampleIntervalMs));
  }

  get processes(): SeenProcess[] {
    return [...this.seen.values()];
  }

  /** The members seen so far that are still alive (pid → start ticks), for `TreeRef.known`. */
  known(): ReadonlyMap<number, number> {
    return this.alive;
  }

  /** One walk; new processes are announced and get a CPU baseline. Returns the live tree. */
  scan(now = Date.now()) {
    const stats = readAllStats();
    const tree = runTree(this.tree.rootPid(), this.tree.pgid, stats, this.alive);
    for (const pid of this.alive.keys()) if (!stats.has(pid)) this.alive.delete(pid);
    for (const s of tree) {
      if (s.state === 'Z') continue;
      this.alive.set(s.pid, s.startTicks);
      let proc = this.seen.get(s.pid);
      if (proc && now - proc.firstSeenMs <= 2 * this.scanIntervalMs) {
        // Seen between fork and exec, a child shows its parent's argv: read it again while young.
        const argv = readArgv(s.pid);
        if (argv.length > 0) (proc as { argv: readonly string[] }).argv = argv;
      }
      if (!proc) {
        proc = seenProcess(s, readArgv(s.pid), now);
        this.seen.set(s.pid, proc);
        this.baselines.set(s.pid, { ticks: s.cpuTicks, atMs: now });
        this.emit('process', proc);
      }
      if (s.pgrp !== this.tree.pgid && !proc.outsideGroup) {
        proc.outsideGroup = true;
        this.emit('escaped', proc);
      }
    }
    return tree;
  }

  sample(): readonly ResourceSample[] {
    const now = Date.now();
    const rows: ResourceSample[] = [];
    for (const s of this.scan(now)) {
      if (s.state === 'Z') continue;
      const base = this.baselines.get(s.pid);
      const dtS = base ? (now - base.atMs) / 1000 : 0;
      const cpuPct =
        base && dtS > 0 ? ((s.cpuTicks - base.ticks) / this.consts.clockTicks / dtS) * 100 : 0;
      this.baselines.set(s.pid, { ticks: s.cpuTicks, atMs: now });
      rows.push({
        timeMs: now,
        pid: s.pid,
        ppid: s.ppid,
        name: s.comm,
        cpuPct,
        rssKb: (s.rssPages * this.consts.pageSize) / 1024,
      });
    }
    if (rows.length > 0) {
      const elapsed = ((now - this.startMs) / 1000).toFixed(1);
      const text = rows
        .map((r) =>
          [
            new Date(r.timeMs).toISOString(),
            elapsed,
            r.pid,
            r.ppid,
            r.name.replace(/[\t\n]/g, ' '),
            r.cpuPct.toFixed(1),
            Math.round(r.rssKb),
          ].join('\t'),
        )
        .join('\n');
      fs.writeSync(this.out, `${text}\n`);
      this.emit('sample', rows);
    }
    return rows;
  }

  close(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
    try {
      fs.closeSync(this.out);
    } catch {
      /* already closed */
    }
  }
}

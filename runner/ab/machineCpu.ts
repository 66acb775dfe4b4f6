/**
 * Machine-wide CPU from /proc/stat, beside a run's own: how many cores the whole machine kept
 * busy between two readings, so load that is not the run's (a parallel build) shows up. The
 * first line of /proc/stat (`cpu user nice system idle iowait irq softirq steal …`) is cumulative
 * ticks over all cores; busy = everything but idle and iowait.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { readStat, systemConstants } from '../procfs';
import type { RunHandle } from '../types';

/**
 * `machine.tsv`, one row per sampling interval of an A/B iteration and one for the last, partial
 * interval (from the last sample to the end of the run's tree). The runner writes it and owns
 * its layout (as it does samples.tsv's); the engine's reader (`engine/compare/machineLoad.ts`)
 * finds the columns by name. `machine_busy_cores` is /proc/stat over the interval, `run_cores`
 * the run's own tree (the sum of its CPU % / 100), `other_cores` the difference.
 */
export const MACHINE_FILE = 'machine.tsv';
export const MACHINE_COLUMNS = [
  'time',
  'cores',
  'machine_busy_cores',
  'run_cores',
  'other_cores',
] as const;

export interface CpuTicks {
  readonly busy: number;
  readonly total: number;
}

/** Parses the aggregate `cpu` line of /proc/stat; undefined when it is not there. */
export function parseProcStat(text: string): CpuTicks | undefined {
  const line = text.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) return undefined;
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  if (f.length < 4 || f.some((x) => !Number.isFinite(x))) return undefined;
  const idle = f[3] + (f[4] ?? 0);
  // guest/guest_nice (fields 9, 10) are already counted in user/nice.
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export function readCpuTicks(): CpuTicks | undefined {
  try {
    return parseProcStat(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined; // not Linux: no machine-wide load
  }
}

/** Cores kept busy between two readings (0 … cores). */
export function busyCores(a: CpuTicks, b: CpuTicks, cores: number): number {
  const dt = b.total - a.total;
  return dt > 0 ? ((b.busy - a.busy) / dt) * cores : 0;
}

export const machineCores = (): number => availableParallelism();

/**
 * CPU ticks of the children this process has reaped (cutime + cstime of /proc/self/stat): a run's
 * tree is reaped into it as it ends, so the difference over a run is the tree's whole CPU, even
 * of processes that exited between two samples. Undefined without /proc.
 */
export function readReapedChildTicks(): number | undefined {
  return readStat(process.pid)?.childCpuTicks;
}

/** One machine.tsv row: the machine's busy cores over a window against the run's own. */
function machineRow(cores: number, machine: number, own: number): string {
  const other = Math.max(0, machine - own);
  const row = [Date.now(), cores, machine.toFixed(3), own.toFixed(3), other.toFixed(3)];
  return `${row.join('\t')}\n`;
}

/**
 * Starts `machine.tsv` (its header) and takes the first reading, before the run starts; the
 * returned function has the run's samples append a row each (the machine's busy cores since the
 * previous reading against the run's own), and when the run's tree is gone one more row for the
 * last, partial window — so a run shorter than one sampling period still has a row. It resolves
 * once that row is written. Attach it at once after starting the run, so that no sample goes by
 * unrecorded.
 *
 * The last window's own CPU is the tree's whole CPU (reaped into this process) less what the
 * samples already counted: processes that ended between two samples are measured there too.
 * CPU a process spent before the tree walk first saw it (at most one scan period) is counted in
 * that last window as well, so its `other_cores` errs low, never high.
 */
export async function machineCpuRecorder(
  machineFile: string,
  cores: number,
): Promise<(run: RunHandle) => Promise<void>> {
  await writeFile(machineFile, `${MACHINE_COLUMNS.join('\t')}\n`);
  const { clockTicks } = systemConstants();
  const reapedAtStart = readReapedChildTicks();
  let last: CpuTicks | undefined = readCpuTicks();
  /** Core-seconds of the run's own CPU the sample rows have counted so far. */
  let countedCoreS = 0;
  return (run) =>
    new Promise<void>((resolve) => {
      run.on('sample', (samples) => {
        const now = readCpuTicks();
        if (!now || !last) return;
        const machine = busyCores(last, now, cores);
        const windowS = (now.total - last.total) / clockTicks / cores;
        last = now;
        const own = samples.reduce((a, s) => a + s.cpuPct, 0) / 100;
        countedCoreS += own * windowS;
        appendFileSync(machineFile, machineRow(cores, machine, own));
      });
      let done = false;
      const lastWindow = (): void => {
        if (done) return;
        done = true;
        const now = readCpuTicks();
        const reaped = readReapedChildTicks();
        const dtTicks = now && last ? now.total - last.total : 0;
        if (now && last && dtTicks > 0) {
          const machine = busyCores(last, now, cores);
          const windowS = dtTicks / clockTicks / cores;
          const treeCoreS =
            reaped !== undefined && reapedAtStart !== undefined
              ? (reaped - reapedAtStart) / clockTicks
              : 0;
          const own = Math.min(machine, Math.max(0, treeCoreS - countedCoreS) / windowS);
          appendFileSync(machineFile, machineRow(cores, machine, own));
          last = now;
        }
        resolve();
      };
      run.on('treeGone', lastWindow);
      run.on('ended', lastWindow);
    });
}

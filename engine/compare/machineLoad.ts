/**
 * `machine.tsv`: machine-wide CPU recorded beside each iteration by `perflens ab`, so load that is
 * not the run's own (a parallel build) is visible. Header
 * `time cores machine_busy_cores run_cores other_cores`, one row per sampling interval:
 * `machine_busy_cores` from /proc/stat over the interval, `run_cores` the run's own process tree
 * (the sum of its CPU % / 100 from the same sampler), `other_cores` the difference.
 * A window is flagged when other processes used more than `threshold` of the machine's cores.
 */
import { EngineDiagnostic } from '../diagnostics';
import { IterationLoad } from './metricTypes';
import { findColumn, parseTsv } from '../soak/tsv';

/** The file's name; the runner (runner/ab/machineCpu.ts) writes it, columns are found by name. */
export const MACHINE_FILE = 'machine.tsv';
/** Default: a window is noisy when others use more than half the machine. */
export const DEFAULT_NOISE_THRESHOLD = 0.5;

/** One machine.tsv row as read (the time is the row's epoch ms; rows without one are skipped). */
export interface MachineRow {
  readonly timeMs: number;
  readonly cores: number;
  readonly otherCores: number;
  readonly flagged: boolean;
}

/**
 * An iteration is noisy when any of its machine.tsv windows was flagged: `--exclude-noisy` leaves
 * it out of the statistics, the differential flame and the over-time data alike.
 */
export function isNoisy(load: IterationLoad | undefined): boolean {
  return (load?.flaggedWindows ?? 0) > 0;
}

/**
 * An iteration whose machine.tsv holds no usable row (a header only: an older run, or one that
 * crashed before the sampler's first interval) says nothing about outside load: it is unmeasured,
 * never clean. Without a machine.tsv at all (`load` undefined) the run was not recorded by
 * `perflens ab` and nothing is claimed either way.
 */
export function isUnmeasured(load: IterationLoad | undefined): boolean {
  return load !== undefined && load.windows === 0;
}

export function machineLoad(
  text: string,
  file: string,
  threshold = DEFAULT_NOISE_THRESHOLD,
): { load?: IterationLoad; rows: MachineRow[]; diagnostics: EngineDiagnostic[] } {
  const t = parseTsv(text, file);
  const other = findColumn(t.header, ['other_cores']);
  const cores = findColumn(t.header, ['cores']);
  const time = findColumn(t.header, ['time']);
  const rows: MachineRow[] = [];
  // A file without the columns measured nothing: zero windows, so the iteration is unmeasured.
  if (!other || !cores)
    return {
      load: { windows: 0, flaggedWindows: 0, maxOtherCores: 0, cores: 0 },
      rows,
      diagnostics: t.diagnostics,
    };
  let windows = 0;
  let flagged = 0;
  let maxOther = 0;
  let nCores = 0;
  for (const r of t.rows) {
    const o = Number(r.cells[other]);
    const c = Number(r.cells[cores]);
    if (!Number.isFinite(o) || !Number.isFinite(c) || c <= 0) continue;
    windows++;
    nCores = c;
    maxOther = Math.max(maxOther, o);
    const isFlagged = o > threshold * c;
    if (isFlagged) flagged++;
    const at = time ? Number(r.cells[time]) : NaN;
    if (Number.isFinite(at)) rows.push({ timeMs: at, cores: c, otherCores: o, flagged: isFlagged });
  }
  return {
    load: { windows, flaggedWindows: flagged, maxOtherCores: maxOther, cores: nCores },
    rows,
    diagnostics: t.diagnostics,
  };
}

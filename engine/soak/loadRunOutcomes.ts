/**
 * The edge that reads `run.json` for `runOutcome.ts`: one run folder's, or each run's of a soak
 * folder (its sub-folders that hold a run.json), in name order. Unreadable or non-JSON files are
 * skipped here — the run-folder reader reports them with their place.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { runOutcomeOf, type RunOutcome } from './runOutcome';
import { readTextFile } from '../textFiles';

export interface NamedOutcome {
  /** The run folder's name relative to the given path ('' for the folder itself). */
  readonly run: string;
  readonly outcome: RunOutcome;
}

async function readOne(
  dir: string,
  isAlive: (pid: number) => boolean,
): Promise<RunOutcome | undefined> {
  try {
    return runOutcomeOf(JSON.parse(await readTextFile(path.join(dir, 'run.json'))), isAlive);
  } catch {
    return undefined;
  }
}

export async function loadRunOutcomes(
  target: string,
  isAlive: (pid: number) => boolean,
): Promise<NamedOutcome[]> {
  let entries;
  try {
    if (!(await fs.stat(target)).isDirectory()) return [];
    entries = await fs.readdir(target, { withFileTypes: true });
  } catch {
    return [];
  }
  const own = await readOne(target, isAlive);
  if (own) return [{ run: '', outcome: own }];
  const out: NamedOutcome[] = [];
  for (const e of entries
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))) {
    const o = await readOne(path.join(target, e), isAlive);
    if (o) out.push({ run: e, outcome: o });
  }
  return out;
}

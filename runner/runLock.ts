/**
 * A run folder belongs to one run. At start the runner refuses a folder that already holds a
 * run (its run.json or output files) and then takes `.perflens/run.lock` with an exclusive
 * create, which settles a race between two runs started into the same new folder at once.
 * The lock is never removed: after the run it still says whose folder it is. Two runs merged
 * into one folder (interleaved logs, two samples headers, each summary counting the other's
 * profiles) could not be told apart afterwards, so refusing is the only honest answer.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { effectiveStatus, MANIFEST_FILE, readManifest } from './manifest';

export const LOCK_FILE = path.join('.perflens', 'run.lock');

/** Files only a run writes: their presence means the folder already holds one. */
const RUN_FILES = [MANIFEST_FILE, 'script.log', 'samples.tsv', 'counters.jsonl'];

/** Claims `runDir` for this run, or returns why it cannot (nothing is written then). */
export function claimRunFolder(runDir: string, startTime: string): string | undefined {
  fs.mkdirSync(runDir, { recursive: true });
  const m = readManifest(runDir);
  if (m) {
    const status = typeof m.status === 'string' ? effectiveStatus(m) : 'unknown';
    const by = status === 'running' ? `, runner pid ${m.runnerPid}` : '';
    return (
      `run folder '${runDir}' already holds a run (${status}, ` +
      `started ${String(m.startTime)}${by}); give each run its own --out ` +
      `folder`
    );
  }
  const other = RUN_FILES.find((f) => fs.existsSync(path.join(runDir, f)));
  if (other)
    return (
      `run folder '${runDir}' already holds run output ('${other}'); give each run its ` +
      `own --out folder`
    );
  const lock = path.join(runDir, LOCK_FILE);
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  try {
    fs.writeFileSync(lock, `${JSON.stringify({ runnerPid: process.pid, startTime })}\n`, {
      flag: 'wx',
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    let holder = '';
    try {
      const h = JSON.parse(fs.readFileSync(lock, 'utf8')) as { runnerPid?: unknown };
      holder = ` by runner pid ${String(h.runnerPid)}`;
    } catch {
      /* being written by the other run right now */
    }
    return (
      `run folder '${runDir}' is locked${holder} (${LOCK_FILE}); another run is using ` +
      `it — give each run its own --out folder`
    );
  }
  return undefined;
}

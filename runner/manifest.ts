/**
 * run.json: written when the run starts (status 'running', the runner's pid) and rewritten
 * when it ends. Every write goes to a temporary file renamed over the old one, so a reader
 * (or a crash) never sees half a manifest. A manifest still saying 'running' whose runner pid
 * is gone means the run was interrupted — `effectiveStatus` is how readers should decide.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunManifest, RunStatus } from './types';

export const MANIFEST_FILE = 'run.json';

export function writeManifest(runDir: string, m: RunManifest): void {
  const file = path.join(runDir, MANIFEST_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(m, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

export function readManifest(runDir: string): RunManifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(runDir, MANIFEST_FILE), 'utf8')) as RunManifest;
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid exists (EPERM: it exists, owned by someone else). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * 'running' with a dead runner (or no end time after the runner is gone) reads as 'interrupted'.
 */
export function effectiveStatus(m: Pick<RunManifest, 'status' | 'runnerPid'>): RunStatus {
  if (m.status === 'running' && !(m.runnerPid > 0 && pidAlive(m.runnerPid))) return 'interrupted';
  return m.status;
}

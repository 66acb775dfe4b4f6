/**
 * Where runs go and what is already there: `<workspace>/<perflens.run.outputDir>/<stamp>-<name>/`.
 * Pure Node (no `vscode`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readManifest, effectiveStatus } from '../../runner';
import type { RunManifest, RunStatus } from '../../runner';

/** A folder name that sorts by time and says what ran: `2026-11-21T23-59-01-npm-run-start`. */
export function runFolderName(label: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/:/g, '-');
  const slug =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'run';
  return `${stamp}-${slug}`;
}

/**
 * A run folder under `root` that no other run has: `runFolderName`, or with `-2`, `-3`… when two
 * runs of the same target start within the same second. The runner's lock (runner/runLock.ts)
 * still guards against a race between two editors; this keeps the common case from meeting it.
 */
export function uniqueRunFolder(root: string, label: string, now: Date): string {
  const base = runFolderName(label, now);
  for (let n = 1; ; n++) {
    const dir = path.join(root, n === 1 ? base : `${base}-${n}`);
    if (!fs.existsSync(dir)) return dir;
  }
}

export interface RunFolderInfo {
  readonly dir: string;
  readonly name: string;
  readonly status: RunStatus | 'unknown';
  readonly manifest?: RunManifest;
}

/** Run folders under `root`, newest first (by name: names start with a sortable time stamp). */
export function listRunFolders(root: string): RunFolderInfo[] {
  let names: string[];
  try {
    names = fs
      .readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
  return names
    .sort()
    .reverse()
    .map((name) => {
      const dir = path.join(root, name);
      const manifest = readManifest(dir);
      return {
        dir,
        name,
        status: manifest ? effectiveStatus(manifest) : 'unknown',
        ...(manifest ? { manifest } : {}),
      };
    });
}

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

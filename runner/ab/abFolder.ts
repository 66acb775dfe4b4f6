/**
 * An A/B's folder: `ab-<time>/` with `baseline/` and `treatment/`, and its `ab.json` (what was
 * asked, the schedule, and how it ended).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Side } from './order';

const stamp = (d: Date): string => d.toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');

/** `ab-<time>`, or `ab-<time>-2`… when another A/B started in the same second. */
export async function createAbDir(outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const base = path.join(outDir, `ab-${stamp(new Date())}`);
  let abDir = base;
  for (let k = 2; ; k++) {
    try {
      await mkdir(abDir);
      return abDir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      abDir = `${base}-${k}`;
    }
  }
}

/** `baseline/` and `treatment/` in the A/B's folder, created. */
export async function createSideDirs(abDir: string): Promise<Record<Side, string>> {
  const dirs: Record<Side, string> = {
    baseline: path.join(abDir, 'baseline'),
    treatment: path.join(abDir, 'treatment'),
  };
  await mkdir(dirs.baseline, { recursive: true });
  await mkdir(dirs.treatment, { recursive: true });
  return dirs;
}

/** `ab.json`: what was asked and how it went; written at the start and again at the end. */
export interface AbManifest {
  readonly formatVersion: 1;
  readonly baseline: unknown;
  readonly treatment: unknown;
  readonly iterations: number;
  readonly order: 'alternate' | 'random';
  readonly seed: number;
  readonly setup: string | undefined;
  readonly profiler: string;
  /** `side/run-i` in the order they run. */
  readonly schedule: readonly string[];
  readonly startTime: string;
  status: 'running' | 'completed' | 'stopped' | 'failed';
  endTime: string | undefined;
  error: string | undefined;
}

export function writeAbManifest(abDir: string, manifest: AbManifest): Promise<void> {
  return writeFile(path.join(abDir, 'ab.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

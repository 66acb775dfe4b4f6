/**
 * Shared helpers for the runner tests: they run REAL processes (the built sample daemon, its
 * soak script, 0x), so these build the daemon, make throw-away run folders, and wait on
 * conditions — events or /proc polls — never on fixed sleeps.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readAllStats } from '../../../runner/procfs';
import type { RunEvents, RunHandle } from '../../../runner/types';

export const REPO = path.resolve(__dirname, '../../..');
export const DAEMON_DIR = path.join(REPO, 'examples/sample-daemon');
export const DAEMON = path.join(DAEMON_DIR, 'dist/main.js');
export const SOAK = path.join(DAEMON_DIR, 'soak.mjs');

/** esbuild takes well under a second; every test file builds once in `before`. */
export function buildSampleDaemon(): void {
  execFileSync(process.execPath, [path.join(DAEMON_DIR, 'build.mjs')], { stdio: 'pipe' });
}

export function tmpRunDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `perflens-${label}-`));
}

export interface ParsedProfile {
  file: string;
  nodes: unknown[];
  samples: number[];
}

export function readCpuProfiles(runDir: string): ParsedProfile[] {
  const dir = path.join(runDir, 'profiles');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => {
      const json = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as {
        nodes: unknown[];
        samples: number[];
      };
      return { file: f, nodes: json.nodes, samples: json.samples };
    });
}

/** Live (non-zombie) processes whose process group is `pgid`. */
export function groupMembers(pgid: number): number[] {
  return [...readAllStats().values()]
    .filter((s) => s.pgrp === pgid && s.state !== 'Z')
    .map((s) => s.pid);
}

/** Resolves with the first event args satisfying `pred`; rejects after `timeoutMs`. */
export function waitForEvent<K extends keyof RunEvents>(
  h: RunHandle,
  event: K,
  pred: (...args: RunEvents[K]) => boolean,
  timeoutMs = 15_000,
): Promise<RunEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      h.off(event, listener);
      reject(new Error(`no '${event}' event matching within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (...args: RunEvents[K]): void => {
      if (!pred(...args)) return;
      clearTimeout(timer);
      h.off(event, listener);
      resolve(args);
    };
    h.on(event, listener);
  });
}

export function readTsv(file: string): Array<Record<string, string>> {
  const [header, ...rows] = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  const cols = header.split('\t');
  return rows.map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i], v])));
}

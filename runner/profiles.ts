/**
 * What profiles a run folder holds: `profiles/*.cpuprofile`, or the V8 logs 0x left under `0x/`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProfilerMode } from './types';

function walk(dir: string): string[] {
  let out: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out = out.concat(walk(p));
    else out.push(p);
  }
  return out.sort();
}

export function listProfiles(runDir: string, mode: ProfilerMode): string[] {
  if (mode === 'cpu-prof')
    return walk(path.join(runDir, 'profiles')).filter((f) => f.endsWith('.cpuprofile'));
  // 0x leaves one V8 log per profiled process (plus its JSON, meta.json, the HTML): count the logs.
  if (mode === '0x') return walk(path.join(runDir, '0x')).filter((f) => /-v8\.log$/.test(f));
  return [];
}

/** The pid Node puts in a default profile name: CPU.<date>.<time>.<pid>.<tid>.<seq>.cpuprofile. */
export function pidOfProfile(file: string): number | undefined {
  const m = /\.(\d+)\.\d+\.\d+\.cpuprofile$/.exec(path.basename(file));
  return m ? Number(m[1]) : undefined;
}

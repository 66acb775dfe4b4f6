/**
 * The profiled process's true exit status under 0x. 0x spawns `node --prof … app.js` and waits
 * for it, but keeps only the exit code (a death by signal reads as 0) and exits 0 itself after
 * building its flame graph — so 0x's own status says nothing about the target. Only 0x's
 * process, as the parent, learns the child's code and signal. So 0x itself is started with
 * `--require` of this small recorder, which wraps `child_process.spawn` (before 0x's modules
 * take their reference to it) and appends one JSON line per child spawn and exit — pid, argv,
 * code, signal, time — to a file in the run folder. The runner picks the child run with `--prof`
 * (the spawn record also names it exactly; /proc may show a child's argv from before its exec).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ZEROX_RECORDER_SOURCE = `'use strict';
// Written by PerfLens (runner/zeroXExits.ts): records how each child of 0x exited.
(function perflensZeroXExits() {
  var file = process.env.PERFLENS_ZEROX_EXITS;
  if (!file) return;
  var fs = require('fs');
  var cp = require('child_process');
  var spawn = cp.spawn;
  cp.spawn = function perflensSpawn(cmd, args) {
    var child = spawn.apply(this, arguments);
    var argv = [String(cmd)].concat(Array.isArray(args) ? args.map(String) : []);
    var note = function (rec) {
      try { fs.appendFileSync(file, JSON.stringify(rec) + '\\n'); } catch (e) { /* run folder gone */ }
    };
    note({ event: 'spawn', pid: child.pid, argv: argv, time: Date.now() });
    child.on('exit', function (code, signal) {
      note({ event: 'exit', pid: child.pid, argv: argv, code: code, signal: signal, time: Date.now() });
    });
    return child;
  };
})();
`;

export interface ZeroXChildExit {
  readonly event: 'spawn' | 'exit';
  readonly pid: number;
  readonly argv: readonly string[];
  readonly code: number | null;
  readonly signal: string | null;
  /** Epoch ms. */
  readonly time: number;
}

export function zeroXExitsFile(runDir: string): string {
  return path.join(runDir, '.perflens', 'zerox-exits.jsonl');
}

/** Writes the recorder under `<runDir>/.perflens/` and returns its path. */
export function writeZeroXRecorder(runDir: string): string {
  const dir = path.join(runDir, '.perflens');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'zerox-exits.cjs');
  fs.writeFileSync(file, ZEROX_RECORDER_SOURCE);
  return file;
}

function readRecords(runDir: string): ZeroXChildExit[] {
  let text: string;
  try {
    text = fs.readFileSync(zeroXExitsFile(runDir), 'utf8');
  } catch {
    return [];
  }
  const out: ZeroXChildExit[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const rec = JSON.parse(line) as ZeroXChildExit;
      if (Array.isArray(rec.argv) && typeof rec.pid === 'number') out.push(rec);
    } catch {
      /* a line cut by a crash */
    }
  }
  return out;
}

const isTarget = (r: ZeroXChildExit): boolean => r.argv.includes('--prof');

/** The profiled process's exit (the child started with `--prof`), if 0x saw it. */
export function readZeroXTargetExit(runDir: string): ZeroXChildExit | undefined {
  return readRecords(runDir).find((r) => r.event === 'exit' && isTarget(r));
}

/** The profiled process's pid, once 0x has started it. */
export function readZeroXTargetPid(runDir: string): number | undefined {
  return readRecords(runDir).find(isTarget)?.pid;
}

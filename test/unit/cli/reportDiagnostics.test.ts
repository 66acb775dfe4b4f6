/**
 * `perflens report --json` carries problems with the input as structured objects (file, line,
 * column or byte offset, severity, message, as protocol/diagnostics.ts defines them), and names
 * the file by its full path, so the text form `file:line:col: severity: message` opens in a
 * terminal. Runs the built dist/cli.js in a child process, from a folder of its own, with a
 * relative path as a user types it.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';

interface Diagnostic {
  severity: string;
  file: string;
  line?: number;
  offset?: number;
  message: string;
  repeats?: number;
}

const REPO = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO, 'dist/cli.js');

function report(cwd: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, 'report', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

before(() => {
  // A lone run of this file may find an older CLI: build it (npm run test:unit does too).
  execFileSync(process.execPath, ['esbuild.js'], { cwd: REPO, stdio: 'pipe' });
});

describe('perflens report: structured diagnostics with full paths', () => {
  it('a file no importer reads: one error object naming the whole path and byte 0', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perflens-diag-')));
    fs.mkdirSync(path.join(dir, 'profiles'));
    fs.writeFileSync(path.join(dir, 'profiles', 'notes.heapprofile'), 'hello world\n');
    const r = report(dir, 'profiles/notes.heapprofile', '--json');
    assert.equal(r.code, 1, r.err);
    const doc = JSON.parse(r.out) as { diagnostics: Diagnostic[] };
    assert.equal(doc.diagnostics.length, 1, r.out);
    const d = doc.diagnostics[0];
    assert.equal(d.severity, 'error');
    assert.equal(d.file, path.join(dir, 'profiles', 'notes.heapprofile'));
    assert.equal(d.offset, 0);
    assert.match(d.message, /^no importer recognises this file/);
    // The text form names the same whole path, so a terminal can open it.
    const text = report(dir, 'profiles/notes.heapprofile');
    assert.ok(
      text.err.includes(`${d.file} (byte 0): error: no importer recognises this file`),
      text.err,
    );
  });

  it('a log with the same bad counter in three dumps: one warning at its first line, repeats 3', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perflens-diag-')));
    // Three dumps of 4 lines each (header, good counter, bad counter, closing brace), starting on
    // lines 1, 5 and 9; a lost counter is placed at its dump's header, so the first is line 1.
    const dump = [
      '[2025-01-01T00:00:00.000Z] [INFO ] [perf] [perf-counters] snapshot: {',
      "  'orbitdb.putEntry': { count: 2, totalMs: 10, avgMs: 5, maxMs: 6 },",
      "  'broken.counter': { count: 'x' },",
      '}',
    ];
    fs.writeFileSync(path.join(dir, 'daemon.log'), `${[...dump, ...dump, ...dump].join('\n')}\n`);
    const r = report(dir, 'daemon.log', '--json');
    const doc = JSON.parse(r.out) as { diagnostics: Diagnostic[] };
    const broken = doc.diagnostics.filter((d) => d.message.includes('broken.counter'));
    assert.equal(broken.length, 1, r.out);
    assert.equal(broken[0].file, path.join(dir, 'daemon.log'));
    assert.equal(broken[0].severity, 'warning');
    assert.equal(broken[0].line, 1);
    assert.equal(broken[0].repeats, 3);
  });
});

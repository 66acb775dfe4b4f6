/**
 * Run folders and 0x folders: one model per process, kept apart by pid and command line, mergeable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functionCosts } from '../../../../engine/profile/functionCosts';
import { loadProfilePath } from '../../../../engine/profile/loadProfileFile';
import { mergeProfiles } from '../../../../engine/profile/merge';
import { fixture } from './snapshot';

test('run folder: one profile per process with pid from the file name and command from run.json', async () => {
  const dir = fixture('run-folder/node-20/two-processes');
  const run = JSON.parse(readFileSync(`${dir}/run.json`, 'utf8')) as {
    processes: { pid: number; argv: string[] }[];
  };
  const r = await loadProfilePath(dir);
  assert.equal(r.profiles.length, readdirSync(`${dir}/profiles`).length);
  assert.deepEqual(r.profiles.map((p) => p.pid).sort(), run.processes.map((p) => p.pid).sort());
  for (const p of r.profiles) assert.equal(p.command, 'node hot.js');
  // Frames resolve relative to the profile: ../hot.js
  assert.ok(r.profiles[0].frames.some((f) => f.name === 'hashLoop' && f.file === '../hot.js'));

  const merged = mergeProfiles(r.profiles)!;
  assert.equal(
    merged.sampleStack.length,
    r.profiles.reduce((s, p) => s + p.sampleStack.length, 0),
  );
  const roots = functionCosts(merged).filter((c) => c.frame.name.startsWith('pid '));
  assert.equal(roots.length, 2, 'each process has its own root');
  const flat = mergeProfiles(r.profiles, { byProcess: false })!;
  const hl = functionCosts(flat).find((c) => c.frame.name === 'hashLoop')!;
  const sum = r.profiles
    .map((p) => functionCosts(p).find((c) => c.frame.name === 'hashLoop')!.self)
    .reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(hl.self - sum) < 1e-9);
});

test('0x folder: pid and command line from meta.json; JS frames keep 1-based file:line:col', async () => {
  const dir = fixture('0x/6.0.0/hot-loop');
  const meta = JSON.parse(readFileSync(`${dir}/meta.json`, 'utf8')) as {
    pid: number;
    title: string;
  };
  const r = await loadProfilePath(dir);
  assert.equal(r.profiles.length, 1);
  const m = r.profiles[0];
  assert.equal(m.pid, meta.pid);
  assert.equal(m.command, meta.title);
  const src = readFileSync(`${dir}/hot.js`, 'utf8').split('\n');
  const hot = functionCosts(m).filter(
    (c) => c.frame.file === 'hot.js' && c.frame.name !== '(anonymous)',
  );
  assert.ok(hot.length >= 2);
  for (const c of hot)
    assert.ok(
      src[c.frame.line! - 1].includes(`function ${c.frame.name}`),
      `${c.frame.name}:${c.frame.line}`,
    );
});

test('an empty folder and a missing path are errors, not throws', async () => {
  assert.match(
    (await loadProfilePath(fixture('programs'))).diagnostics[0].message,
    /no profile files/,
  );
  assert.equal((await loadProfilePath(fixture('does-not-exist'))).diagnostics[0].severity, 'error');
});

// The formats docs/formats.md lists, as a user names them: every refusal's "expected" names each.
const ELEVEN_FORMATS = [
  '.cpuprofile',
  'legacy .cpuprofile',
  'Chrome trace',
  'Trace Event',
  'pprof',
  '.heapprofile',
  'callgrind',
  'speedscope',
  '0x',
  'perf script',
  'folded stacks',
];

test('a folder without profiles lists every file it skipped and why, and names every format', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'perflens-nofiles-'));
  writeFileSync(join(dir, 'a.txt'), 'hello\n');
  writeFileSync(join(dir, 'b.json'), '{"x": 1}\n');
  writeFileSync(join(dir, 'notes.md'), '# notes\n');
  writeFileSync(join(dir, 'app.ts'), 'export {};\n');
  writeFileSync(join(dir, '.hidden'), 'x\n');
  const r = await loadProfilePath(dir);
  assert.equal(r.profiles.length, 0);
  assert.equal(r.diagnostics.length, 1);
  const [d] = r.diagnostics;
  assert.equal(d.severity, 'error');
  // Sorted by name; the hidden file is no one's and not listed.
  assert.equal(
    d.message,
    'no profile files in this folder; 4 file(s) skipped: a.txt (no importer recognises its ' +
      'content), app.ts (source code or a source map), b.json (no importer recognises its ' +
      'content), notes.md (a page, an image or a document)',
  );
  for (const f of ELEVEN_FORMATS) assert.ok(d.expected?.includes(f), `${f} in ${d.expected}`);
});

test('beside profiles, skipped source files are listed too, and the expected list is complete', async () => {
  const dir = fixture('run-folder/node-20/two-processes');
  const r = await loadProfilePath(dir);
  const w = r.diagnostics.find((d) => /other file\(s\) skipped/.test(d.message));
  assert.ok(w, JSON.stringify(r.diagnostics));
  assert.match(
    w.message,
    /^2 profile file\(s\) read; 1 other file\(s\) skipped: hot\.js \(source code/,
  );
  for (const f of ELEVEN_FORMATS) assert.ok(w.expected?.includes(f), `${f} in ${w.expected}`);
});

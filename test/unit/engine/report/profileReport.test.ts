/**
 * `perflens report` profile section: JSON shape, ordering, source-mapped files, the --top table.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProfileSection, formatProfileTable } from '../../../../engine/report/profileReport';
import { formatDiagnostic } from '../../../../engine/diagnostics';

const FIX = join(__dirname, '../../../fixtures');

test('functions are sorted by selfMs descending, with 1-based lines in the original TypeScript', async () => {
  const dir = join(FIX, 'v8-cpuprofile/node-20/esbuild-sourcemap-file');
  const s = await buildProfileSection(join(dir, 'app.cpuprofile'));
  assert.equal(s.unit, 'ms');
  assert.ok(s.functions.length > 3);
  for (let i = 1; i < s.functions.length; i++)
    assert.ok(s.functions[i - 1].selfMs! >= s.functions[i].selfMs!);
  const ts = readFileSync(join(dir, 'app.ts'), 'utf8').split('\n');
  const encode = s.functions.find((f) => f.name === 'encode')!;
  assert.equal(encode.file, join(dir, 'app.ts'));
  assert.match(ts[encode.line! - 1], /encode\(/);
  const keys = ['name', 'file', 'line', 'selfMs', 'totalMs', 'selfPct', 'totalPct', 'samples'];
  for (const k of keys) assert.ok(k in encode, k);
  const selfSamples = s.functions.reduce((a, f) => a + f.samples!, 0);
  assert.equal(selfSamples, s.totalSamples);
  assert.ok(Math.abs(s.functions.reduce((a, f) => a + f.selfPct, 0) - 100) < 0.5);
  assert.deepEqual(JSON.parse(JSON.stringify(s.functions[0])), s.functions[0], 'plain JSON');
});

test('--top N prints N rows by self and N by total, with the basis', async () => {
  const s = await buildProfileSection(join(FIX, 'v8-cpuprofile/node-20/hot-loop/hot.cpuprofile'));
  const out = formatProfileTable(s, 3);
  assert.match(out, new RegExp(`${s.totalSamples} samples`));
  const [selfPart, totalPart] = out.split('Top 3 by total time');
  const rowsOf = (part: string) => part.split('\n').filter((l) => /\d+\.\d\s+\d+$/.test(l));
  assert.equal(rowsOf(selfPart).length, 3);
  assert.equal(rowsOf(totalPart).length, 3);
  assert.ok(rowsOf(selfPart)[0].startsWith(s.functions[0].name));
  assert.ok(out.includes(`hot.js:${s.functions[0].line}`));
});

test('sample-count formats report selfMs null and say so; bad input lands in diagnostics', async () => {
  const s = await buildProfileSection(
    join(FIX, 'folded/perf-6.1-stackcollapse/rust-dwarf/x0x.folded'),
  );
  assert.equal(s.unit, 'samples');
  assert.equal(s.functions[0].selfMs, null);
  assert.equal(s.functions[0].owner, 'PubSubManager');
  assert.match(formatProfileTable(s, 2), /sample counts only/);
  const bad = await buildProfileSection(
    join(FIX, 'v8-cpuprofile/hand-made/empty/empty.cpuprofile'),
  );
  assert.equal(bad.functions.length, 0);
  assert.match(formatDiagnostic(bad.diagnostics[0]), /empty\.cpuprofile \(byte 0\): error: /);
  // The whole path, not the bare name, so the line opens from a terminal.
  assert.equal(
    bad.diagnostics[0].file,
    join(FIX, 'v8-cpuprofile/hand-made/empty/empty.cpuprofile'),
  );
});

test('a run folder merges its processes into one table and lists each process', async () => {
  const s = await buildProfileSection(join(FIX, 'run-folder/node-20/two-processes'));
  assert.equal(s.processes.length, 2);
  assert.ok(s.processes.every((p) => p.command === 'node hot.js' && p.pid !== undefined));
  assert.equal(
    s.totalSamples,
    s.processes.reduce((a, p) => a + p.samples!, 0),
  );
  assert.equal(s.functions.filter((f) => f.name === 'hashLoop').length, 1);
});

test('the text table writes numbers and names as the panel and --markdown do', async () => {
  const file = join(FIX, 'folded/perf-6.1-stackcollapse/rust-dwarf/x0x.folded');
  const s = await buildProfileSection(file);
  const text = formatProfileTable(s, 3);
  // handle_incoming is the leaf of 196 of the 366 sampled stacks (awk over the file's counts):
  // 196 / 366 = 53.55 % → 53.6, as formatFixed writes it (toFixed gave 53.5, the double below .55).
  const row = text
    .split('\n')
    .find((l) => l.startsWith('x0x::gossip::pubsub::PubSubManager::handle_incoming'))!;
  assert.match(row, /\s–\s+196\s+53\.6\s/);
  // The qualified name as the panel shows it, not with the impl owner in front a second time.
  assert.match(
    text,
    /^<x0x::gossip::pubsub::PubSubManager as x0x::gossip::pubsub::Verify>::verify /m,
  );
  assert.doesNotMatch(text, /PubSubManager::x0x::/);
  // Thousands separators, as on the other faces: none needed here; the sample count basis line.
  assert.match(text, /— 366 samples/);
});

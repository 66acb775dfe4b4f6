/**
 * Issue 13, "Wrong today" 6: a folder is read by content, with the same sniffing as single files;
 * every profile in it is read, and what was skipped is listed with the reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfilePath } from '../../../../engine/profile/loadProfileFile';
import { fixture } from './snapshot';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'perflens-folder-'));

test('a folder of perf script outputs with plain names is read, every file', async () => {
  const src = join(fixture('perf-script/perf-6.1/rust-dwarf'), 'x0x.perf.txt');
  const one = await loadProfilePath(src, { sourceMaps: false });
  assert.ok(one.profiles.length > 0);
  const dir = tmp();
  copyFileSync(src, join(dir, 'host-a.txt'));
  copyFileSync(src, join(dir, 'host-b.out'));
  const r = await loadProfilePath(dir, { sourceMaps: false });
  // Two copies of the same file: twice its profiles.
  assert.equal(r.profiles.length, 2 * one.profiles.length);
});

test('a folder of nine folded files reads all nine and lists the file it skipped', async () => {
  const dir = tmp();
  // File k holds `main;f<k> <k>`: nine profiles with weights 1 … 9, 45 samples in all.
  for (let k = 1; k <= 9; k++)
    writeFileSync(join(dir, k % 2 ? `stacks-${k}.folded` : `host${k}.txt`), `main;f${k} ${k}\n`);
  writeFileSync(join(dir, 'notes.txt'), 'These are the flame graphs from Tuesday.\n');
  const r = await loadProfilePath(dir, { sourceMaps: false });
  assert.equal(r.profiles.length, 9);
  assert.equal(
    r.profiles.reduce((a, m) => a + m.totalWeight, 0),
    45,
  );
  const skipped = r.diagnostics.find((d) => /skipped/.test(d.message));
  assert.ok(skipped, r.diagnostics.map((d) => d.message).join('\n'));
  assert.match(
    skipped.message,
    /9 profile file\(s\) read; 1 other file\(s\) skipped: notes\.txt \(no importer recognises its content\)/,
  );
});

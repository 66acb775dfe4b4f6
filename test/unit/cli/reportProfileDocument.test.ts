/**
 * `perflens report` reads a profile that is one JSON (or protobuf) document once: the counter
 * section does not scan it a second time (it holds no log lines). A line format that a log can
 * pass for (folded stacks) is still scanned for counter dumps, and so is a folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../cli/main';
import { buildProfileSection, isProfileDocument } from '../../../engine/report/profileReport';
import { fixture } from '../engine/profile/snapshot';

async function reportJson(path: string): Promise<Record<string, unknown>> {
  let out = '';
  const io = { out: (t: string) => void (out += t), err: () => {}, handleSignals: false };
  assert.equal(await runCli(['report', path, '--json'], io), 0);
  return JSON.parse(out) as Record<string, unknown>;
}

test('a V8 cpuprofile and a speedscope file are profile documents; a folded file and a run folder are not', async () => {
  for (const file of [
    'v8-cpuprofile/node-20/hot-loop/hot.cpuprofile',
    'speedscope/hand-made/sampled/sampled.speedscope.json',
  ])
    assert.equal(isProfileDocument(await buildProfileSection(fixture(file)), true), true, file);
  const folded = await buildProfileSection(
    fixture('folded/perf-6.1-stackcollapse/rust-dwarf/x0x.folded'),
  );
  assert.equal(isProfileDocument(folded, true), false);
  const folder = await buildProfileSection(fixture('run-folder/node-20/two-processes'));
  assert.equal(isProfileDocument(folder, false), false);
});

test('a log that also reads as folded stacks keeps its counter dumps', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'perflens-mixed-'));
  const file = join(dir, 'mixed.log');
  // Two folded lines (y: 5 samples, w: 2) and one counter dump (a.b: 1 call, 4 ms).
  writeFileSync(
    file,
    "app;x;y 5\napp;w 2\n[perf-counters] snapshot: { 'a.b': { count: 1, totalMs: 4, avgMs: 4, maxMs: 4 } }\n",
  );
  const doc = await reportJson(file);
  rmSync(dir, { recursive: true });
  assert.equal((doc.profile as { totalSamples: number }).totalSamples, 5 + 2);
  assert.deepEqual(
    (doc.counters as { name: string; count: number; totalMs: number }[]).map((c) => [
      c.name,
      c.count,
      c.totalMs,
    ]),
    [['a.b', 1, 4]],
  );
});

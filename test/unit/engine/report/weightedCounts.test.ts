/**
 * Issue 13, "Wrong today" 1: folded stacks carry a count per line, and every sample count shown
 * (report rows, process rows, the header, --json) is that weight, not the number of lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../../../../cli/main';
import { buildProfileSection, formatProfileTable } from '../../../../engine/report/profileReport';

const FILE = join(__dirname, '../../../fixtures/folded/hand-made/weighted/weighted.folded');

// The file, by hand:  app;x;y 5 / app;x;z 1 / app;w 2 / app;x;y 3
//   y: self 5 + 3 = 8      x: total 5 + 1 + 3 = 9      z: self 1      w: self 2
//   app: total 5 + 1 + 2 + 3 = 11 samples in all (4 lines)
test('folded counts are weights: y 8, x total 9, app total 11, header 11 samples', async () => {
  const s = await buildProfileSection(FILE, { sourceMaps: false });
  assert.equal(s.unit, 'samples');
  assert.equal(s.totalSamples, 11);
  assert.equal(s.processes[0].samples, 11);
  const by = (n: string) => s.functions.find((f) => f.name === n)!;
  assert.deepEqual([by('y').samples, by('y').totalSamples], [8, 8]);
  assert.deepEqual([by('x').samples, by('x').totalSamples], [0, 9]);
  assert.deepEqual([by('app').samples, by('app').totalSamples], [0, 11]);
  assert.deepEqual([by('w').samples, by('z').samples], [2, 1]);
  // Shares: y 8 / 11 = 72.73 %, x 9 / 11 = 81.82 %.
  assert.equal(by('y').selfPct, 72.73);
  assert.equal(by('x').totalPct, 81.82);
  const table = formatProfileTable(s, 10);
  assert.match(table, /— 11 samples/);
  const yRow = table.split('\n').find((l) => l.startsWith('y '))!;
  assert.deepEqual(yRow.trim().split(/\s+/).slice(2), ['8', '72.7', '8', '72.7', '8']);
});

test('report --json shows the weights too', async () => {
  let out = '';
  const io = { out: (t: string) => (out += t), err: () => {}, handleSignals: false };
  const code = await runCli(['report', FILE, '--json'], io);
  assert.equal(code, 0);
  const doc = JSON.parse(out) as {
    profile: { totalSamples: number; processes: { samples: number }[] };
    functions: { name: string; samples: number; totalSamples: number }[];
  };
  assert.equal(doc.profile.totalSamples, 11);
  assert.equal(doc.profile.processes[0].samples, 11);
  assert.equal(doc.functions.find((f) => f.name === 'x')!.totalSamples, 9);
});

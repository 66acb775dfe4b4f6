/**
 * Issue 13, "Wrong today" 2: every speedscope file in the corpus is read by speedscope's own
 * importer (npm speedscope, run in Node by bench/speedscopeInNode.ts) and by PerfLens; per-frame
 * self and total weights and the profile's total weight must agree (PerfLens in ms, speedscope in
 * the file's unit). The expected numbers come from speedscope, not from PerfLens.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadSpeedscopeImporter } from '../../../../bench/speedscopeInNode';
import { functionCosts } from '../../../../engine/profile/functionCosts';
import { parseSpeedscope } from '../../../../engine/profile/importers/speedscope';
import { FIXTURES } from './snapshot';

const TO_MS: Record<string, number> = {
  nanoseconds: 1e-6,
  microseconds: 1e-3,
  milliseconds: 1,
  seconds: 1000,
};

interface SsFrame {
  name: string;
  getSelfWeight(): number;
  getTotalWeight(): number;
}
interface SsProfile {
  getName(): string;
  getTotalWeight(): number;
  getWeightUnit(): string;
  forEachFrame(f: (frame: SsFrame) => void): void;
}

function speedscopeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? speedscopeFiles(join(dir, d.name))
      : d.name.endsWith('.speedscope.json')
        ? [join(dir, d.name)]
        : [],
  );
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

test('PerfLens reads every speedscope fixture as speedscope does', async () => {
  const { importer } = await loadSpeedscopeImporter();
  const files = speedscopeFiles(join(FIXTURES, 'speedscope'));
  assert.ok(files.length >= 6);
  for (const file of files) {
    const name = relative(FIXTURES, file);
    const buf = readFileSync(file);
    const ref = await importer.importProfilesFromArrayBuffer(
      name,
      buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length),
    );
    const ours = parseSpeedscope(name, buf.toString('utf8'));
    assert.ok(ref && ours.kind === 'profiles', name);
    if (!ref || ours.kind !== 'profiles') continue;
    const refProfiles = ref.profiles as SsProfile[];
    assert.equal(ours.profiles.length, refProfiles.length, name);
    refProfiles.forEach((rp, i) => {
      const m = ours.profiles[i];
      const scale = TO_MS[rp.getWeightUnit()] ?? 1;
      const where = `${name} profile ${i}`;
      assert.ok(
        close(m.totalWeight, rp.getTotalWeight() * scale),
        `${where}: total ${m.totalWeight} vs ${rp.getTotalWeight()}`,
      );
      const costs = new Map(functionCosts(m).map((c) => [c.frame.name, c]));
      rp.forEachFrame((f) => {
        const c = costs.get(f.name);
        const self = c?.self ?? 0;
        const total = c?.total ?? 0;
        assert.ok(
          close(self, f.getSelfWeight() * scale),
          `${where} ${f.name}: self ${self} vs ${f.getSelfWeight()}`,
        );
        assert.ok(
          close(total, f.getTotalWeight() * scale),
          `${where} ${f.name}: total ${total} vs ${f.getTotalWeight()}`,
        );
      });
    });
  }
});

// Hand check of the gap file: a open 2–5 ms (3 ms), b open 10–12 ms (2 ms), window 0–20 ms:
// shares are of 20 ms as in speedscope, so a is 3 / 20 = 15 %, and 20 - 3 - 2 = 15 ms idle.
test('time in the window with nothing open counts in the total, as (idle)', () => {
  const file = join(FIXTURES, 'speedscope/hand-made/window/gap.speedscope.json');
  const r = parseSpeedscope('gap', readFileSync(file, 'utf8'));
  assert.equal(r.kind, 'profiles');
  if (r.kind !== 'profiles') return;
  const costs = functionCosts(r.profiles[0]);
  const by = (n: string) => costs.find((c) => c.frame.name === n)!;
  assert.equal(r.profiles[0].totalWeight, 20);
  assert.equal(by('a').selfPct, 15);
  assert.equal(by('(idle)').self, 15);
});

// Frames left open by a trace cut short: a opens at 0, b at 2, the window ends at 10:
// b 2–10 = 8 ms, a 0–2 = 2 ms self, 10 ms total; and a warning says so.
test('frames still open at the end are closed at endValue, with a warning', () => {
  const doc = {
    shared: { frames: [{ name: 'a' }, { name: 'b' }] },
    profiles: [
      {
        type: 'evented',
        name: 'cut',
        unit: 'milliseconds',
        startValue: 0,
        endValue: 10,
        events: [
          { type: 'O', at: 0, frame: 0 },
          { type: 'O', at: 2, frame: 1 },
        ],
      },
    ],
  };
  const r = parseSpeedscope('cut.speedscope.json', JSON.stringify(doc));
  assert.equal(r.kind, 'profiles');
  if (r.kind !== 'profiles') return;
  const costs = functionCosts(r.profiles[0]);
  assert.deepEqual(
    costs.map((c) => [c.frame.name, c.self, c.total]),
    [
      ['b', 8, 8],
      ['a', 2, 10],
    ],
  );
  assert.ok(r.diagnostics.some((d) => /2 frames are still open/.test(d.message)));
});

test('a truncated speedscope file says it ends early, and where', () => {
  const text = readFileSync(
    join(FIXTURES, 'speedscope/hand-made/evented/evented.speedscope.json'),
    'utf8',
  );
  const cut = `${text.slice(0, 400)}\n`;
  const r = parseSpeedscope('cut.speedscope.json', cut);
  assert.equal(r.kind, 'profiles');
  if (r.kind !== 'profiles') return;
  assert.equal(r.diagnostics.length, 1);
  const d = r.diagnostics[0];
  assert.match(d.message, /ends before its JSON is complete/);
  // The text is 400 characters of ASCII on lines counted by hand from the fixture.
  assert.equal(d.line, text.slice(0, 400).split('\n').length);
  assert.ok(d.expected?.includes('speedscope'));
});

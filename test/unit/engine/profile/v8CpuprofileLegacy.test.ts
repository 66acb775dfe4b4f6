/**
 * Legacy V8 `.cpuprofile` (`head` tree, `timestamps`, start/end in seconds), issue 13.
 * Fixtures: `node-10.11.0/speedscope-example` is the Node 10.11 legacy profile speedscope keeps in
 * its sample corpus (sample/profiles/node/10.11.0/example.cpuprofile, MIT);
 * `hand-made/two-functions` is computed by hand below.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { functionCosts } from '../../../../engine/profile/functionCosts';
import type { ProfileModel } from '../../../../engine/profile/model';
import { checkProfileSnapshot, fixture } from './snapshot';
import { speedscopeReading } from './speedscopeReference';

const selfAndTotal = (m: ProfileModel): Record<string, [number, number]> =>
  Object.fromEntries(
    functionCosts(m).map((c) => [c.frame.name, [+c.self.toFixed(3), +c.total.toFixed(3)]]),
  );

test('hand case: weights from timestamps, start/end in seconds, 1-based lines', async () => {
  const rel = 'v8-cpuprofile-legacy/hand-made/two-functions/two.cpuprofile';
  const r = await checkProfileSnapshot(rel);
  assert.deepEqual(r.diagnostics, []);
  const m = r.profiles[0];
  assert.equal(m.format, 'v8-cpuprofile-legacy');
  // startTime 10 s = 10,000,000 µs; timestamps 10,001,000 / 3,000 / 6,000 / 8,000 (µs past 10 s);
  // endTime 10.01 s = 10,010,000 µs. Each sample lasts until the next one, the last until endTime:
  //   s0 main 3000 − 1000 = 2 ms; s1 work 6000 − 3000 = 3 ms; s2 work 8000 − 6000 = 2 ms;
  //   s3 main 10000 − 8000 = 2 ms.
  // main self 2 + 2 = 4 ms, total 4 + 5 = 9 ms; work self = total = 3 + 2 = 5 ms.
  assert.deepEqual(selfAndTotal(m), { main: [4, 9], work: [5, 5] });
  assert.equal(m.totalWeight, 9);
  assert.equal(m.startMs, 10000);
  assert.equal(m.endMs, 10010);
  // lineNumber 1 and 5 are 1-based in the old format (V8's GetLineNumber), column 1 and 3 too.
  const work = m.frames.find((f) => f.name === 'work');
  assert.deepEqual([work?.file, work?.line, work?.column], ['/app/two.js', 5, 3]);

  // speedscope 1.25 on the same file: the same except the last sample, which it gives 0 (it
  // closes the last stack at the last sample's time, not at endTime): main self 4 − 2 = 2 ms.
  const [ss] = await speedscopeReading(fixture(rel));
  assert.equal(ss.unit, 'microseconds');
  assert.deepEqual(ss.byName.get('work'), { self: 5000, total: 5000 });
  assert.deepEqual(ss.byName.get('main'), { self: 2000, total: 7000 });
});

test('Node 10.11 legacy profile: same per-function times as speedscope', async () => {
  const rel = 'v8-cpuprofile-legacy/node-10.11.0/speedscope-example/example.cpuprofile';
  const r = await checkProfileSnapshot(rel);
  const m = r.profiles[0];
  // 29 samples but 30 timestamps: said, not hidden.
  assert.match(
    r.diagnostics.map((d) => d.message).join('\n'),
    /29 entries but 'timestamps' has 30/,
  );
  const [ss] = await speedscopeReading(fixture(rel));
  // This file's endTime (163140 s) is before its last timestamp, so PerfLens too gives the last
  // sample 0 ms and both readings must agree on every function (µs → ms).
  const ours = selfAndTotal(m);
  for (const [name, w] of ss.byName) {
    if (w.total === 0) continue;
    assert.deepEqual(ours[name], [w.self / 1000, w.total / 1000], name);
  }
  // Every stack starts at '(anonymous)', so its total is the profile's sampled time. (speedscope's
  // own "total weight" is the span from startTime to the last sample, 163140644063 − 163140 × 10⁶
  // = 644,063 µs, including the 599,286 µs before the first sample that no function is charged.)
  assert.equal(+m.totalWeight.toFixed(3), ss.byName.get('(anonymous)')!.total / 1000);
  assert.equal(ss.total, 163140644063 - 163140 * 1e6);
});

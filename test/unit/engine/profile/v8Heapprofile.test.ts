/**
 * V8 sampling heap profiles (issue 13): an allocation flame graph and top allocators, weighed in
 * bytes — never time. Real fixtures from Node 20: `inspector-sampling` (HeapProfiler
 * startSampling/stopSampling over the inspector, as DevTools' allocation sampling does;
 * programs/heap-sampling.js) and `heap-prof` (`node --heap-prof`, programs/heap-alloc.js). The
 * reference is speedscope 1.25's heap-profile importer on the same files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { functionCosts } from '../../../../engine/profile/functionCosts';
import type { ProfileModel } from '../../../../engine/profile/model';
import { buildProfileSection, formatProfileTable } from '../../../../engine/report/profileReport';
import { checkProfileSnapshot, fixture } from './snapshot';
import { speedscopeReading } from './speedscopeReference';

const costs = (m: ProfileModel): Record<string, [number, number, number]> =>
  Object.fromEntries(functionCosts(m).map((c) => [c.frame.name, [c.self, c.total, c.selfSamples]]));

test('hand case: bytes per function, sample counts from the samples list', async () => {
  const rel = 'v8-heapprofile/hand-made/small/small.heapprofile';
  const r = await checkProfileSnapshot(rel);
  assert.deepEqual(r.diagnostics, []);
  const [m] = r.profiles;
  assert.equal(m.weightUnit, 'bytes');
  // main self 100 B (1 sample: 128 at node 2); alloc 3000 B over its 3 samples; parse 0;
  // leaf 500 B with no samples entry (counted as 1). Totals: main 100 + 3000 + 500 = 3600,
  // parse 500. Records 1 + 3 + 1 = 5.
  assert.deepEqual(costs(m), {
    main: [100, 3600, 1],
    alloc: [3000, 3000, 3],
    parse: [0, 500, 0],
    leaf: [500, 500, 1],
  });
  assert.equal(m.totalWeight, 3600);
  assert.equal(m.sampleStack.length, 5);
  assert.equal(m.frames.find((f) => f.name === 'alloc')?.line, 10); // lineNumber 9, 0-based
  // speedscope: the same bytes.
  const [ss] = await speedscopeReading(fixture(rel));
  assert.equal(ss.unit, 'bytes');
  assert.deepEqual(Object.fromEntries(ss.byName), {
    '(root)': { self: 0, total: 3600 },
    main: { self: 100, total: 3600 },
    alloc: { self: 3000, total: 3000 },
    parse: { self: 0, total: 500 },
    leaf: { self: 500, total: 500 },
  });
});

for (const rel of [
  'v8-heapprofile/node-20/inspector-sampling/alloc.heapprofile',
  'v8-heapprofile/node-20/heap-prof/Heap.20261202.123136.6930.0.001.heapprofile',
]) {
  test(`${rel}: every function's self and total bytes equal speedscope's`, async () => {
    const r = await checkProfileSnapshot(rel);
    const [m] = r.profiles;
    const [ss] = await speedscopeReading(fixture(rel));
    const ours = new Map<string, [number, number]>();
    for (const c of functionCosts(m)) {
      const e = ours.get(c.frame.name) ?? [0, 0];
      ours.set(c.frame.name, [e[0] + c.self, e[1] + c.total]);
    }
    let compared = 0;
    for (const [name, w] of ss.byName) {
      // speedscope keeps the (root) frame and names anonymous functions by place.
      if (name === '(root)' || name.startsWith('(anonymous') || w.total === 0) continue;
      const o = ours.get(name);
      assert.ok(o, name);
      assert.ok(
        Math.abs(o[0] - w.self) < 1e-6 && Math.abs(o[1] - w.total) < 1e-6,
        `${name}: ${String(o)} vs ${w.self}/${w.total}`,
      );
      compared++;
    }
    assert.ok(compared >= 3);
    // selfSize spread over a node's samples: equal up to float rounding.
    assert.ok(Math.abs(m.totalWeight - ss.byName.get('(root)')!.total) < 1e-6);
  });
}

test('the report labels heap profiles in bytes, not time', async () => {
  const section = await buildProfileSection(
    fixture('v8-heapprofile/node-20/inspector-sampling/alloc.heapprofile'),
  );
  assert.equal(section.unit, 'bytes');
  assert.equal(section.totalMs, null);
  assert.equal(section.functions[0].name, 'makeArrays'); // the top allocator
  assert.equal(section.functions[0].selfMs, null);
  assert.equal(section.functions[0].selfWeight, 10999984);
  const text = formatProfileTable(section, 3);
  assert.match(text, /^Heap profile: .* weighed in bytes \(memory, not time\)/);
  assert.match(text, /self bytes/);
  assert.doesNotMatch(text, /\bms\b/);
});

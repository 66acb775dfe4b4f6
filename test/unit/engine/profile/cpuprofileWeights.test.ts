/**
 * How a V8 cpuprofile's sample arrays are held (issue 13, memory of the whole report): the
 * weights stay integer µs in the scanned deltas' own Int32 array (4 bytes a sample, not 8),
 * widening to Float64 only when a value is not an int32, and the model takes the scanned arrays
 * without a copy. Every expected weight is computed by hand beside it from the JSON in the test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cpuprofileToModel,
  v8CpuprofileImporter,
} from '../../../../engine/profile/importers/v8Cpuprofile';
import { CpuprofileScanner } from '../../../../engine/profile/importers/v8CpuprofileScanner';
import { weightsInUnit } from '../../../../engine/profile/sampleWeights';
import type { ProfileModel } from '../../../../engine/profile/model';

const NODES =
  '[{"id":1,"callFrame":{"functionName":"(root)","url":"","lineNumber":-1,"columnNumber":-1},"children":[2]},' +
  '{"id":2,"callFrame":{"functionName":"work","url":"file:///a.js","lineNumber":0,"columnNumber":0}}]';

function profileJson(samples: number[], deltas: number[], startTime: number, endTime: number) {
  return `{"nodes":${NODES},"startTime":${startTime},"endTime":${endTime},"samples":${JSON.stringify(samples)},"timeDeltas":${JSON.stringify(deltas)}}`;
}

/** Scans `text` as the file loader does (with its size as the hint) and builds the model. */
function load(text: string): {
  model: ProfileModel;
  scanned: { samples: ArrayBufferLike; deltas: ArrayBufferLike };
} {
  const bytes = new TextEncoder().encode(text);
  const s = new CpuprofileScanner('w.cpuprofile', bytes.length);
  s.push(bytes);
  const r = s.end();
  if ('error' in r) throw new Error(r.error.message);
  const scanned = { samples: r.raw.samples.buffer, deltas: r.raw.timeDeltas.buffer };
  const res = cpuprofileToModel('w.cpuprofile', r.raw);
  assert.equal(res.kind, 'profiles');
  if (res.kind !== 'profiles') throw new Error('no profile');
  return { model: res.profiles[0], scanned };
}

test('integer µs deltas stay Int32 µs in the scanned array itself; each weight is the next delta in ms', () => {
  // Samples at node 2 at t = 0, 1000, 2500 µs (deltas 0, 1000, 1500); endTime 4000 µs.
  // Sample i stands for the time to the next one: 1000 µs, 1500 µs, and 4000 - 2500 = 1500 µs.
  const { model, scanned } = load(profileJson([2, 2, 2], [0, 1000, 1500], 0, 4000));
  assert.ok(model.sampleWeight.values instanceof Int32Array, 'stored as Int32');
  assert.equal(model.sampleWeight.divisor, 1000);
  assert.deepEqual([...model.sampleWeight.values], [1000, 1500, 1500]);
  assert.deepEqual([...weightsInUnit(model.sampleWeight)], [1, 1.5, 1.5]);
  assert.equal(model.totalWeight, 4); // 1 + 1.5 + 1.5 ms
  // No copy of either array: the model views the scanner's own buffers.
  assert.equal(model.sampleWeight.values.buffer, scanned.deltas);
  assert.equal(model.sampleStack.buffer, scanned.samples);
});

test('a delta past the int32 range is kept exactly, in Float64', () => {
  // A delta of 3,000,000,000 µs (50 minutes: more than 2^31 - 1 µs, less than the one-day cap).
  // Times: t0 = 0, t1 = 3e9; endTime = 3e9 + 5000 → weights 3,000,000 ms and 5 ms.
  const { model } = load(profileJson([2, 2], [0, 3_000_000_000], 0, 3_000_005_000));
  assert.ok(model.sampleWeight.values instanceof Float64Array);
  assert.deepEqual([...weightsInUnit(model.sampleWeight)], [3_000_000, 5]);
  assert.equal(model.totalWeight, 3_000_005);
});

test('fractional intervals of a truncated file widen the Int32 weights to Float64, exactly', () => {
  // 3 samples, 2 deltas: a missing delta is the mean interval over the window,
  // (endTime - startTime) / count = (1000 - 0) / 3 µs — not an integer.
  // Weights: sample 0 → delta 1 = 100 µs; sample 1 → the mean (delta 2 missing); the last →
  // endTime - t, where t = 0 + 100 + mean is when it was taken (its own delta is the mean too).
  const mean = 1000 / 3;
  const { model } = load(profileJson([2, 2, 2], [0, 100], 0, 1000));
  assert.ok(model.sampleWeight.values instanceof Float64Array);
  const t = 0 + 0 + 100 + mean; // the third sample's time
  assert.deepEqual(
    [...weightsInUnit(model.sampleWeight)],
    [100 / 1000, mean / 1000, (1000 - t) / 1000],
  );
});

test('sample ids of a profile whose node ids fit 16 bits stay a Uint16 array, used as the stacks in place', () => {
  // Nodes 1 (root) and 2 (work): ids fit, so the ids are read into Uint16 and become the stack
  // nodes in place (work is the builder's stack node 0).
  const { model, scanned } = load(profileJson([2, 2, 2], [0, 1000, 1500], 0, 4000));
  assert.ok(model.sampleStack instanceof Uint16Array, 'stored as Uint16');
  assert.equal(model.sampleStack.buffer, scanned.samples);
  assert.deepEqual([...model.sampleStack], [0, 0, 0]);
});

test('an id past 16 bits widens the ids to Int32 and is reported as itself, not cut to 16 bits', () => {
  // 70000 is no node: the sample is dropped and named in the warning as 70000 (a Uint16 store
  // would have kept 70000 mod 65536 = 4464).
  const { model } = load(profileJson([2, 70000, 2], [0, 1000, 1500], 0, 4000));
  assert.ok(model.sampleStack instanceof Int32Array);
  assert.deepEqual([...model.sampleStack], [0, 0]);
  const missing = model.diagnostics.find((d) => /node ids not in 'nodes'/.test(d.message));
  assert.match(missing?.message ?? '', /1 of 3 samples .*samples\[1\] = 70000/);
});

test('node ids past 16 bits keep Int32 ids from the start', () => {
  const text = profileJson([2, 2], [0, 1000], 0, 2000).replace(/"id":2\b/, '"id":70000');
  const { model } = load(
    text
      .replace('"children":[2]', '"children":[70000]')
      .replace('"samples":[2,2]', '"samples":[70000,70000]'),
  );
  assert.ok(model.sampleStack instanceof Int32Array);
  assert.equal(model.sampleStack.length, 2);
  assert.equal(model.totalWeight, 2); // 1000 µs + (2000 - 1000) µs
});

test('streamed, the tree is built from the first nodes array; a second one is named and left out', () => {
  // The same two-node profile with a second 'nodes' array (one more node, id 3) after the samples:
  // the tree is the first array's (work only), and the warning says what was left out.
  const text = profileJson([2, 2], [0, 1000], 0, 2000).replace(
    /}$/,
    ',"nodes":[{"id":3,"callFrame":{"functionName":"late","url":"","lineNumber":0,"columnNumber":0}}]}',
  );
  const r = v8CpuprofileImporter.createStreamParser!('w.cpuprofile', text.length);
  r.push(new TextEncoder().encode(text));
  const res = r.end();
  assert.equal(res.kind, 'profiles');
  if (res.kind !== 'profiles') return;
  const m = res.profiles[0];
  assert.deepEqual(
    m.frames.map((f) => f.name),
    ['work'],
  );
  assert.equal(m.totalWeight, 2); // 1000 µs + (2000 - 1000) µs
  assert.ok(
    m.diagnostics.some((d) => /a second 'nodes' array \(1 nodes\) was ignored/.test(d.message)),
  );
});

/**
 * Property-based tests (fast-check): importers never throw or hang on random and mutated input,
 * chunk boundaries never change a result, and model invariants hold for generated profiles.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import '../../../helpers/propertySeed';
import { toFoldedNormalForm } from '../../../../engine/profile/foldedNormalForm';
import { functionCosts } from '../../../../engine/profile/functionCosts';
import type { ImportResult } from '../../../../engine/profile/importer';
import { v8CpuprofileImporter } from '../../../../engine/profile/importers/v8Cpuprofile';
import { parseFolded } from '../../../../engine/profile/importers/folded';
import { importers } from '../../../../engine/profile/registry';
import { fixture } from './snapshot';
import { weightsInUnit } from '../../../../engine/profile/sampleWeights';

const enc = new TextEncoder();
const REAL = readFileSync(fixture('v8-cpuprofile/node-20/hot-loop/hot.cpuprofile'));

function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const c of at) {
    out.push(bytes.subarray(prev, c));
    prev = c;
  }
  out.push(bytes.subarray(prev));
  return out;
}

function checkResult(r: ImportResult, length: number): void {
  if (r.kind === 'not-mine') return;
  for (const d of r.diagnostics) {
    assert.ok(d.message.length > 0);
    if (d.offset !== undefined)
      assert.ok(d.offset >= 0 && d.offset <= length, `offset ${d.offset} outside 0..${length}`);
    if (d.line !== undefined) assert.ok(d.line >= 1);
  }
  for (const p of r.profiles) {
    assert.ok(weightsInUnit(p.sampleWeight).every((w) => Number.isFinite(w) && w >= 0));
    assert.ok(p.sampleStack.every((s) => s >= 0 && s < p.stacks.frameOf.length));
  }
}

test('every importer survives random bytes without throwing', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      for (const imp of importers)
        checkResult(imp.parse({ fileName: 'random', chunks: [bytes] }), bytes.length);
    }),
    { numRuns: 300 },
  );
});

test('every importer survives random text shaped like its format', () => {
  const pieces = fc.constantFrom(
    '{',
    '}',
    '[',
    ']',
    '"nodes"',
    '"samples"',
    '"timeDeltas"',
    ':',
    ',',
    '1',
    '-2',
    '"callFrame"',
    '{"id":1}',
    ';',
    ' 12\n',
    '\n',
    'main',
    '\t 1f sym (dso)\n',
    'x 1/1 [0] 1.5: 1 cpu-clock:\n',
    '"profiles"',
    '"shared"',
    '"code"',
    'null',
    '1e3',
    '\\',
  );
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 80 }), (parts) => {
      const bytes = enc.encode(parts.join(''));
      for (const imp of importers)
        checkResult(imp.parse({ fileName: 'shaped', chunks: [bytes] }), bytes.length);
    }),
    { numRuns: 300 },
  );
});

test('mutated real cpuprofiles (truncated, bytes replaced, bytes inserted) never throw', () => {
  fc.assert(
    fc.property(
      fc.nat(REAL.length),
      fc.array(fc.tuple(fc.nat(REAL.length - 1), fc.integer({ min: 0, max: 255 })), {
        maxLength: 5,
      }),
      fc.boolean(),
      (cut, edits, insert) => {
        let bytes: Uint8Array = Uint8Array.from(REAL.subarray(0, cut));
        for (const [at, b] of edits) {
          if (at >= bytes.length) continue;
          if (insert) bytes = Uint8Array.from([...bytes.subarray(0, at), b, ...bytes.subarray(at)]);
          else bytes[at] = b;
        }
        checkResult(
          v8CpuprofileImporter.parse({ fileName: 'mutated.cpuprofile', chunks: [bytes] }),
          bytes.length,
        );
      },
    ),
    { numRuns: 200 },
  );
});

/** A random but valid cpuprofile: a random tree, samples on random nodes, non-negative deltas. */
const cpuprofileArb = fc
  .record({
    parents: fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
    names: fc.array(fc.constantFrom('a', 'b', 'c', 'fn with space', 'ünï', 'q"uote'), {
      minLength: 30,
      maxLength: 30,
    }),
    samples: fc.array(fc.nat(), { maxLength: 60 }),
    deltas: fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 60, maxLength: 60 }),
    ticks: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 30, maxLength: 30 }),
  })
  .map(({ parents, names, samples, deltas, ticks }) => {
    const n = parents.length + 1;
    const nodes = [
      {
        id: 1,
        callFrame: {
          functionName: '(root)',
          scriptId: '0',
          url: '',
          lineNumber: -1,
          columnNumber: -1,
        },
        hitCount: 0,
        children: [] as number[],
      },
    ];
    parents.forEach((p, i) => {
      const id = i + 2;
      const parent = nodes[p % nodes.length];
      parent.children.push(id);
      nodes.push({
        id,
        callFrame: {
          functionName: names[i],
          scriptId: '1',
          url: 'file:///x/app.js',
          lineNumber: i % 7,
          columnNumber: 3,
        },
        hitCount: 0,
        children: [],
        ...(ticks[i] > 2 ? { positionTicks: [{ line: (i % 7) + 2, ticks: ticks[i] }] } : {}),
      });
    });
    const s = samples.map((x) => (x % n) + 1);
    const d = s.map((_, i) => deltas[i]);
    const total = d.reduce((a, b) => a + b, 0);
    return { nodes, startTime: 100, endTime: 100 + total + 1000, samples: s, timeDeltas: d };
  });

test('chunk boundaries never change the model, and self samples match the samples array', () => {
  fc.assert(
    fc.property(cpuprofileArb, fc.array(fc.nat(), { maxLength: 12 }), (profile, cuts) => {
      const bytes = enc.encode(JSON.stringify(profile, null, cuts.length % 2 ? 1 : undefined));
      const whole = v8CpuprofileImporter.parse({ fileName: 'p.cpuprofile', chunks: [bytes] });
      const chunked = v8CpuprofileImporter.parse({
        fileName: 'p.cpuprofile',
        chunks: split(bytes, cuts),
      });
      assert.equal(whole.kind, 'profiles');
      assert.equal(chunked.kind, 'profiles');
      if (whole.kind !== 'profiles' || chunked.kind !== 'profiles') return;
      assert.deepEqual(
        whole.diagnostics.filter((d) => !/no samples/.test(d.message)),
        [],
      );
      const m = whole.profiles[0];
      assert.equal(toFoldedNormalForm(chunked.profiles[0], 3), toFoldedNormalForm(m, 3));
      // Reference: samples on non-root nodes, counted straight from the array.
      assert.equal(m.sampleStack.length, profile.samples.filter((id) => id !== 1).length);
      const costs = functionCosts(m);
      const self = costs.reduce((a, c) => a + c.self, 0);
      assert.ok(Math.abs(self - m.totalWeight) < 1e-6);
      for (const c of costs) assert.ok(c.total + 1e-9 >= c.self && c.total <= m.totalWeight + 1e-6);
    }),
    { numRuns: 200 },
  );
});

test('folded: generated stacks round-trip their totals', () => {
  const frame = fc.constantFrom('main', 'a', 'b', 'x::Y::z', '<T as U>::v', 'k_[k]');
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.array(frame, { minLength: 1, maxLength: 6 }),
          fc.integer({ min: 1, max: 1000 }),
        ),
        { maxLength: 40 },
      ),
      (lines) => {
        const text = lines.map(([s, c]) => `${s.join(';')} ${c}`).join('\n');
        const r = parseFolded('g.folded', text);
        assert.equal(r.kind, 'profiles');
        if (r.kind !== 'profiles') return;
        const m = r.profiles[0];
        assert.equal(
          m.totalWeight,
          lines.reduce((a, [, c]) => a + c, 0),
        );
        const costs = functionCosts(m);
        assert.equal(
          costs.reduce((a, c) => a + c.self, 0),
          m.totalWeight,
        );
      },
    ),
    { numRuns: 200 },
  );
});

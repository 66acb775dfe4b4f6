/**
 * The util.inspect parser against Node's own util.inspect output (not hand-written expectations):
 * whatever Node prints for a snapshot must parse back to the same numbers, in every layout.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import fc from 'fast-check';
import '../../../helpers/propertySeed';
import {
  Elided,
  InspectValue,
  isInspectObject,
  parseInspect,
} from '../../../../engine/counters/inspectParser';
import { stripAnsi } from '../../../../engine/counters/ansi';

/** InspectValue → plain JS, for comparing with the object that was printed. */
function plain(v: InspectValue): unknown {
  if (v instanceof Elided) return { elided: v.marker };
  if (Array.isArray(v)) return v.map(plain);
  if (isInspectObject(v)) return Object.fromEntries(v.entries.map(([k, x]) => [k, plain(x)]));
  return v;
}

/** fast-check builds null-prototype objects; compare by own entries only. */
function normal(v: unknown): unknown {
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normal(x)]));
  return v;
}

const name = fc.stringMatching(/^[a-zA-Z_$][\w$]{0,12}(\.[a-zA-Z_$][\w$-]{0,20}){0,4}$/);
const ms = fc.oneof(
  fc.double({ min: 0, max: 1e7, noNaN: true }).map((x) => Math.round(x * 1000) / 1000),
  fc.constant(0),
);
const cell = fc.record({ count: fc.nat({ max: 1e9 }), totalMs: ms, avgMs: ms, maxMs: ms });
const snapshot = fc.dictionary(name, cell, { maxKeys: 30 });

test('property: parse(util.inspect(snapshot)) gives the snapshot back, any width, with or without colours', () => {
  fc.assert(
    fc.property(
      snapshot,
      fc.integer({ min: 20, max: 200 }),
      fc.boolean(),
      (snap, breakLength, colors) => {
        const text = stripAnsi(inspect(snap, { breakLength, colors, depth: 2 }));
        const r = parseInspect(text);
        assert.equal(r.problem, undefined, `problem in ${text}`);
        assert.deepEqual(plain(r.value), normal(snap));
      },
    ),
    { numRuns: 300 },
  );
});

test('NaN, Infinity, -Infinity, negative zero and bigint parse as numbers', () => {
  const src = { a: NaN, b: Infinity, c: -Infinity, d: -0, e: 1.5e-7 };
  const r = parseInspect(inspect(src));
  const v = plain(r.value) as Record<string, number>;
  assert.ok(Number.isNaN(v.a));
  assert.equal(v.b, Infinity);
  assert.equal(v.c, -Infinity);
  assert.equal(v.e, 1.5e-7);
  assert.equal(plain(parseInspect('12n').value), 12);
});

test('truncations util.inspect makes are kept as markers, not values', () => {
  const deep = { wrap: { snapshot: { a: { count: 1 } } } };
  const r1 = parseInspect(inspect(deep));
  assert.deepEqual(plain(r1.value), { wrap: { snapshot: { a: { elided: '[Object]' } } } });
  const arr = Array.from({ length: 105 }, (_, i) => i);
  const r2 = parseInspect(inspect({ arr }));
  const got = (plain(r2.value) as { arr: unknown[] }).arr;
  assert.equal(got.length, 101);
  assert.deepEqual(got[100], { elided: '... 5 more items' });
  const circ: Record<string, unknown> = { n: 1 };
  circ.self = circ;
  const r3 = parseInspect(inspect(circ));
  assert.equal(r3.problem, undefined);
  assert.deepEqual((plain(r3.value) as Record<string, unknown>).self, { elided: '[Circular *1]' });
});

test('a cut-off object keeps its complete entries and says where it stopped', () => {
  const full = inspect(
    {
      a: { count: 1, totalMs: 2, avgMs: 2, maxMs: 2 },
      b: { count: 3, totalMs: 4, avgMs: 1, maxMs: 2 },
      c: { count: 5, totalMs: 6, avgMs: 1, maxMs: 1 },
    },
    { breakLength: 40 },
  );
  const cut = full.slice(0, full.indexOf('c:') + 12);
  const r = parseInspect(cut);
  assert.ok(r.problem);
  assert.deepEqual(Object.keys(plain(r.value) as object), ['a', 'b']);
});

test('property: the parser never throws on arbitrary text', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (s) => {
      parseInspect(s);
    }),
    { numRuns: 500 },
  );
});

/**
 * The fuzz test's slowness check (`fuzz/growth.ts`) tells quadratic work from linear by a ratio,
 * with no clock limit: a reader that walks back to the line start for every character (what a
 * backtracking pattern does on a long line without its separator) is caught; a single pass is not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { growthLadder } from './fuzz/growth';

const OPTIONS = { limit: 3, bestOf: 3, floorMs: 50 };

const timed =
  (work: (text: string) => number) =>
  (text: string): number => {
    const began = performance.now();
    if (work(text) < 0) throw new Error('unreachable: keeps the work from being optimised away');
    return performance.now() - began;
  };

/** Quadratic on a line without newlines: n²/2 steps (16,000 characters: 1.3e8; 32,000: 5e8). */
function walkBackEveryChar(text: string): number {
  let steps = 0;
  for (let i = 0; i < text.length; i++) {
    let j = i;
    while (j > 0 && text.charCodeAt(j - 1) !== 10) j--;
    steps += i - j;
  }
  return steps;
}

/** Linear: 40 passes over the text (4,000,000 characters: 1.6e8 steps). */
function passes(text: string): number {
  let sum = 0;
  for (let p = 0; p < 40; p++) for (let i = 0; i < text.length; i++) sum += text.charCodeAt(i);
  return sum;
}

/** The same input at 1/16, 1/8, 1/4, 1/2 and all of `chars` characters, as the fuzz test climbs. */
const ladder = (chars: number): string[] =>
  [1 / 16, 1 / 8, 1 / 4, 1 / 2, 1].map((f) => 'x'.repeat(Math.ceil(chars * f)));

test('a quadratic reader is judged not linear, on a step below the whole input', () => {
  const r = growthLadder(timed(walkBackEveryChar), ladder(32_000), OPTIONS);
  assert.ok(r.failed, 'the quadratic reader passed');
  assert.ok(r.failed.twiceMs >= OPTIONS.floorMs);
  assert.ok(r.failed.twiceMs > 3 * r.failed.onceMs, `${r.failed.onceMs} → ${r.failed.twiceMs} ms`);
});

test('a linear reader is judged linear on every step', () => {
  const r = growthLadder(timed(passes), ladder(4_000_000), OPTIONS);
  assert.equal(r.failed, undefined, JSON.stringify(r.failed));
});

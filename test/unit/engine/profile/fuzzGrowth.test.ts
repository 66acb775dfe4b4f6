/**
 * The fuzz test's slowness check (`fuzz/growth.ts`, run per case by `fuzz/growthCase.ts`) tells
 * quadratic work from linear with no clock limit and no step too quick to judge. A test-only
 * importer with a planted quadratic path (the real folded importer, plus a walk back to the line
 * start for every character, which is what a backtracking pattern does on a long line without its
 * separator) goes through exactly what the fuzz test runs for every importer, and is caught on a
 * mutant whose whole import takes well under the 500 ms below which the old check judged nothing;
 * the real folded importer passes the same mutant, every part judged. Pure readers check the
 * ladder itself: a linear reader with a large fixed cost, and one whose runs are slowed at random
 * (a stand-in for a loaded machine), are judged linear on every step.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ImportResult, ProfileImporter } from '../../../../engine/profile/importer';
import { foldedImporter } from '../../../../engine/profile/importers/folded';
import { climbLadder } from './fuzz/growth';
import { GROWTH, runCase } from './fuzz/growthCase';
import { rng, type Mutant } from './fuzz/mutations';
import { fixture } from './snapshot';

/** Steps of walking back to the line start from every character: n²/2 on a line of n. */
function walkBackEveryChar(text: string): number {
  let steps = 0;
  for (let i = 0; i < text.length; i++) {
    let j = i;
    while (j > 0 && text.charCodeAt(j - 1) !== 10) j--;
    steps += i - j;
  }
  return steps;
}

/** Linear: `passes` looks at every character. */
function passes(text: string, times: number): number {
  let sum = 0;
  for (let p = 0; p < times; p++) for (let i = 0; i < text.length; i++) sum += text.charCodeAt(i);
  return sum;
}

/** The folded importer with a quadratic path planted in front of it. */
const plantedQuadratic: ProfileImporter = {
  ...foldedImporter,
  id: 'planted-quadratic',
  parse(input): ImportResult {
    const text = Buffer.concat([...input.chunks]).toString('utf8');
    if (walkBackEveryChar(text) < 0) throw new Error('unreachable');
    return foldedImporter.parse(input);
  },
  createStreamParser: undefined,
};

/**
 * A real folded fixture with a 12,000-character frame name and no ';' or count after it inserted
 * into its second line: the walk-back costs 12,000²/2 = 7.2e7 steps at the whole growth (about
 * 0.1 s), 1.8e7 at half.
 */
function longNameMutant(): { file: string; m: Mutant } {
  const file = 'folded/hand-made/weighted/weighted.folded';
  const text = readFileSync(fixture(file), 'utf8');
  const at = text.indexOf('\n') + 1;
  const chars = 12_000;
  const grown = (n: number): string => text.slice(0, at) + 'x'.repeat(n) + text.slice(at);
  return {
    file,
    m: { label: `${chars} × "x"`, text: grown(chars), scaled: (f) => grown(Math.ceil(chars * f)) },
  };
}

test('the fuzz run catches an importer with a planted quadratic path on a small input', () => {
  const { file, m } = longNameMutant();
  const run = runCase(plantedQuadratic, file, m, 1);
  assert.ok('notLinear' in run, `the planted quadratic path passed: ${JSON.stringify(run)}`);
  assert.match(run.notLinear, /not linear/);
  // The message gives the CPU ms of the import on the step's three inputs: the last is the whole
  // mutant, far under the 500 ms below which the old check judged no step.
  console.log(`planted quadratic: ${run.notLinear}`);
});

test('the real folded importer passes the same mutant, every part judged', () => {
  const { file, m } = longNameMutant();
  const run = runCase(foldedImporter, file, m, 1);
  assert.ok('result' in run, JSON.stringify(run).slice(0, 400));
  // Rungs: none, 1/16, 1/8, 1/4, 1/2, all; each from the fifth on is judged with the four
  // parts of growth below it: 2 verdicts, every part in one.
  assert.ok(run.judged >= 2, `${run.judged} verdicts`);
});

/**
 * The same input with none, 1/16, 1/8, 1/4, 1/2 and all of `chars` characters of growth, each a
 * flat string: a concatenation is a rope in V8, which `charCodeAt` reads through another, slower
 * path after its first flattening (seen: 66 → 90 ms for 1 % more characters), and these readers
 * work on the string itself, not on its bytes as importers do.
 */
const ladder = (base: string, chars: number): string[] =>
  [0, 1 / 16, 1 / 8, 1 / 4, 1 / 2, 1].map((f) =>
    Buffer.from(base + 'x'.repeat(Math.ceil(chars * f)), 'latin1').toString('latin1'),
  );

test('a quadratic reader is judged not linear', () => {
  const r = climbLadder(walkBackEveryChar, ladder('', 32_000), GROWTH);
  assert.ok(r.failed, `the quadratic reader passed: ${JSON.stringify(r.last)}`);
  const costs = r.failed.marginal;
  for (let i = 1; i < costs.length; i++)
    assert.ok(costs[i] > GROWTH.limit * costs[i - 1], JSON.stringify(r.failed));
});

test('a rise among imports too quick to time is not concluded', () => {
  // CI once judged a linear importer quadratic on imports of 0.0 → 0.3 ms (the same growth read
  // at 3.9–6.2 ns per character from 1 MB to 4 MB). Under MIN_JUDGED_MS (5 ms) a rise is only
  // followed to larger inputs, when there are any: here there are none, and even a quadratic
  // reader, warm, on 600 characters (~180,000 steps, a fraction of a millisecond) is not failed.
  const flat = (n: number): string => Buffer.from('x'.repeat(n), 'latin1').toString('latin1');
  for (let i = 0; i < 30; i++) walkBackEveryChar(flat(600));
  const r = climbLadder(walkBackEveryChar, ladder('', 600), GROWTH);
  assert.equal(r.failed, undefined, JSON.stringify(r.failed));
  assert.equal(r.judged, 2);
});

test('a linear reader with a large fixed cost is judged linear on every part', () => {
  const base = 'y'.repeat(2_000_000);
  const r = climbLadder((text) => passes(text, 20), ladder(base, 400_000), GROWTH);
  assert.equal(r.failed, undefined, JSON.stringify(r.failed));
  assert.equal(r.judged, 2);
});

test('a linear reader whose runs are slowed at random is judged linear on every part', () => {
  // One run in three does its work again (a stand-in for a collection or a neighbour's burst):
  // the first look may see a rise, the second, on the least of three runs, does not.
  const r3 = rng(7);
  const r = climbLadder(
    (text) => passes(text, r3() < 1 / 3 ? 40 : 20),
    ladder('', 1_000_000),
    GROWTH,
  );
  assert.equal(r.failed, undefined, JSON.stringify(r.failed));
  assert.equal(r.judged, 2);
});

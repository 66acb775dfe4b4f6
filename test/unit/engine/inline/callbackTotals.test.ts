/**
 * A function's total holds its anonymous callbacks' CPU, each sample once, on the hand-made
 * test/fixtures/inline/ts-async: a V8 profile of src/jobs.ts, 12 samples of 1 ms (each lasts until
 * the next, 1,000 µs later; the last until endTime, 1,000 µs after it), where  the callbacks' frames run partly under their function (before the first
 * `await`) and partly alone under the root (async continuations after it):
 *
 *   root → flush (line 5)                          2 samples (flush on top)
 *   root → flush → incr (perf.ts)                  1
 *   root → flush → callback B (line 7) → C (line 9) 1 (B called before its first await)
 *   root → callback B                              3 (B resumed after `await`: flush not on the stack)
 *   root → callback B → callback C                 2
 *   root → callback D (line 14, inside drain)      1 (drain itself never on top or on the stack)
 *   root → (program)                               2
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildInlineCosts, type InlineCosts } from '../../../../engine/inline/costGroups';
import { matchFunctions, type FunctionMeasure } from '../../../../engine/inline/matchFunctions';
import { normalizeProfilePath } from '../../../../engine/inline/paths';
import { loadProfilePath } from '../../../../engine/profile/loadProfileFile';
import { findTsFunctions } from '../../../../engine/source/tsFunctions';
import { hoverMarkdown } from '../../../../server/lsp/hoverText';
import { lensTitle } from '../../../../server/lsp/lensText';

const dir = resolve(__dirname, '../../../fixtures/inline/ts-async');
const jobsTs = resolve(dir, 'src/jobs.ts');

describe('callbacks folded into their function', () => {
  let costs: InlineCosts;
  let measures: readonly FunctionMeasure[];
  const find = (name: string): FunctionMeasure => {
    const m = measures.find((x) => !x.fn.anonymous && x.fn.name === name);
    assert.ok(m, `${name} has measurements`);
    return m;
  };

  before(async () => {
    const loaded = await loadProfilePath(resolve(dir, 'async-continuations.cpuprofile'), {
      sourceMaps: false,
    });
    costs = buildInlineCosts(loaded.profiles);
    measures = matchFunctions({
      path: normalizeProfilePath(jobsTs),
      language: 'typescript',
      functions: findTsFunctions(readFileSync(jobsTs, 'utf8'), jobsTs),
      costs,
    }).measures;
  });

  it('counts each sample once: flush with callbacks B and C', () => {
    assert.equal(costs.totalWeight, 12);
    const flush = find('flush').cpu!;
    // Own frames: 2 + 1 (incr) + 1 (B → C under flush) = 4 ms.
    assert.deepEqual(flush.own, { total: 4, totalSamples: 4, totalPct: (4 / 12) * 100 });
    // B's own total 1 + 3 + 2 = 6, C's 1 + 2 = 3: adding them (4 + 6 + 3 = 13) would count the
    // sample with flush, B and C on one stack three times. Samples with any of the three on the
    // stack: 2 + 1 + 1 + 3 + 2 = 9 ms of 12 = 75 %.
    assert.equal(flush.total, 9);
    assert.equal(flush.totalSamples, 9);
    assert.equal(flush.totalPct, 75);
    // Self stays flush's own frames': 2.
    assert.equal(flush.self, 2);
    assert.deepEqual(
      find('flush').callbacks.map((c) => [c.line, c.cpu.total]),
      [
        [7, 6],
        [9, 3],
      ],
    );
    // One process: its row carries the folded total and the own self.
    assert.deepEqual(
      flush.perProcess.map((p) => [p.total, p.totalSamples, p.self, p.totalPct]),
      [[9, 9, 2, 75]],
    );
  });

  it('gives a function whose only CPU is in a callback that CPU (drain: D alone, 1 ms)', () => {
    const drain = find('drain').cpu!;
    assert.equal(drain.total, 1);
    assert.equal(drain.self, 0);
    assert.deepEqual(drain.own, { total: 0, totalSamples: 0, totalPct: 0 });
  });

  it('puts the folded total in the lens and says so in the hover', () => {
    const flush = find('flush');
    // 9 ms of 12 = 75.0 %, self 2 ms.
    assert.equal(lensTitle(flush, costs), 'flush · CPU 9.0 ms (75.0 %) · self 2.0 ms');
    const md = hoverMarkdown(flush, costs, { path: 'p.cpuprofile' }, 0);
    assert.match(
      md,
      /total 9\.0 ms \(75\.0 %\) with its callbacks, each sample once \(its own frames 4\.0 ms\), self 2\.0 ms/,
    );
    assert.match(md, /Callback at line 7: total 6\.0 ms \(50\.0 %\) in its own frames, included/);
  });
});

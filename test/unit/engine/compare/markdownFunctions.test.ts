/**
 * `compare --markdown` (and Copy as Markdown) lists the functions diff by total CPU beside the
 * self one: a caller whose own code did not change but whose callee grew shows only in total.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  compareSides,
  comparisonMarkdown,
  type IterationMetrics,
  type MetricValue,
} from '../../../../engine/compare';

function iteration(label: string, values: Record<string, number>): IterationMetrics {
  const metrics = new Map<string, MetricValue>();
  for (const [id, value] of Object.entries(values))
    metrics.set(id, {
      id,
      group: id === 'wall-clock' ? 'wall-clock' : 'function',
      unit: id === 'wall-clock' ? 'ms' : 'ms CPU/s',
      better: 'lower',
      value,
    });
  return {
    dir: label,
    label,
    correctness: { pass: 1, fail: 0, failures: [], exit: 'ok' },
    metrics,
    problems: [],
  };
}

it('the Markdown has a total-CPU functions table beside the self one', () => {
  // `handle (a.ts)` spends 10 ms CPU/s in itself on both sides; its callee `parse (a.ts)` grows
  // from 5 to 25. So handle's total goes 15 → 35 (+20, +133 %) while its self stays 10.
  const side = (parse: number, prefix: string): IterationMetrics[] =>
    [0, 1, 2, 3, 4].map((i) =>
      iteration(`${prefix}${i}`, {
        'wall-clock': 100_000 + 1000 * i,
        'function:handle (a.ts):self': 10,
        'function:handle (a.ts):total': 10 + parse + i * 0.01,
        'function:parse (a.ts):self': parse + i * 0.01,
        'function:parse (a.ts):total': parse + i * 0.01,
      }),
    );
  const md = comparisonMarkdown(compareSides(side(5, 'b'), side(25, 't')));
  const total = md.indexOf(
    '### Functions (total CPU, ms per second of wall-clock; biggest changes)',
  );
  const self = md.indexOf('### Functions (self CPU, ms per second of wall-clock; biggest changes)');
  assert.ok(self > 0 && total > self, md);
  const totalTable = md.slice(total);
  // Medians: handle total 15.02 → 35.02 (shown to 3 significant digits), Δ +20.
  assert.match(
    totalTable,
    /\| function:handle \(a\.ts\):total \(ms CPU\/s\) \| 15\.0 \(n=5\) \| 35\.0 \(n=5\) \| \+20\.0 \|/,
  );
  assert.doesNotMatch(totalTable, /:self/);
});

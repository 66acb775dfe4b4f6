import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareRows, groupsOf } from '../../../webview/compare/compareRows';
import type { CompareMetricRow } from '../../../protocol/compareView';

function row(
  name: string,
  group: string,
  baseline: number,
  change: number,
  verdict: CompareMetricRow['verdict'],
  primary = false,
): CompareMetricRow {
  const pct = baseline === 0 ? null : (change / baseline) * 100;
  return {
    name,
    group,
    unit: 'ms',
    better: 'lower',
    primary,
    baseline: { n: 5, median: baseline, values: [] },
    treatment: { n: 5, median: baseline + change, values: [] },
    change,
    changePct: pct,
    ci: [change - 1, change + 1],
    p: 0.5,
    verdict,
    cells: {
      metric: name,
      baseline: '',
      treatment: '',
      change: '',
      changePct: '',
      ci: '',
      verdict,
    },
  };
}

// Engine order: primary first, then the family by q.
const rows = [
  row('wall-clock', 'wall-clock', 100, 10, 'worse', true), // +10 %
  row('counter:a:total', 'counter', 50, -25, 'better'), // −50 %
  row('counter:b:total', 'counter', 0, 3, 'changed'), // no % (baseline 0)
  row('resource:cpu:avg', 'resource', 40, 2, 'same'), // +5 %
];
const names = (rs: CompareMetricRow[]): string[] => rs.map((r) => r.name);

describe('compare table order', () => {
  it('keeps the engine order by default', () => {
    assert.deepEqual(names(compareRows(rows, '', '', { key: 'default', desc: false })), [
      'wall-clock',
      'counter:a:total',
      'counter:b:total',
      'resource:cpu:avg',
    ]);
  });

  it('sorts by Δ% both ways, rows without a percentage last', () => {
    const desc = { key: 'changePct', desc: true } as const;
    assert.deepEqual(names(compareRows(rows, '', '', desc)), [
      'wall-clock', // +10
      'resource:cpu:avg', // +5
      'counter:a:total', // −50
      'counter:b:total', // null
    ]);
    assert.deepEqual(names(compareRows(rows, '', '', { key: 'changePct', desc: false })), [
      'counter:a:total',
      'resource:cpu:avg',
      'wall-clock',
      'counter:b:total',
    ]);
  });

  it('sorts by verdict worst first', () => {
    assert.deepEqual(names(compareRows(rows, '', '', { key: 'verdict', desc: true })), [
      'wall-clock', // worse
      'counter:b:total', // changed
      'counter:a:total', // better
      'resource:cpu:avg', // same
    ]);
  });

  it('filters by name or verdict, and by group', () => {
    assert.deepEqual(names(compareRows(rows, 'COUNTER:A', '', { key: 'default', desc: false })), [
      'counter:a:total',
    ]);
    assert.deepEqual(names(compareRows(rows, 'worse', '', { key: 'default', desc: false })), [
      'wall-clock',
    ]);
    assert.deepEqual(names(compareRows(rows, '', 'counter', { key: 'name', desc: true })), [
      'counter:b:total',
      'counter:a:total',
    ]);
    assert.deepEqual(groupsOf(rows), ['wall-clock', 'counter', 'resource']);
  });
});

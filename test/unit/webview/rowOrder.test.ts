/**
 * The one row order of the pages' sortable tables (Counters tab, Compare view): hand-made rows,
 * the expected orders written out by hand.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { filterNeedle, sortByValue } from '../../../webview/logic/rowOrder';

interface R {
  readonly id: string;
  readonly v: number | string | null;
}
const rows: R[] = [
  { id: 'a', v: 3 },
  { id: 'b', v: null },
  { id: 'c', v: 1 },
  { id: 'd', v: NaN },
  { id: 'e', v: 3 },
  { id: 'f', v: Infinity },
  { id: 'g', v: 2 },
];
const ids = (rs: readonly R[]): string => rs.map((r) => r.id).join('');

describe('sortable table order', () => {
  it('sorts either way with rows that have no value (null, NaN, ±Infinity) last both times', () => {
    // Values 1 (c), 2 (g), 3 (a, e: input order); then b, d, f in input order.
    assert.equal(ids(sortByValue(rows, (r) => r.v, false)), 'cgaebdf');
    assert.equal(ids(sortByValue(rows, (r) => r.v, true)), 'aegcbdf');
  });

  it('breaks ties by the tie-break (not reversed with the direction), then by input order', () => {
    const byIdDesc = (x: R, y: R): number => (x.id < y.id ? 1 : x.id > y.id ? -1 : 0);
    // a and e tie at 3: the tie-break puts e first in both directions.
    assert.equal(ids(sortByValue(rows, (r) => r.v, false, byIdDesc)), 'cgeafdb');
    assert.equal(ids(sortByValue(rows, (r) => r.v, true, byIdDesc)), 'eagcfdb');
  });

  it('compares text by code unit (callers lower-case it), and does not touch its input', () => {
    const text: R[] = [
      { id: '1', v: 'b.x' },
      { id: '2', v: 'a_z' },
      { id: '3', v: 'a.z' },
    ];
    // '.' (0x2e) < '_' (0x5f): a.z, a_z, b.x.
    assert.equal(ids(sortByValue(text, (r) => r.v, false)), '321');
    assert.equal(ids(text), '123');
  });

  it('matches filter text trimmed and lower-cased', () => {
    assert.equal(filterNeedle('  HEAD '), 'head');
    assert.equal(filterNeedle('   '), '');
  });
});

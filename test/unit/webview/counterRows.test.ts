import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  filterRows,
  groupRows,
  rowsFor,
  sortRows,
  type CounterSortKey,
} from '../../../webview/logic/counterRows';
import type { CounterData, TimelineData } from '../../../protocol/sourceData';

const row = (name: string, family: string, totalMs: number, count: number, extra = {}) => ({
  name,
  family,
  kind: totalMs > 0 ? ('timer' as const) : ('count' as const),
  process: 0,
  count,
  totalMs,
  maxMs: 1,
  windows: 2,
  wallPct: totalMs > 0 ? totalMs / 100 : null,
  ...extra,
});

const c: CounterData = {
  processes: [{ name: 'alice', wallClockMs: 10_000, spanBasis: 'its dumps', windows: 2 }],
  wallClockMs: 10_000,
  wallClockBasis: 'first to last counter dump',
  dumpIntervalMs: 5000,
  rows: [
    row('fetchCarFromIpfs', '', 300, 6),
    row('fetchCarFromIpfs.headVerify', 'fetchCarFromIpfs', 170, 6, {
      parent: 'fetchCarFromIpfs',
      ofParentPct: 56.7,
    }),
    row('fetchCarFromIpfs.blocks', 'fetchCarFromIpfs', 0, 16, {
      parent: 'fetchCarFromIpfs',
      perParentCall: 2.67,
    }),
    row('orbitdb.putEntry.bundle', 'orbitdb.putEntry', 400, 8),
  ],
};

describe('the Counters tab rows', () => {
  it('rates per second of the process wall-clock; sorted by any column', () => {
    const rows = rowsFor(c, 0, undefined, undefined);
    // 16 blocks / 10 s = 1.6 per s
    assert.equal(rows.find((r) => r.name === 'fetchCarFromIpfs.blocks')!.perSec, 1.6);
    const order = (key: CounterSortKey, desc: boolean): string =>
      sortRows(rows, key, desc)
        .map((r) => r.name)
        .join(' ');
    assert.equal(
      order('totalMs', true),
      'orbitdb.putEntry.bundle fetchCarFromIpfs fetchCarFromIpfs.headVerify fetchCarFromIpfs.blocks',
    );
    // Avg ms ascending: headVerify 170/6 = 28.3, then fetchCarFromIpfs 300/6 = 50 and bundle
    // 400/8 = 50 (ties by name); blocks counts only, has no average, and stays last both ways.
    assert.equal(
      order('avgMs', false),
      'fetchCarFromIpfs.headVerify fetchCarFromIpfs orbitdb.putEntry.bundle fetchCarFromIpfs.blocks',
    );
    assert.match(order('avgMs', true), / fetchCarFromIpfs\.blocks$/);
    assert.deepEqual(
      filterRows(rows, 'HEAD').map((r) => r.name),
      ['fetchCarFromIpfs.headVerify'],
    );
  });

  it('groups a timer with its parts, parent first, and families by their best row', () => {
    const groups = groupRows(sortRows(rowsFor(c, 0, undefined, undefined), 'totalMs', true));
    assert.deepEqual(
      groups.map((g) => [g.family, g.totalMs, g.rows.map((r) => r.name)]),
      [
        ['orbitdb.putEntry', 400, ['orbitdb.putEntry.bundle']],
        [
          'fetchCarFromIpfs',
          300,
          ['fetchCarFromIpfs', 'fetchCarFromIpfs.headVerify', 'fetchCarFromIpfs.blocks'],
        ],
      ],
    );
  });

  it('a picked window shows only that window, % of the window length', () => {
    const t: TimelineData = {
      counters: [
        {
          process: 0,
          timesMs: [5000, 10000],
          lines: [1, 6],
          counts: { fetchCarFromIpfs: [4, 2], 'orbitdb.putEntry.bundle': [0, 8] },
          totalMs: { fetchCarFromIpfs: [200, 100], 'orbitdb.putEntry.bundle': [0, 400] },
        },
      ],
      resources: [],
    };
    const rows = rowsFor(c, 0, t, { process: 0, index: 0 });
    // window 1: only fetchCarFromIpfs ran (bundle count 0 is left out); 200 ms of a 5000 ms window
    // = 4 %
    assert.deepEqual(
      rows.map((r) => [r.name, r.count, r.totalMs, r.wallPct]),
      [['fetchCarFromIpfs', 4, 200, 4]],
    );
  });

  it('all processes: rates per second of the run, not of the longest process', () => {
    const two: CounterData = {
      ...c,
      processes: [
        { name: 'alice', wallClockMs: 4000, spanBasis: 'first seen to the end', windows: 1 },
        { name: 'bob', wallClockMs: 5000, spanBasis: 'first seen to the end', windows: 1 },
      ],
      wallClockMs: 6000,
      rows: [{ ...row('send', 'send', 300, 60), process: -1 }],
    };
    // 60 calls / 6 s of the run = 10 per s (over bob's 5 s it would be 12)
    assert.equal(rowsFor(two, -1, undefined, undefined)[0].perSec, 10);
  });
});

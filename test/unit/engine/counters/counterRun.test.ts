/** Totals, top-N, time series, kinds, units, families and gaps over windows. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import '../../../helpers/propertySeed';
import { buildCounterRun, seriesOf, topN } from '../../../../engine/counters/counterRun';
import { familyOf, groupByFamily, matchesTemplate } from '../../../../engine/counters/families';
import { guessUnit } from '../../../../engine/counters/units';
import { CounterDump } from '../../../../engine/counters/types';

const dump = (
  source: string,
  time: number | undefined,
  counters: Record<string, { count: number; totalMs: number; maxMs?: number }>,
  line = 1,
): CounterDump => ({
  source,
  time,
  line,
  format: 'inspect',
  lost: [],
  counters: Object.fromEntries(
    Object.entries(counters).map(([k, c]) => [
      k,
      {
        count: c.count,
        totalMs: c.totalMs,
        avgMs: c.count ? c.totalMs / c.count : 0,
        maxMs: c.maxMs ?? 0,
      },
    ]),
  ),
});

test('property: run totals are the sums of the windows; max is the max; sorted by totalMs desc', () => {
  const cell = fc.record({ count: fc.nat(1000), totalMs: fc.nat(100000), maxMs: fc.nat(1000) });
  const win = fc.dictionary(fc.constantFrom('a.x', 'a.y', 'b.z', 'c'), cell);
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom('p', 'q'), win), { maxLength: 30 }), (wins) => {
      const dumps = wins.map(([s, w], i) => dump(s, 1_000_000 + i * 5000, w));
      const run = buildCounterRun(dumps);
      for (const t of run.totals) {
        const cells = wins.flatMap(([, w]) => (w[t.name] ? [w[t.name]] : []));
        assert.equal(
          t.count,
          cells.reduce((a, c) => a + c.count, 0),
        );
        assert.ok(Math.abs(t.totalMs - cells.reduce((a, c) => a + c.totalMs, 0)) < 1e-6);
        assert.equal(t.maxMs, Math.max(0, ...cells.map((c) => c.maxMs)));
        assert.equal(t.windows, cells.length);
      }
      for (let i = 1; i < run.totals.length; i++)
        assert.ok(run.totals[i - 1].totalMs >= run.totals[i].totalMs);
      assert.equal(run.windowCount, wins.length);
    }),
    { numRuns: 200 },
  );
});

test('timers vs counts: incr-only counters are counts with a guessed unit, not call rates', () => {
  const run = buildCounterRun([
    dump('m', 5000, {
      'ipfs.fetchCar.bytes': { count: 4096, totalMs: 0 },
      'ipfs.fetchCar.calls': { count: 2, totalMs: 0 },
      'orbitdb.putEntry.bundle': { count: 2, totalMs: 30, maxMs: 20 },
    }),
    dump('m', 10000, {
      'ipfs.fetchCar.bytes': { count: 1024, totalMs: 0 },
      'orbitdb.putEntry.bundle': { count: 1, totalMs: 10, maxMs: 10 },
    }),
  ]);
  const by = Object.fromEntries(run.totals.map((t) => [t.name, t]));
  assert.equal(by['orbitdb.putEntry.bundle'].kind, 'timer');
  assert.equal(by['ipfs.fetchCar.bytes'].kind, 'count');
  assert.equal(by['ipfs.fetchCar.bytes'].unit, 'bytes');
  assert.equal(by['ipfs.fetchCar.calls'].unit, 'calls');
  assert.equal(run.wallClockBasis, 'timestamps');
  assert.equal(run.wallClockMs, 10000); // 5 s between dumps + one interval before the first
  assert.equal(by['ipfs.fetchCar.bytes'].ratePerSec, (4096 + 1024) / 10);
  assert.equal(by['orbitdb.putEntry.bundle'].shareOfWallClock, 40 / 10000);
  assert.deepEqual(
    topN(run.totals, 1).map((t) => t.name),
    ['orbitdb.putEntry.bundle'],
  );
  assert.deepEqual(
    seriesOf(run.processes[0], 'ipfs.fetchCar.calls').map((p) => p.count),
    [2, 0],
  );
});

test('a given wall-clock wins; without timestamps windows × interval is used and said', () => {
  const d = [
    dump('m', undefined, { a: { count: 1, totalMs: 1 } }),
    dump('m', undefined, { a: { count: 1, totalMs: 1 } }),
  ];
  assert.deepEqual(
    [buildCounterRun(d).wallClockMs, buildCounterRun(d).wallClockBasis],
    [10000, 'windows'],
  );
  assert.deepEqual(
    [
      buildCounterRun(d, { wallClockMs: 777 }).wallClockMs,
      buildCounterRun(d, { wallClockMs: 777 }).wallClockBasis,
    ],
    [777, 'given'],
  );
});

test('gaps between dumps (a daemon restart or a stall) are reported per process', () => {
  const times = [5000, 10000, 15000, 60000, 65000];
  const run = buildCounterRun(
    times.map((t, i) => dump('alice', t, { a: { count: 1, totalMs: 1 } }, i + 1)),
  );
  assert.equal(run.processes[0].gaps.length, 1);
  assert.deepEqual(
    [run.processes[0].gaps[0].fromTime, run.processes[0].gaps[0].toTime],
    [15000, 60000],
  );
});

test('families group by dotted prefix; templates match their instances only', () => {
  assert.equal(familyOf('ipfs.fetchCar.bytes'), 'ipfs.fetchCar');
  assert.equal(familyOf('plain'), '');
  const fams = groupByFamily([
    { name: 'ipfs.fetchCar.bytes' },
    { name: 'orbitdb.putEntry.bundle' },
    { name: 'ipfs.fetchCar.calls' },
  ]);
  assert.deepEqual(
    fams.map((f) => [f.prefix, f.members.length]),
    [
      ['ipfs.fetchCar', 2],
      ['orbitdb.putEntry', 1],
    ],
  );
  const parent = groupByFamily([
    { name: 'orbitdb.putEntry' },
    { name: 'orbitdb.putEntry.encode' },
    { name: 'orbitdb.other' },
  ]);
  assert.deepEqual(
    parent.map((f) => [f.prefix, f.members.map((m) => m.name)]),
    [
      ['orbitdb.putEntry', ['orbitdb.putEntry', 'orbitdb.putEntry.encode']],
      ['orbitdb', ['orbitdb.other']],
    ],
  );
  assert.ok(
    matchesTemplate(
      'aggregator.rpc.${method}.http_error',
      'aggregator.rpc.submit_commitment.http_error',
    ),
  );
  assert.ok(
    !matchesTemplate('aggregator.rpc.${method}.http_error', 'aggregator.rpc.a.b.http_error'),
  );
  assert.ok(!matchesTemplate('aggregator.rpc.${method}.http_error', 'aggregatorXrpc.m.http_error'));
  assert.equal(guessUnit('something.else'), undefined);
});

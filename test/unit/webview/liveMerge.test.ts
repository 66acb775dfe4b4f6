/**
 * webview/logic/liveMerge.ts: a live update merged into the data the page shows. Small hand-made
 * data; every expected array is written out beside its reason.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mergeLive } from '../../../webview/logic/liveMerge';
import type { CounterData, LiveUpdate, SourceData } from '../../../protocol/sourceData';

const ORIGIN = Date.parse('2026-01-01T00:00:00.000Z');

const counters = (names: string[]): CounterData => ({
  processes: names.map((name) => ({ name, wallClockMs: 1000, spanBasis: 'its dumps', windows: 1 })),
  wallClockMs: 1000,
  wallClockBasis: 'first to last counter dump',
  dumpIntervalMs: 1000,
  rows: [],
});

const shown: SourceData = {
  path: '/runs/r1',
  title: 'r1',
  input: 'run',
  summary: { missing: [], durationMs: 1000, durationBasis: 'first to last counter dump' },
  counters: counters(['bob']),
  timeline: {
    originEpochMs: ORIGIN,
    counters: [
      {
        process: 0,
        timesMs: [1000],
        lines: [4],
        counts: { put: [2] },
        totalMs: { put: [10] },
      },
    ],
    resources: [],
  },
  warnings: [],
  basis: 'Source: /runs/r1',
};

describe('mergeLive', () => {
  it('appends new windows on the page clock, pads counters that were absent, reindexes processes', () => {
    const update: LiveUpdate = {
      // alice appeared and sorts first: bob is now process 1
      counters: counters(['alice', 'bob']),
      durationMs: 3000,
      windows: [
        {
          process: 'bob',
          from: 1,
          // 2 s and 3 s after the origin
          epochMs: [ORIGIN + 2000, ORIGIN + 3000],
          lines: [9, 14],
          // `pin` is new in these windows; `put` is absent from the second one (counts 0)
          counts: { put: [3, 0], pin: [1, 1] },
          totalMs: { put: [15, 0] },
        },
        {
          process: 'alice',
          from: 0,
          epochMs: [null],
          lines: [2],
          counts: { put: [1] },
          totalMs: { put: [4] },
        },
      ],
    };
    const m = mergeLive(shown, update)!;
    assert.equal(m.counters, update.counters);
    const bob = m.timeline!.counters.find((s) => s.process === 1)!;
    assert.deepEqual(bob.timesMs, [1000, 2000, 3000]);
    assert.deepEqual(bob.lines, [4, 9, 14]);
    assert.deepEqual(bob.counts.put, [2, 3, 0]);
    // pin was not in window 1: 0 there
    assert.deepEqual(bob.counts.pin, [0, 1, 1]);
    assert.deepEqual(bob.totalMs.put, [10, 15, 0]);
    const alice = m.timeline!.counters.find((s) => s.process === 0)!;
    // no timestamp: window 1 × 1000 ms interval
    assert.deepEqual(alice.timesMs, [1000]);
    assert.equal(m.summary.durationMs, 3000);
    // the input is not changed
    assert.deepEqual(shown.timeline!.counters[0].timesMs, [1000]);
  });

  it('an update that overlaps what the page has replaces the overlapped windows', () => {
    const m = mergeLive(shown, {
      counters: counters(['bob']),
      durationMs: 1000,
      windows: [
        {
          process: 'bob',
          from: 0,
          epochMs: [ORIGIN + 1000],
          lines: [4],
          counts: { put: [2] },
          totalMs: { put: [10] },
        },
      ],
    })!;
    assert.deepEqual(m.timeline!.counters[0].counts.put, [2]);
  });

  it('asks for the whole source when a window is missing', () => {
    assert.equal(
      mergeLive(shown, {
        counters: counters(['bob']),
        durationMs: 3000,
        // the page has 1 window of bob; this starts at the third
        windows: [
          { process: 'bob', from: 2, epochMs: [null], lines: [1], counts: {}, totalMs: {} },
        ],
      }),
      undefined,
    );
  });
});

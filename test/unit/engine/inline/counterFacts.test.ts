/**
 * engine/inline/counterFacts.ts: a counter's numbers summed over processes, with each process's
 * own share of its own wall-clock beside them (hand-computed below).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CounterRunBuilder } from '../../../../engine/counters/counterRun';
import { counterFactsOfRun } from '../../../../engine/inline/counterFacts';

const t0 = Date.parse('2026-01-01T00:00:00Z');
const cell = (count: number, totalMs: number) => ({
  count,
  totalMs,
  avgMs: totalMs / count,
  maxMs: totalMs,
});

describe('counterFactsOfRun', () => {
  it('gives each process its share of its own wall-clock, largest first', () => {
    const b = new CounterRunBuilder();
    // alice dumps at 1 s and 2 s; bob at 1 s (1,000 ms interval).
    b.add({
      source: 'bob',
      time: t0 + 1000,
      line: 1,
      format: 'inspect',
      counters: { x: cell(1, 50) },
      lost: [],
    });
    b.add({
      source: 'alice',
      time: t0 + 1000,
      line: 2,
      format: 'inspect',
      counters: { x: cell(2, 100) },
      lost: [],
    });
    b.add({
      source: 'alice',
      time: t0 + 2000,
      line: 3,
      format: 'inspect',
      counters: { x: cell(3, 300) },
      lost: [],
    });
    const [x] = counterFactsOfRun(b.build({ dumpIntervalMs: 1000 }));
    // Sum: 1 + 2 + 3 = 6 calls, 50 + 100 + 300 = 450 ms.
    assert.equal(x.count, 6);
    assert.equal(x.totalMs, 450);
    // alice: wall 2 s − 1 s interval … 2 s = 2,000 ms; 400 / 2,000 = 0.2.
    // bob: 1 s − 1 s … 1 s = 1,000 ms; 50 / 1,000 = 0.05.
    assert.deepEqual(x.perProcess, [
      { process: 'alice', count: 5, totalMs: 400, shareOfWallClock: 0.2 },
      { process: 'bob', count: 1, totalMs: 50, shareOfWallClock: 0.05 },
    ]);
  });

  it('one process: no per-process list (the run is the process)', () => {
    const b = new CounterRunBuilder();
    b.add({
      source: 'main',
      time: t0 + 1000,
      line: 1,
      format: 'inspect',
      counters: { x: cell(1, 50) },
      lost: [],
    });
    const [x] = counterFactsOfRun(b.build({ dumpIntervalMs: 1000 }));
    assert.equal(x.perProcess, undefined);
  });
});

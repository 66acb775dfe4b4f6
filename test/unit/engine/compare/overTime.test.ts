/**
 * Counters over time for the Compare view, from two hand-made sides on disk (run.json,
 * script.log with JSON-line counter dumps every 5 s, machine.tsv), read by the comparison's own
 * loader; every expected number worked out by hand beside it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OverTimeCollector, loadSide } from '../../../../engine/compare';
import type { CompareOverTime } from '../../../../protocol/compareView';

const START = Date.UTC(2026, 11, 6, 12, 0, 0);

/** One counter dump line as a JSON logger writes it (label = process). */
function dump(atSec: number, label: string, counters: Record<string, [number, number]>): string {
  const snapshot = Object.fromEntries(
    Object.entries(counters).map(([name, [count, totalMs]]) => [
      name,
      { count, totalMs, avgMs: count ? totalMs / count : 0, maxMs: totalMs },
    ]),
  );
  return JSON.stringify({
    time: new Date(START + atSec * 1000).toISOString(),
    level: 'info',
    ns: 'perf',
    label,
    msg: '[perf-counters] snapshot:',
    fields: { snapshot },
  });
}

function iteration(dir: string, log: string[], machine: [number, number][] | undefined): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'run.json'),
    JSON.stringify({
      startTime: new Date(START).toISOString(),
      endTime: new Date(START + 15_000).toISOString(),
      status: 'completed',
    }),
  );
  writeFileSync(join(dir, 'script.log'), `${log.join('\n')}\n`);
  if (machine)
    writeFileSync(
      join(dir, 'machine.tsv'),
      [
        'time\tcores\tmachine_busy_cores\trun_cores\tother_cores',
        ...machine.map(([s, other]) => `${START + s * 1000}\t2\t${other + 0.5}\t0.5\t${other}`),
      ].join('\n') + '\n',
    );
}

describe('counters over time, both sides', () => {
  let root: string;
  let data: CompareOverTime | undefined;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'perflens-overtime-'));
    // Baseline run-1, one process: put 500, 1,000, 250 ms in the windows ending at 5, 10, 15 s
    // → 100, 200, 50 ms/s; bytes (a pure count) 5,000 a window → 1,000 /s.
    // machine.tsv: others use 0.2, 1.5, 0.1 of 2 cores → only the 10 s row is over half (1.0).
    iteration(
      join(root, 'baseline', 'run-1'),
      [
        dump(5, 'alice', { put: [5, 500], bytes: [5000, 0] }),
        dump(10, 'alice', { put: [10, 1000], bytes: [5000, 0] }),
        dump(15, 'alice', { put: [2, 250], bytes: [5000, 0] }),
      ],
      [
        [5, 0.2],
        [10, 1.5],
        [15, 0.1],
      ],
    );
    // Treatment run-1, two processes: alice 100 ms and bob 150 ms at 5 s → 250 ms / 5 s = 50
    // ms/s; alice alone 100 ms at 10 s → 20 ms/s. No bytes, no machine.tsv.
    iteration(
      join(root, 'treatment', 'run-1'),
      [
        dump(5, 'alice', { put: [1, 100] }),
        dump(5, 'bob', { put: [1, 150] }),
        dump(10, 'alice', { put: [1, 100] }),
      ],
      undefined,
    );
    const collector = new OverTimeCollector();
    await loadSide(join(root, 'baseline'), { overTime: { collector, side: 'baseline' } });
    await loadSide(join(root, 'treatment'), { overTime: { collector, side: 'treatment' } });
    data = collector.result();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('charts timers before counts, each per second', () => {
    assert.deepEqual(data?.counters, [
      { name: 'put', unit: 'ms/s' },
      { name: 'bytes', unit: '/s' },
    ]);
  });

  it("puts each side's windows against seconds since its own start, processes summed per slot", () => {
    const [b, t] = data!.iterations;
    assert.equal(b.side, 'baseline');
    assert.deepEqual(b.windowT, [5, 10, 15]);
    assert.deepEqual(b.counters[0], [100, 200, 50]);
    assert.deepEqual(b.counters[1], [1000, 1000, 1000]);
    assert.equal(t.side, 'treatment');
    assert.deepEqual(t.windowT, [5, 10]);
    assert.deepEqual(t.counters[0], [50, 20]);
    // bytes never appeared in the treatment: no values rather than zeros.
    assert.deepEqual(t.counters[1], [null, null]);
  });

  it('keeps machine.tsv beside it with the flagged windows', () => {
    const [b, t] = data!.iterations;
    assert.deepEqual(b.machineT, [5, 10, 15]);
    assert.deepEqual(b.otherCores, [0.2, 1.5, 0.1]);
    assert.deepEqual(b.flagged, [false, true, false]);
    assert.equal(b.cores, 2);
    assert.deepEqual(t.machineT, []);
    assert.equal(data!.noiseThreshold, 0.5);
  });
});

/**
 * `perflens/compare` with `excludeNoisy`: an iteration that ran while other processes loaded the
 * machine is left out of the differential flame and the over-time data as it is left out of the
 * statistics, and the answer names it. Two hand-made sides on disk (run.json, one V8 cpuprofile
 * and machine.tsv per iteration); every expected number worked out by hand beside it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareView } from '../../../server/views/compareView';
import type { CompareData } from '../../../protocol/compareView';
import { cpuprofileJson, type StackSpec } from '../../helpers/cpuprofile';

const CWD = '/work/app';
const main = ['main', `${CWD}/src/main.js`, 1] as const;
const work = ['work', `${CWD}/src/work.js`, 1] as const;
const noise = ['noise', `${CWD}/src/noise.js`, 1] as const;

/** One 10 s iteration; `otherCores` is what other processes used of 2 cores at 5 and 10 s. */
function iteration(dir: string, k: number, stacks: StackSpec[], otherCores: [number, number]) {
  mkdirSync(join(dir, 'profiles'), { recursive: true });
  const start = Date.UTC(2026, 11, 6, 12, 0, 0) + k * 600_000;
  writeFileSync(
    join(dir, 'run.json'),
    JSON.stringify({
      startTime: new Date(start).toISOString(),
      endTime: new Date(start + 10_000).toISOString(),
      cwd: CWD,
      status: 'completed',
    }),
  );
  writeFileSync(join(dir, 'profiles', 'CPU.1.100.cpuprofile'), cpuprofileJson(stacks));
  writeFileSync(
    join(dir, 'machine.tsv'),
    'time\tcores\tmachine_busy_cores\trun_cores\tother_cores\n' +
      otherCores.map((o, i) => `${start + (i + 1) * 5000}\t2\t${o + 0.5}\t0.5\t${o}`).join('\n') +
      '\n',
  );
}

describe('perflens/compare leaves noisy iterations out of the flame and over time', () => {
  let root: string;
  let kept: CompareData | undefined;
  let excluded: CompareData | undefined;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'perflens-noisy-'));
    // Baseline run-1: main→work 100 samples (1,000 ms); others on 0.2 and 0.3 of 2 cores.
    iteration(join(root, 'b', 'run-1'), 0, [{ frames: [main, work], samples: 100 }], [0.2, 0.3]);
    // Baseline run-2: the same work plus main→noise 100 samples; others on 1.5 of 2 cores at
    // 10 s (over half the machine: flagged, so the iteration is noisy).
    iteration(
      join(root, 'b', 'run-2'),
      1,
      [
        { frames: [main, work], samples: 100 },
        { frames: [main, noise], samples: 100 },
      ],
      [0.2, 1.5],
    );
    // Treatment run-1 and run-2: main→work 50 samples (500 ms) each, quiet machine.
    for (const k of [0, 1])
      iteration(
        join(root, 't', `run-${k + 1}`),
        k + 2,
        [{ frames: [main, work], samples: 50 }],
        [0.1, 0.1],
      );
    const ask = async (excludeNoisy: boolean) =>
      (await compareView({ baseline: join(root, 'b'), treatment: join(root, 't'), excludeNoisy }))
        .result.data;
    [kept, excluded] = await Promise.all([ask(false), ask(true)]);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const near = (a: number | undefined, e: number, what: string): void =>
    assert.ok(a !== undefined && Math.abs(a - e) < 1e-9, `${what}: ${a} ≠ ${e}`);

  it('without it: both baseline iterations in the flame and the charts, nothing said left out', () => {
    assert.ok(kept?.flame && kept.overTime);
    assert.equal(kept.excluded, undefined);
    assert.deepEqual(kept.flame.iterations, [2, 2]);
    // Baseline over 20 s: main 1,000 + 2,000 ms → 150 ms/s, work 2,000 → 100, noise 1,000 → 50 (gone in
    // the treatment, which has work 1,000 ms over 20 s → 50).
    assert.deepEqual(kept.flame.names, ['main', 'work', 'noise']);
    near(kept.flame.baseline[0], 150, 'main, baseline');
    near(kept.flame.baseline[2], 50, 'noise, baseline');
    assert.deepEqual(
      kept.overTime.iterations.map((i) => `${i.side}/${i.label}`),
      ['baseline/run-1', 'baseline/run-2', 'treatment/run-1', 'treatment/run-2'],
    );
  });

  it('with it: the noisy iteration is out of the flame and the charts, and named', () => {
    assert.ok(excluded?.flame && excluded.overTime);
    assert.deepEqual(excluded.excluded, { baseline: ['run-2'], treatment: [] });
    assert.deepEqual(excluded.iterations, { baseline: 1, treatment: 2 });
    assert.deepEqual(excluded.flame.iterations, [1, 2]);
    // Baseline run-1 alone, 10 s: main = work = 1,000 ms → 100 ms/s; no noise frame at all.
    assert.deepEqual(excluded.flame.names, ['main', 'work']);
    near(excluded.flame.baseline[0], 100, 'main, baseline');
    near(excluded.flame.baseline[1], 100, 'work, baseline');
    near(excluded.flame.treatment[1], 50, 'work, treatment');
    assert.deepEqual(
      excluded.overTime.iterations.map((i) => `${i.side}/${i.label}`),
      ['baseline/run-1', 'treatment/run-1', 'treatment/run-2'],
    );
  });
});

/**
 * machine.tsv: /proc/stat parsed and turned into busy cores (hand-made text, hand-computed), and
 * real A/B iterations beside a busy loop this test starts: a run shorter than one sampling period
 * still gets a row (the last, partial window), and so does the tail of a run sampled every 200 ms.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { busyCores, parseProcStat, MACHINE_FILE } from '../../../runner/ab/machineCpu';
import { runAb } from '../../../runner/ab/runAb';
import { readStat } from '../../../runner/procfs';
import { readTsv, tmpRunDir } from './helpers';

describe('runner: /proc/stat → busy cores', () => {
  it('reads the aggregate cpu line; busy is all but idle and iowait; guest is not added twice', () => {
    // user nice system idle iowait irq softirq steal guest guest_nice
    const a = parseProcStat('cpu  100 0 50 800 50 0 0 0 30 0\ncpu0 50 0 25 400 25 0 0 0 15 0\n');
    // total = 100+0+50+800+50+0+0+0 = 1000 (guest 30 is inside user); idle = 800+50 = 850.
    assert.deepEqual(a, { busy: 150, total: 1000 });
    const b = parseProcStat('cpu  400 0 150 1100 100 0 0 0 60 0\nintr 1 2 3\n');
    // total = 400+150+1100+100 = 1750; idle = 1200; busy = 550.
    assert.deepEqual(b, { busy: 550, total: 1750 });
    // Between them: 400 busy ticks of 750 on 2 cores = 400 / 750 × 2 = 1.0667 cores.
    assert.ok(Math.abs(busyCores(a, b, 2) - 1.0667) < 1e-4);
    // No ticks passed: no load rather than a division by zero.
    assert.equal(busyCores(a, a, 2), 0);
  });

  it('text without an aggregate cpu line, or with non-numbers in it, reads as no reading', () => {
    assert.equal(parseProcStat('cpu0 1 2 3 4\n'), undefined);
    assert.equal(parseProcStat('cpu  1 2 x 4\n'), undefined);
    assert.equal(parseProcStat('cpu  1 2\n'), undefined);
  });
});

describe('runner: machine.tsv of real A/B iterations beside a busy loop', () => {
  let busy: ChildProcess;
  const root = tmpRunDir('machine-cpu');

  before(async () => {
    busy = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    // Wait until it is really spinning: its CPU ticks rise (a condition, not a sleep).
    for (;;) {
      const s = busy.pid ? readStat(busy.pid) : undefined;
      if (s && s.cpuTicks > 5) break;
      await new Promise((r) => setTimeout(r, 20));
    }
  });

  after(() => {
    busy.kill('SIGKILL');
    fs.rmSync(root, { recursive: true, force: true });
  });

  const sleeper = (ms: number): string =>
    `${JSON.stringify(process.execPath)} -e "setTimeout(() => {}, ${ms})"`;

  it('a run shorter than the 5 s sampling period still has one row: the whole run', async () => {
    const r = await runAb({
      baseline: { command: sleeper(1000) },
      treatment: { command: sleeper(1000) },
      iterations: 1,
      outDir: path.join(root, 'short'),
      cwd: root,
      profiler: 'none',
    });
    for (const dir of [r.baselineDir, r.treatmentDir]) {
      const rows = readTsv(path.join(dir, 'run-1', MACHINE_FILE));
      // No sample was taken in ~1 s at a 5 s period, so the one row is the final window.
      assert.equal(rows.length, 1, `${dir}: ${JSON.stringify(rows)}`);
      // The busy loop keeps a core busy that is not the run's (a sleeping node); more load from
      // elsewhere only raises it. The run's own CPU is node's start-up over ~1 s.
      assert.ok(Number(rows[0].other_cores) > 0.5, JSON.stringify(rows[0]));
      assert.ok(Number(rows[0].run_cores) < Number(rows[0].machine_busy_cores) + 1e-9);
    }
  });

  it('a run sampled every 200 ms gets a last row for the window after its last sample', async () => {
    const r = await runAb({
      baseline: { command: sleeper(1200) },
      treatment: { command: sleeper(1200) },
      iterations: 1,
      outDir: path.join(root, 'sampled'),
      cwd: root,
      profiler: 'none',
      sampleIntervalMs: 200,
    });
    for (const dir of [r.baselineDir, r.treatmentDir]) {
      const run = path.join(dir, 'run-1');
      const rows = readTsv(path.join(run, MACHINE_FILE));
      const passes = new Set(readTsv(path.join(run, 'samples.tsv')).map((s) => s.time)).size;
      // One row per sampling pass, and one more for the tail of the run.
      assert.equal(rows.length, passes + 1, `${run}: ${rows.length} rows, ${passes} passes`);
      const manifest = JSON.parse(fs.readFileSync(path.join(run, 'run.json'), 'utf8')) as {
        endTime: string;
      };
      assert.ok(Number(rows.at(-1)!.time) >= Date.parse(manifest.endTime));
      // Every full 200 ms window saw the busy loop as another process's load.
      for (const row of rows.slice(0, -1))
        assert.ok(Number(row.other_cores) > 0.5, JSON.stringify(row));
    }
  });
});

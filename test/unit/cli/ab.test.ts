/**
 * `perflens ab` on a tiny program: both sides really run (as `--profiler none` runs through the
 * runner), alternately, into ab-<time>/baseline/run-i and …/treatment/run-i with machine.tsv
 * beside each; the comparison follows with compare's exit code. Also: a side in a git worktree of
 * a ref after --setup, and stopping, which keeps the finished iterations.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../cli/main';
import type { CliIo } from '../../../cli/io';
import { runAb } from '../../../runner/ab/runAb';
import { iterationOrder } from '../../../runner/ab/order';
import { MACHINE_COLUMNS, MACHINE_FILE } from '../../../runner/ab/machineCpu';
import { MACHINE_FILE as ENGINE_MACHINE_FILE, machineLoad } from '../../../engine/compare';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'perflens-ab-test-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

async function cli(
  args: string[],
  cwd: string,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), handleSignals: false };
  const prev = process.cwd();
  process.chdir(cwd);
  try {
    return { code: await runCli(args, io), out, err };
  } finally {
    process.chdir(prev);
  }
}

const sleep = (ms: number): string =>
  `${JSON.stringify(process.execPath)} -e "setTimeout(() => {}, ${ms})"`;

describe('perflens ab', () => {
  it('runs ABAB… into baseline/run-i and treatment/run-i and finds the slower side worse (exit 1)', async () => {
    const cwd = path.join(root, 'tiny');
    fs.mkdirSync(cwd, { recursive: true });
    // 4 a side: the smallest exact p is 2/C(8,4) = 2/70 ≈ 0.029 ≤ 0.05, which needs every
    // treatment slower than every baseline. Node's start-up is in each wall-clock and varies by
    // far more than its median under load: with two busy loops beside this machine's other work,
    // 50 ms sleeps took 337–777 ms and 600 ms sleeps 890–1,157 ms (113 ms apart at the closest).
    // A 50 ms against a 2,000 ms sleep keeps the sides ~1.5 s apart.
    const r = await cli(
      [
        'ab',
        '--baseline',
        sleep(50),
        '--treatment',
        sleep(2000),
        '--iterations',
        '4',
        '--profiler',
        'none',
        '--out',
        'out',
        '--sample-interval',
        '100',
        '--json',
      ],
      cwd,
    );
    assert.equal(r.code, 1, r.err);
    const j = JSON.parse(r.out) as {
      verdict: string;
      metrics: Array<{
        name: string;
        baseline: { n: number };
        treatment: { n: number };
        p: number;
      }>;
    };
    assert.equal(j.verdict, 'worse');
    const w = j.metrics.find((m) => m.name === 'wall-clock')!;
    assert.deepEqual([w.baseline.n, w.treatment.n], [4, 4]);
    assert.ok(Math.abs(w.p - 2 / 70) < 1e-12);
    const [abName] = fs.readdirSync(path.join(cwd, 'out'));
    assert.match(abName, /^ab-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d$/);
    const abDir = path.join(cwd, 'out', abName);
    // ABAB…: the start times of b1 < t1 < b2 < t2 < … as the schedule in ab.json says.
    const manifest = JSON.parse(fs.readFileSync(path.join(abDir, 'ab.json'), 'utf8')) as {
      status: string;
      schedule: string[];
    };
    assert.equal(manifest.status, 'completed');
    const expected = [1, 2, 3, 4].flatMap((i) => [`baseline/run-${i}`, `treatment/run-${i}`]);
    assert.deepEqual(manifest.schedule, expected);
    const starts = expected.map((p) =>
      Date.parse(
        (
          JSON.parse(fs.readFileSync(path.join(abDir, p, 'run.json'), 'utf8')) as {
            startTime: string;
          }
        ).startTime,
      ),
    );
    assert.deepEqual(
      [...starts].sort((a, b) => a - b),
      starts,
    );
    for (const p of expected) {
      const m = fs.readFileSync(path.join(abDir, p, 'machine.tsv'), 'utf8');
      assert.equal(m.split('\n')[0], 'time\tcores\tmachine_busy_cores\trun_cores\tother_cores');
    }
  });

  it('the order: alternate is ABAB; random is one of each side per pair, the same for the same seed', () => {
    assert.deepEqual(
      iterationOrder(2, 'alternate').map((s) => s.side[0]),
      ['b', 't', 'b', 't'],
    );
    const a = iterationOrder(20, 'random', 7);
    assert.deepEqual(iterationOrder(20, 'random', 7), a);
    for (let i = 0; i < 20; i++)
      assert.deepEqual(new Set([a[2 * i].side, a[2 * i + 1].side]).size, 2);
    // Not always baseline first (the chance of 20 heads from a fair coin is 2^-20).
    assert.ok(a.some((s, k) => k % 2 === 0 && s.side === 'treatment'));
    assert.notDeepEqual(iterationOrder(20, 'random', 8), a);
  });

  it('--baseline-ref / --treatment-ref run each side in a worktree of its ref after --setup', async () => {
    const repo = path.join(root, 'repo');
    fs.mkdirSync(repo, { recursive: true });
    const git = (...a: string[]): string =>
      execFileSync('git', ['-C', repo, ...a], { encoding: 'utf8' });
    git('init', '-q');
    git('config', 'user.email', 'a@b.invalid');
    git('config', 'user.name', 'ab test');
    fs.writeFileSync(path.join(repo, 'v.txt'), 'version one\n');
    git('add', 'v.txt');
    git('commit', '-qm', 'one');
    git('tag', 'base');
    fs.writeFileSync(path.join(repo, 'v.txt'), 'version two\n');
    git('commit', '-qam', 'two');
    const r = await cli(
      [
        'ab',
        '--baseline',
        'cat v.txt setup.txt',
        '--treatment',
        'cat v.txt setup.txt',
        '--baseline-ref',
        'base',
        '--treatment-ref',
        'HEAD',
        '--setup',
        'echo set up here > setup.txt',
        '--iterations',
        '1',
        '--profiler',
        'none',
        '--out',
        path.join(root, 'ref-out'),
      ],
      repo,
    );
    // One iteration a side can never reach p ≤ 0.05: inconclusive, exit 3.
    assert.equal(r.code, 3, r.err);
    const [abName] = fs.readdirSync(path.join(root, 'ref-out'));
    const log = (side: string): string =>
      fs.readFileSync(path.join(root, 'ref-out', abName, side, 'run-1', 'script.log'), 'utf8');
    assert.match(log('baseline'), /version one\nset up here/);
    assert.match(log('treatment'), /version two\nset up here/);
    // The worktrees are gone again: only the repository itself is listed.
    assert.equal(git('worktree', 'list').trim().split('\n').length, 1);
  });

  it('stopping keeps every finished iteration and sets the one cut short aside', async () => {
    const ac = new AbortController();
    const result = await runAb({
      baseline: { command: sleep(10) },
      treatment: { command: sleep(60_000) },
      iterations: 3,
      outDir: path.join(root, 'stop-out'),
      cwd: root,
      profiler: 'none',
      graceMs: 2000,
      signal: ac.signal,
      onProgress: (e) => {
        if (e.kind === 'start' && e.side === 'treatment') ac.abort();
      },
    });
    assert.equal(result.stopped, true);
    assert.deepEqual(result.finished, { baseline: 1, treatment: 0 });
    assert.ok(fs.existsSync(path.join(result.baselineDir, 'run-1', 'run.json')));
    assert.ok(fs.existsSync(path.join(result.treatmentDir, '.stopped-run-1', 'run.json')));
    assert.ok(!fs.existsSync(path.join(result.baselineDir, 'run-2')));
    const m = JSON.parse(fs.readFileSync(path.join(result.abDir, 'ab.json'), 'utf8')) as {
      status: string;
    };
    assert.equal(m.status, 'stopped');
  });
});

describe('perflens ab: two A/Bs in the same second, and a side the runner refuses', () => {
  it('gives the second its own ab-<time>-2 folder', async () => {
    const out = path.join(root, 'same-second');
    const opts = {
      baseline: { command: 'true' },
      treatment: { command: 'true' },
      iterations: 1,
      outDir: out,
      cwd: root,
      profiler: 'none' as const,
    };
    const [a, b] = await Promise.all([runAb(opts), runAb(opts)]);
    assert.notEqual(a.abDir, b.abDir);
    for (const r of [a, b]) assert.deepEqual(r.finished, { baseline: 1, treatment: 1 });
  });

  it('a command 0x cannot profile ends the A/B with a message, not a crash', async () => {
    const r = await runAb({
      baseline: { command: 'true' },
      treatment: { command: 'true' },
      iterations: 1,
      outDir: path.join(root, 'refused'),
      cwd: root,
      profiler: '0x',
    });
    assert.match(r.error ?? '', /^baseline run-1: /);
    assert.deepEqual(r.finished, { baseline: 0, treatment: 0 });
  });
});

describe('runner/ab captures; the analysis is the caller’s', () => {
  const dumper = `${JSON.stringify(process.execPath)} ${JSON.stringify(
    path.join(__dirname, '..', 'runner', 'targets', 'dump-then-exit.cjs'),
  )} 0`;

  it('with no analysis hooks, an iteration holds its log but no parsed counters', async () => {
    const r = await runAb({
      baseline: { command: dumper },
      treatment: { command: dumper },
      iterations: 1,
      outDir: path.join(root, 'capture-only'),
      cwd: root,
      profiler: 'none',
    });
    for (const dir of [r.baselineDir, r.treatmentDir]) {
      const run = path.join(dir, 'run-1');
      assert.match(fs.readFileSync(path.join(run, 'script.log'), 'utf8'), /orbitdb\.putEntry/);
      for (const parsed of ['counters.jsonl', 'totals.tsv', 'summary-metrics.json'])
        assert.ok(!fs.existsSync(path.join(run, parsed)), `${parsed} was written`);
    }
  });

  it('perflens ab passes the engine’s hooks: counters.jsonl and totals.tsv in each iteration', async () => {
    const out = path.join(root, 'cli-analysis');
    const r = await cli(
      [
        'ab',
        '--baseline',
        dumper,
        '--treatment',
        dumper,
        '--iterations',
        '1',
        '--profiler',
        'none',
        '--out',
        out,
      ],
      root,
    );
    assert.equal(r.code, 3, r.err); // one iteration a side: inconclusive
    const [abName] = fs.readdirSync(out);
    for (const side of ['baseline', 'treatment']) {
      const run = path.join(out, abName, side, 'run-1');
      const dumps = fs
        .readFileSync(path.join(run, 'counters.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { counters: Record<string, unknown> });
      // The target prints exactly one dump with one counter.
      assert.equal(dumps.length, 1);
      assert.deepEqual(Object.keys(dumps[0].counters), ['orbitdb.putEntry']);
      assert.match(fs.readFileSync(path.join(run, 'totals.tsv'), 'utf8'), /orbitdb\.putEntry/);
    }
  });

  it('machine.tsv as the runner writes it is what the engine reads (same name, its columns)', () => {
    assert.equal(MACHINE_FILE, ENGINE_MACHINE_FILE);
    // Two rows on 2 cores: others used 0.4 and 1.5 cores; 1.5 > 0.5 × 2 flags the second.
    const text = `${MACHINE_COLUMNS.join('\t')}\n1\t2\t1.4\t1.0\t0.4\n2\t2\t2.0\t0.5\t1.5\n`;
    assert.deepEqual(machineLoad(text, MACHINE_FILE).load, {
      windows: 2,
      flaggedWindows: 1,
      maxOtherCores: 1.5,
      cores: 2,
    });
  });

  it('afterIteration is awaited for each ended iteration, before the next starts or it is set aside', async () => {
    const ac = new AbortController();
    const events: string[] = [];
    const r = await runAb({
      baseline: { command: sleep(10) },
      treatment: { command: sleep(60_000) },
      iterations: 2,
      outDir: path.join(root, 'after-iteration'),
      cwd: root,
      profiler: 'none',
      graceMs: 2000,
      signal: ac.signal,
      onProgress: (e) => {
        if (e.kind !== 'start') return;
        events.push(`start ${e.side}/run-${e.index}`);
        if (e.side === 'treatment') ac.abort();
      },
      afterIteration: async ({ side, index, runDir, result }) => {
        const manifest = JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')) as {
          status: string;
        };
        // Slow work (as the language server's finishing is): an A/B that did not wait for it
        // would start the next iteration, or set this one aside, in the meantime.
        await new Promise((resolve) => setTimeout(resolve, 200));
        const stillThere = fs.existsSync(path.join(runDir, 'run.json'));
        events.push(`after ${side}/run-${index} ${manifest.status}/${result.status} ${stillThere}`);
      },
    });
    assert.deepEqual(events, [
      'start baseline/run-1',
      'after baseline/run-1 completed/completed true',
      'start treatment/run-1',
      'after treatment/run-1 stopped/stopped true',
    ]);
    assert.ok(fs.existsSync(path.join(r.treatmentDir, '.stopped-run-1', 'run.json')));
  });
});

/**
 * 0x mode with the real 0x package: a short run of the sample daemon leaves 0x's folder
 * (V8 log, its JSON, meta.json; no flame graph: only 0x's collection step is bundled) under `0x/`;
 * a non-node command is refused before anything is executed.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { RunSetupError, readManifest, startRun } from '../../../runner';
import { runExitCode, runSummary } from '../../../cli/commands/run';
import { readAllStats, readArgv } from '../../../runner/procfs';
import { DAEMON, REPO, buildSampleDaemon, groupMembers, tmpRunDir, waitForEvent } from './helpers';

const TARGETS = path.join(__dirname, 'targets');

describe('runner: 0x', () => {
  before(buildSampleDaemon);

  it('profiles a node command and keeps 0x output under 0x/', async () => {
    const runDir = tmpRunDir('0x');
    const h = startRun({
      command: ['node', DAEMON, '--ops-per-sec', '0'],
      cwd: REPO,
      runDir,
      profiler: '0x',
      env: { SPHERE_PERF_DUMP_MS: '500' },
      durationS: 60,
    });
    // Stopped once the daemon is up (a fixed duration can end it before it printed anything on
    // a loaded machine): one SIGINT, which 0x's preload in the target answers with exit 0.
    await waitForEvent(h, 'line', (l) => /alice: listening on/.test(l), 60_000);
    const r = await h.stop();
    assert.equal(r.status, 'stopped', r.warnings.join('; '));
    assert.equal(r.exitCode, 0);
    const files = fs.readdirSync(path.join(runDir, '0x'));
    assert.ok(
      files.some((f) => /^isolate-.*-v8\.log$/.test(f)),
      files.join(', '),
    );
    // The collection step only: 0x's flame graph (browserify at run time) is not built.
    assert.ok(files.includes('meta.json') && !files.includes('flamegraph.html'), files.join(', '));
    const ticks = JSON.parse(
      fs.readFileSync(
        path.join(
          runDir,
          '0x',
          files.find((f) => f.endsWith('-v8.log.json'))!,
        ),
        'utf8',
      ),
    );
    assert.ok(ticks.ticks.length > 0 && ticks.code.length > 0);
    assert.match(fs.readFileSync(path.join(runDir, 'script.log'), 'utf8'), /alice: listening on/);
    const m = readManifest(runDir)!;
    assert.equal(m.profiler, '0x');
    assert.deepEqual(groupMembers(h.pid), []);
    // One profiled process: the child 0x ran with --prof. 0x and its log post-processing are
    // the profiler's own processes, and 0x's folder holds one V8 log.
    const profiled = r.processes.filter((p) => p.role !== 'profiler');
    assert.deepEqual(
      profiled.map((p) => p.argv?.includes('--prof')),
      [true],
    );
    assert.equal(r.profiles.length, 1);
    assert.match(runSummary(r, '0x'), /1 process\(es\) \(\+\d+ of 0x\), 1 profile\(s\)/);
    // The run's wall clock ends when the profiled process exited (0x's record of its child),
    // not when 0x had finished its flame graph.
    assert.equal(m.target?.pid, profiled[0].pid);
    assert.equal(m.endTime, m.target.endTime);
    assert.equal(r.durationMs, Date.parse(m.target.endTime!) - Date.parse(m.startTime));
  });

  it("records the profiled process's own failure: an uncaught exception is exit code 1", async () => {
    const runDir = tmpRunDir('0x-throws');
    const r = await startRun({
      command: ['node', path.join(TARGETS, 'throws.cjs')],
      cwd: REPO,
      runDir,
      profiler: '0x',
      durationS: 30,
    }).result;
    assert.equal(r.status, 'failed', r.warnings.join('; '));
    assert.equal(r.exitCode, 1);
    assert.equal(r.signal, null);
    assert.equal(runExitCode(r), 1);
    assert.match(fs.readFileSync(path.join(runDir, 'script.log'), 'utf8'), /boom from the target/);
  });

  it('records a profiled process killed with kill -9 as failed by SIGKILL, and what was lost', async () => {
    const runDir = tmpRunDir('0x-kill9');
    const h = startRun({
      command: ['node', path.join(TARGETS, 'ready-idle.cjs')],
      cwd: REPO,
      runDir,
      profiler: '0x',
      durationS: 30,
      scanIntervalMs: 100,
    });
    await waitForEvent(h, 'line', (l) => l === 'ready');
    // The profiled process, found by hand in /proc: the child of 0x whose argv has --prof.
    const pid = [...readAllStats().values()].find(
      (st) => st.ppid === h.pid && readArgv(st.pid).includes('--prof'),
    )!.pid;
    process.kill(pid, 'SIGKILL');
    const r = await h.result;
    assert.equal(r.status, 'failed', r.warnings.join('; '));
    assert.equal(r.signal, 'SIGKILL');
    assert.equal(r.exitCode, null);
    assert.equal(runExitCode(r), 128 + 9); // SIGKILL is signal 9
    assert.equal(r.endReason, 'target exited');
    assert.deepEqual(
      r.lost?.map((l) => l.pid),
      [pid],
    );
  });

  it('refuses a command that does not start with node, before executing it', () => {
    const runDir = tmpRunDir('0x-refused');
    assert.throws(
      () => startRun({ command: ['npm', 'run', 'soak'], cwd: REPO, runDir, profiler: '0x' }),
      (err: unknown) =>
        err instanceof RunSetupError &&
        /only profile a command that starts with 'node'/.test(err.message),
    );
    assert.equal(fs.existsSync(path.join(runDir, 'script.log')), false);
  });
});

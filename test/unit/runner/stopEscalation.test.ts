/**
 * Ending trees that do not cooperate: a process that ignores SIGINT/SIGTERM is killed after
 * the grace period; a background process that outlives the target is ended; a dead runner's
 * run reads as interrupted. Uses /bin/sh and sleep — real processes, no mocks.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { effectiveStatus, readManifest, startRun } from '../../../runner';
import { groupMembers, tmpRunDir, waitForEvent } from './helpers';

describe('runner: stop and escalation', () => {
  it('SIGKILLs a tree that ignores the stop signal after the grace period', async () => {
    const runDir = tmpRunDir('ignore');
    const h = startRun({
      command: ['/bin/sh', '-c', 'trap "" INT TERM; echo ready; while true; do sleep 0.1; done'],
      cwd: runDir,
      runDir,
      profiler: 'none',
      graceMs: 800,
    });
    await waitForEvent(h, 'line', (l) => l === 'ready');
    const t0 = Date.now();
    const r = await h.stop();
    assert.ok(Date.now() - t0 >= 700, 'waited for the grace period');
    assert.equal(r.status, 'stopped');
    assert.equal(r.signal, 'SIGKILL');
    assert.ok(
      r.warnings.some((w) => /SIGKILL/.test(w)),
      r.warnings.join('; '),
    );
    assert.deepEqual(r.leftovers, []);
    assert.deepEqual(groupMembers(h.pid), []);
  });

  it('ends processes that outlive the target', async () => {
    const runDir = tmpRunDir('orphan');
    const h = startRun({
      command: ['/bin/sh', '-c', 'sleep 30 & echo started $!'],
      cwd: runDir,
      runDir,
      profiler: 'none',
      graceMs: 1000,
    });
    const [line] = await waitForEvent(h, 'line', (l) => l.startsWith('started '));
    const orphan = Number(line.split(' ')[1]);
    const r = await h.result;
    assert.equal(r.status, 'completed');
    assert.ok(
      r.warnings.some((w) => w.includes(`outlived the target (${orphan})`)),
      r.warnings.join('; '),
    );
    assert.deepEqual(groupMembers(h.pid), []);
    assert.equal(
      fs.existsSync(`/proc/${orphan}`) &&
        !/\) Z /.test(fs.readFileSync(`/proc/${orphan}/stat`, 'utf8')),
      false,
    );
  });

  it('a manifest left "running" by a runner that died reads as interrupted', () => {
    const runDir = tmpRunDir('interrupted');
    // A runner in its own process, killed mid-run: run.json stays as written at start.
    const script = `const { startRun } = require(${JSON.stringify(path.resolve(__dirname, '../../../runner'))});
      startRun({ command: ['/bin/sh', '-c', 'echo up; sleep 30'], cwd: ${JSON.stringify(runDir)}, runDir: ${JSON.stringify(runDir)}, profiler: 'none' })
        .on('line', () => process.kill(process.pid, 'SIGKILL'));`;
    // The timeout only bounds a runner that never starts: tsx compiles the runner first (~2.6 s
    // on a loaded machine), and a runner cut off before its first line leaves no run.json.
    spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      stdio: 'pipe',
      timeout: 60_000,
    });
    const m = readManifest(runDir)!;
    assert.equal(m.status, 'running');
    assert.equal(effectiveStatus(m), 'interrupted');
    assert.match(fs.readFileSync(path.join(runDir, 'script.log'), 'utf8'), /^up$/m);
    // The runner was SIGKILLed, so its exit hook could not end the tree; clean up what it left.
    try {
      process.kill(-m.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  });
});

describe('runner: a command that cannot start', () => {
  it('is a failed run with the reason in script.log, and signals nothing', async () => {
    const runDir = tmpRunDir('enoent');
    const h = startRun({
      command: ['/nonexistent/perflens-no-such-binary'],
      cwd: runDir,
      runDir,
      profiler: 'none',
    });
    assert.equal(h.pid, 0);
    const r = await h.stop(); // must not signal our own process group (kill(-0))
    assert.equal(r.status, 'stopped');
    const r2 = await startRun({
      command: ['/nonexistent/perflens-no-such-binary'],
      cwd: runDir,
      runDir: tmpRunDir('enoent2'),
      profiler: 'none',
    }).result;
    assert.equal(r2.status, 'failed');
    assert.equal(r2.exitCode, null);
    assert.match(
      fs.readFileSync(path.join(r2.runDir, 'script.log'), 'utf8'),
      /could not start '\/nonexistent\/perflens-no-such-binary': spawn \/nonexistent\/perflens-no-such-binary ENOENT/,
    );
  });
});

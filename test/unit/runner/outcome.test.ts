/**
 * Runs that never lie about how they ended, with real processes (node targets in ./targets,
 * /bin/sh, the CLI in its own process): one stop signal per process (the double-Ctrl-C target),
 * a target that ignores the stop signal recorded as stopped, children that left the process
 * group ended at stop, no orphans when the runner is SIGKILLed, one run per folder.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../cli/main';
import type { CliIo } from '../../../cli/io';
import { runExitCode } from '../../../cli/commands/run';
import { effectiveStatus, readManifest, RunSetupError, startRun } from '../../../runner';
import { readStat } from '../../../runner/procfs';
import { groupMembers, readCpuProfiles, REPO, tmpRunDir, waitForEvent } from './helpers';

const TARGETS = path.join(__dirname, 'targets');
const target = (name: string): string[] => [process.execPath, path.join(TARGETS, name)];

const alive = (pid: number): boolean => {
  const s = readStat(pid);
  return s !== undefined && s.state !== 'Z' && s.state !== 'X';
};

/** Polls a condition (no fixed sleeps); rejects with `what` after `timeoutMs`. */
async function until(what: string, cond: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const runCommand = (argv: string[], io: CliIo): Promise<number> => runCli(['run', ...argv], io);

function quietIo(): CliIo & { stderr: string[] } {
  const stderr: string[] = [];
  return { stderr, out: () => undefined, err: (t) => stderr.push(t), handleSignals: false };
}

describe('run outcome: one stop signal', () => {
  it('a target whose second Ctrl-C means force-quit gets one SIGINT and finishes its cleanup', async () => {
    const runDir = tmpRunDir('double-ctrl-c');
    const h = startRun({
      command: target('double-ctrl-c.cjs'),
      cwd: REPO,
      runDir,
      profiler: 'none',
      graceMs: 5000,
    });
    await waitForEvent(h, 'line', (l) => l === 'ready');
    const r = await h.stop();
    const log = fs.readFileSync(path.join(runDir, 'script.log'), 'utf8');
    assert.match(log, /^cleanup done$/m);
    assert.doesNotMatch(log, /forced quit/);
    assert.equal(r.status, 'stopped');
    assert.equal(r.exitCode, 0); // the target's own exit after its cleanup, not 99
    const m = readManifest(runDir)!;
    assert.equal(m.stop?.reason, 'stop requested');
    const signals = m.stop.steps.filter((s) => s.action === 'signal');
    assert.deepEqual(
      signals.map((s) => [s.signal, s.group]),
      [['SIGINT', h.pid]],
    );
    assert.equal(m.stop.steps.at(-1)?.action, 'exited');
  });

  it('a duration limit that the target answers cleanly is a completed run (cpu-prof)', async () => {
    const runDir = tmpRunDir('double-ctrl-c-duration');
    const io = quietIo();
    // 3 s: the target's SIGINT handler must be in place when the limit comes, or the preload's
    // default ends it (exit 130, not its own 0). It starts in ~0.1 s; 3 s leave room for a
    // stalled machine at a cost of 2 s.
    const code = await runCommand(
      ['--cpu-prof', '--out', runDir, '--duration', '3', '--', ...target('double-ctrl-c.cjs')],
      io,
    );
    assert.equal(code, 0, io.stderr.join(''));
    const m = readManifest(runDir)!;
    assert.equal(m.status, 'completed');
    assert.equal(m.exitCode, 0);
    assert.equal(m.endReason, 'duration limit (3 s)');
    assert.equal(readCpuProfiles(runDir).length, 1);
  });

  it('a cpu-prof target that ignores SIGINT/SIGTERM, ended by --duration, is "stopped", not completed', async () => {
    const runDir = tmpRunDir('ignores');
    // grace 4000 ms: the preload forces the exit after 0.6 × 4000 = 2400 ms, and the profile is
    // written and the target gone long before the SIGKILL at 4000 ms. (With 2000 ms the forced
    // exit at 1200 ms ended 13–274 ms later on a loaded machine: 800 ms was too thin a margin.)
    const h = startRun({
      command: target('ignores-signals.cjs'),
      cwd: REPO,
      runDir,
      profiler: 'cpu-prof',
      durationS: 3,
      graceMs: 4000,
    });
    let readyAt = Infinity;
    h.on('line', (l) => {
      if (l === 'ready') readyAt = Date.now();
    });
    const r = await h.result;
    const m = readManifest(runDir)!;
    // Precondition: the target's handlers were in place when the stop signal came (else it
    // exited 130 like any program without a handler, which is a clean stop).
    assert.ok(readyAt <= Date.parse(m.stop!.steps[0].time), 'the target was ready before the stop');
    assert.equal(r.status, 'stopped');
    assert.equal(m.status, 'stopped');
    assert.equal(m.exitCode, 130); // the preload's forced process.exit(128 + SIGINT 2)
    assert.equal(runExitCode(r), 130);
    assert.match(fs.readFileSync(path.join(runDir, 'script.log'), 'utf8'), /^ignoring SIGINT$/m);
    assert.ok(
      m.warnings.some((w) => /preload forced their exit/.test(w)),
      m.warnings.join('; '),
    );
    assert.equal(readCpuProfiles(runDir).length, 1, 'the forced exit still wrote the profile');
  });

  it('a target killed after the grace period is stopped, and its lost profile is named', async () => {
    const runDir = tmpRunDir('killed');
    // A shell that ignores INT and TERM runs node: under cpu-prof the node child gets the
    // preload, but the shell keeps the tree alive until SIGKILL ends both.
    const h = startRun({
      command: [
        '/bin/sh',
        '-c',
        `trap "" INT TERM; "${process.execPath}" -e "setInterval(()=>{},1e3); ` +
          `process.on('SIGINT',()=>{}); process.on('SIGTERM',()=>{}); ` +
          `console.log('ready')"`,
      ],
      cwd: REPO,
      runDir,
      profiler: 'cpu-prof',
      graceMs: 600,
      env: { PERFLENS_EXIT_FALLBACK_MS: '60000' }, // no forced exit: the grace period expires first
      scanIntervalMs: 100,
    });
    const [node] = await waitForEvent(h, 'process', (p) => p.argv?.[0] === process.execPath);
    await waitForEvent(h, 'line', (l) => l === 'ready');
    const r = await h.stop();
    assert.equal(r.status, 'stopped');
    assert.equal(r.signal, 'SIGKILL');
    const m = readManifest(runDir)!;
    assert.deepEqual(
      m.stop!.steps.map((s) => s.action),
      ['signal', 'grace-expired', 'signal', 'exited'],
    );
    assert.deepEqual(
      m.stop!.steps.filter((s) => s.action === 'signal').map((s) => s.signal),
      ['SIGINT', 'SIGKILL'],
    );
    assert.deepEqual(
      m.lost?.map((l) => [l.pid, l.what]),
      [[node.pid, 'CPU profile']],
    );
    assert.match(m.lost[0].why, /killed \(SIGKILL\) after ignoring the stop signal/);
  });
});

describe('run outcome: processes that left the group', () => {
  it('a detached (setsid) child is ended at stop, by pid', async () => {
    const runDir = tmpRunDir('setsid-stop');
    const h = startRun({
      command: target('escapee.cjs'),
      cwd: REPO,
      runDir,
      profiler: 'none',
      scanIntervalMs: 100,
    });
    const seen = new Set<number>();
    h.on('process', (p) => seen.add(p.pid));
    const [line] = await waitForEvent(h, 'line', (l) => l.startsWith('escapee '));
    const escapee = Number(line.split(' ')[1]);
    await until(`the run to see pid ${escapee}`, () => seen.has(escapee)).catch(async (err) => {
      process.kill(escapee, 'SIGKILL');
      await h.stop();
      throw err;
    });
    assert.notEqual(readStat(escapee)!.pgrp, h.pid, 'the child left the group');
    const r = await h.stop();
    assert.equal(alive(escapee), false, `pid ${escapee} was left running`);
    assert.deepEqual(r.leftovers, []);
    const m = readManifest(runDir)!;
    assert.equal(m.processes.find((p) => p.pid === escapee)?.outsideGroup, true);
    assert.deepEqual(m.stop!.steps[0].pids, [escapee]);
  });

  it('a detached child re-parented away after its parent exited is still found and ended', async () => {
    const runDir = tmpRunDir('setsid-orphan');
    const h = startRun({
      command: target('escapee.cjs'),
      cwd: REPO,
      runDir,
      profiler: 'none',
      scanIntervalMs: 100,
    });
    const seen = new Set<number>();
    h.on('process', (p) => seen.add(p.pid));
    const [line] = await waitForEvent(h, 'line', (l) => l.startsWith('escapee '));
    const escapee = Number(line.split(' ')[1]);
    await until(`the run to see pid ${escapee}`, () => seen.has(escapee)).catch(async (err) => {
      process.kill(escapee, 'SIGKILL');
      await h.stop();
      throw err;
    });
    process.kill(h.pid, 'SIGUSR1'); // the parent exits by itself; the child stays, in another session
    const r = await h.result;
    assert.equal(alive(escapee), false, `pid ${escapee} was left running`);
    assert.equal(r.status, 'completed');
    assert.ok(
      r.warnings.some((w) => w.includes(`outlived the target (${escapee})`)),
      r.warnings.join('; '),
    );
  });
});

describe('run outcome: the runner dies', () => {
  it('a runner killed with SIGKILL takes its silent target with it, and the run reads interrupted', async () => {
    const runDir = tmpRunDir('runner-sigkill');
    const cli = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(REPO, 'cli/main.ts'),
        'run',
        '--none',
        '--out',
        runDir,
        '--grace',
        '500',
        '--',
        ...target('idle.cjs'),
      ],
      { cwd: REPO, stdio: 'ignore' },
    );
    const exited = new Promise((r) => cli.once('exit', r));
    let targetPid = 0;
    // The CLI starts through tsx, which compiles it first: 3–5 s on a loaded machine.
    await until(
      'the target to be seen in run.json',
      () => {
        const m = readManifest(runDir);
        targetPid = m?.pid ?? 0;
        return (m?.processes.length ?? 0) > 0;
      },
      60_000,
    );
    assert.ok(alive(targetPid));
    cli.kill('SIGKILL');
    await exited;
    await until(`the target ${targetPid} to be ended by the watchdog`, () => !alive(targetPid));
    assert.deepEqual(groupMembers(targetPid), []);
    const m = readManifest(runDir)!;
    assert.equal(m.status, 'running');
    assert.equal(effectiveStatus(m), 'interrupted');
    // `report` on the folder starts with it, and fails (exit 1) even though output was captured.
    const out: string[] = [];
    const rio: CliIo = { out: (t) => out.push(t), err: () => undefined, handleSignals: false };
    assert.equal(await runCli(['report', runDir], rio), 1);
    assert.match(out.join(''), /^Run: interrupted — no exit status: the runner died/);
  });
});

describe('run outcome: one run per folder', () => {
  it('a second run into a folder in use, or one that holds a run, is refused with exit 2', async () => {
    const runDir = tmpRunDir('locked');
    const first = startRun({
      command: target('ready-idle.cjs'),
      cwd: REPO,
      runDir,
      profiler: 'none',
    });
    const io = quietIo();
    try {
      await waitForEvent(first, 'line', (l) => l === 'ready');
      assert.equal(
        await runCommand(['--none', '--out', runDir, '--', 'sh', '-c', 'echo second'], io),
        2,
      );
    } finally {
      await first.stop();
    }
    // The refusal alone, on one line: the command line was fine, so no usage text follows.
    assert.match(
      io.stderr.join(''),
      /^perflens run: run folder '.*' already holds a run \(running, .*runner pid \d+\); give each run its own --out folder\n$/,
    );
    assert.throws(
      () => startRun({ command: ['true'], cwd: REPO, runDir, profiler: 'none' }),
      (err: unknown) =>
        err instanceof RunSetupError && /already holds a run \(stopped/.test(err.message),
    );
    assert.doesNotMatch(fs.readFileSync(path.join(runDir, 'script.log'), 'utf8'), /second/);
  });

  it('two runs started into the same new folder at once: the lock lets one through', () => {
    const runDir = tmpRunDir('race');
    const a = startRun({ command: ['true'], cwd: REPO, runDir, profiler: 'none' });
    // The manifest of `a` exists now; remove it to play the other run's side of the race, which
    // checked before `a` wrote it and now reaches the exclusive lock.
    fs.rmSync(path.join(runDir, 'run.json'));
    fs.rmSync(path.join(runDir, 'script.log'), { force: true });
    fs.rmSync(path.join(runDir, 'samples.tsv'), { force: true });
    assert.throws(
      () => startRun({ command: ['true'], cwd: REPO, runDir, profiler: 'none' }),
      (err: unknown) =>
        err instanceof RunSetupError && /is locked by runner pid \d+/.test(err.message),
    );
    return a.result.then(() => undefined);
  });

  it('options refused before anything runs do not claim the folder', async () => {
    const runDir = tmpRunDir('refused-then-ok');
    const refused = quietIo();
    assert.equal(await runCommand(['--0x', '--out', runDir, '--', 'sh', '-c', 'true'], refused), 2);
    // A command line 0x cannot run is a usage error: the usage line follows the reason.
    assert.match(
      refused.stderr.join(''),
      /^perflens run: 0x can only profile .*\nUsage: perflens run /,
    );
    const io = quietIo();
    assert.equal(
      await runCommand(['--none', '--out', runDir, '--', 'true'], io),
      0,
      io.stderr.join(''),
    );
  });
});

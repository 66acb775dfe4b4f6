/**
 * `perflens run --duration`: the exit status the README promises when the limit stops the target
 * (0 when it shuts down cleanly on the one SIGINT — by its own exit 0, or by dying of the signal as
 * a program without a handler does; its own status when it answers with another one), and under
 * 0x a wall clock that ends when the profiled process ended, not when 0x had finished with its
 * log, with resource figures that leave 0x's own processes out and say so. Real processes, the
 * CLI through its dispatcher.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../cli/main';
import type { CliIo } from '../../../cli/io';
import { readManifest } from '../../../runner';
import { tmpRunDir } from './helpers';

const TARGETS = path.join(__dirname, 'targets');

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    handleSignals: false,
  };
}

describe('cli: run --duration exit status', () => {
  it('a target without a handler dies of the one SIGINT: completed, exit status 0', async () => {
    const out = tmpRunDir('duration-default');
    const io = captureIo();
    const code = await runCli(
      [
        'run',
        '--none',
        '--out',
        out,
        '--duration',
        '1',
        '--',
        process.execPath,
        path.join(TARGETS, 'ready-idle.cjs'),
      ],
      io,
    );
    assert.equal(code, 0, io.stderr.join(''));
    const m = readManifest(out)!;
    assert.equal(m.status, 'completed');
    assert.equal(m.signal, 'SIGINT');
    assert.equal(m.endReason, 'duration limit (1 s)');
  });

  it("a target that answers the SIGINT with status 3: failed, and run's exit status is 3", async () => {
    const out = tmpRunDir('duration-three');
    const io = captureIo();
    const code = await runCli(
      [
        'run',
        '--none',
        '--out',
        out,
        '--duration',
        '2',
        '--',
        process.execPath,
        path.join(TARGETS, 'sigint-exits-3.cjs'),
      ],
      io,
    );
    const log = fs.readFileSync(path.join(out, 'script.log'), 'utf8');
    // Precondition: the handler was in place when the limit came (it says so when it runs).
    assert.match(log, /^got SIGINT$/m, 'the target was ready before the duration limit');
    assert.equal(code, 3, io.stderr.join(''));
    const m = readManifest(out)!;
    assert.equal(m.status, 'failed');
    assert.equal(m.exitCode, 3);
  });
});

describe('cli: run --0x --duration', () => {
  it("wall clock ends at the profiled process's exit; resources leave 0x's processes out", async () => {
    const out = tmpRunDir('duration-0x');
    const io = captureIo();
    const code = await runCli(
      [
        'run',
        '--0x',
        '--out',
        out,
        '--duration',
        '2',
        '--sample-interval',
        '200',
        '--',
        'node',
        path.join(TARGETS, 'spin.cjs'),
      ],
      io,
    );
    assert.equal(code, 0, io.stderr.join(''));
    const m = readManifest(out)!;
    assert.equal(m.status, 'completed');
    // The end is the profiled process's own (0x's record of its child), never 0x's finish.
    assert.ok(m.target?.endTime, JSON.stringify(m.target));
    assert.equal(m.endTime, m.target.endTime);
    const wallS = (Date.parse(m.target.endTime) - Date.parse(m.startTime)) / 1000;
    // The CLI's one-line summary (on stderr; stdout is the target's) gives the same wall clock.
    assert.match(io.stderr.join(''), new RegExp(`after ${wallS.toFixed(1)} s`));
    if (m.profilerEndTime) assert.ok(Date.parse(m.profilerEndTime) > Date.parse(m.endTime));

    const report = captureIo();
    await runCli(['report', out], report);
    const text = report.stdout.join('');
    // 0x's own process (the run's root) is always a profiler process with samples.
    assert.match(text, /resources leave out \d+ samples of the profiler's own processes/, text);
    const rootPid = m.pid!;
    assert.ok(m.processes.some((p) => p.pid === rootPid && p.role === 'profiler'));
  });
});

/**
 * `perflens run` (cli/commands/run.ts, through the CLI's dispatcher) end to end with real
 * processes: usage errors, a cpu-prof run of the sample daemon with --duration, a refused 0x
 * target, and a failing target's code.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli } from '../../../cli/main';
import type { CliIo } from '../../../cli/io';
import { readManifest } from '../../../runner';
import { DAEMON, buildSampleDaemon, readCpuProfiles, tmpRunDir } from './helpers';

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

describe('cli: perflens run', () => {
  before(buildSampleDaemon);

  it('rejects bad usage with exit code 2 and says what is wrong', async () => {
    for (const [argv, msg] of [
      [['--out', 'x', '--', 'node', 'a.js'], /choose a profiler/],
      [['--cpu-prof', '--', 'node', 'a.js'], /--out DIR is required/],
      [['--cpu-prof', '--out', 'x'], /no command/],
      [['--cpu-prof', '--0x', '--out', 'x', '--', 'node'], /choose one profiler/],
      [
        ['--cpu-prof', '--out', 'x', '--duration', 'soon', '--', 'node'],
        /--duration expects a positive number/,
      ],
    ] as const) {
      const io = captureIo();
      assert.equal(await runCli(['run', ...argv], io), 2);
      assert.match(io.stderr.join(''), msg);
    }
  });

  it('runs the daemon under --cpu-prof with --duration and writes the run folder', async () => {
    const out = tmpRunDir('cli');
    const io = captureIo();
    const code = await runCli(
      [
        'run',
        '--cpu-prof',
        '--out',
        out,
        '--duration',
        '2',
        '--sampling-interval',
        '500',
        '--env',
        'SPHERE_PERF_DUMP_MS=500',
        '--',
        'node',
        DAEMON,
        '--ops-per-sec',
        '0',
      ],
      io,
    );
    assert.equal(code, 0, io.stderr.join(''));
    assert.match(io.stdout.join(''), /alice: listening on/);
    assert.match(io.stderr.join(''), /run completed .* 1 profile\(s\)/);
    assert.equal(readCpuProfiles(out).length, 1);
    const m = readManifest(out)!;
    assert.equal(m.env.PERFLENS_CPU_PROF_INTERVAL_US, '500');
    assert.equal(m.env.SPHERE_PERF_DUMP_MS, '500');
    assert.ok(fs.existsSync(path.join(out, 'counters.jsonl')));
  });

  it('refuses --0x for a command that is not node', async () => {
    const io = captureIo();
    assert.equal(
      await runCli(['run', '--0x', '--out', tmpRunDir('cli-0x'), '--', 'sh', '-c', 'true'], io),
      2,
    );
    assert.match(io.stderr.join(''), /0x can only profile a command that starts with 'node'/);
  });

  it("returns a failing target's exit code", async () => {
    const io = captureIo();
    assert.equal(
      await runCli(
        [
          'run',
          '--none',
          '--out',
          tmpRunDir('cli-fail'),
          '--',
          'sh',
          '-c',
          'echo boom >&2; exit 7',
        ],
        io,
      ),
      7,
    );
    assert.match(io.stderr.join(''), /^boom$/m);
    assert.match(io.stderr.join(''), /run failed \(exit code 7\)/);
  });
});

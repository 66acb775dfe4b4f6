/**
 * run.json's processes: a command line /proc could not give (the process had exited: a zombie's
 * cmdline is empty) is left out, never written as `argv: []`; and the profile loader reads such
 * an entry — without argv, or the empty argv older runs wrote — without calling it bad input.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { readAllStats, readArgv, readStat } from '../../../runner/procfs';
import { seenProcess } from '../../../runner/treeMonitor';
import { loadProfilePath } from '../../../engine/profile/loadProfileFile';
import { tmpRunDir } from './helpers';

const TWO = path.resolve(__dirname, '../../fixtures/run-folder/node-20/two-processes');

describe('runner: an unreadable command line is left out of run.json', () => {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('a real exited (zombie) process: /proc gives no argv, and the process is recorded without one', async () => {
    // `sh` starts a child that exits at once, then becomes `sleep`, which never reaps it: the
    // child stays a zombie of the sleep's pid for as long as the sleep runs.
    const holder = spawn('/bin/sh', ['-c', 'true & exec sleep 30'], { stdio: 'ignore' });
    try {
      let zombie: number | undefined;
      while (zombie === undefined) {
        zombie = [...readAllStats().values()].find(
          (s) => s.ppid === holder.pid && s.state === 'Z',
        )?.pid;
        if (zombie === undefined) await new Promise((r) => setTimeout(r, 20));
      }
      assert.deepEqual(readArgv(zombie), []);
      const proc = seenProcess(readStat(zombie)!, readArgv(zombie), 1);
      assert.equal('argv' in proc, false);
      assert.doesNotMatch(JSON.stringify(proc), /argv/);
      // A process whose command line is readable keeps it.
      const live = seenProcess(readStat(holder.pid!)!, readArgv(holder.pid!), 1);
      assert.deepEqual(live.argv, ['sleep', '30']);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('the profile loader accepts entries without argv or with an empty one, and still flags bad ones', async () => {
    const runDir = tmpRunDir('argv-reader');
    dirs.push(runDir);
    fs.cpSync(path.join(TWO, 'profiles'), path.join(runDir, 'profiles'), { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(TWO, 'run.json'), 'utf8')) as {
      processes: Array<Record<string, unknown>>;
    };
    const write = (extra: Array<Record<string, unknown>>): void =>
      fs.writeFileSync(
        path.join(runDir, 'run.json'),
        JSON.stringify({ ...manifest, processes: [...manifest.processes, ...extra] }),
      );
    const argvWarnings = async (): Promise<string[]> =>
      (await loadProfilePath(runDir)).diagnostics
        .map((d) => d.message)
        .filter((m) => /argv/.test(m));

    write([
      { pid: 30001, ppid: 24843, firstSeenMs: 1, role: 'profiler' },
      { pid: 30002, ppid: 24843, argv: [], firstSeenMs: 1 },
    ]);
    assert.deepEqual(await argvWarnings(), []);

    // A pid that is not a number, or an argv that is not strings, is still bad input.
    write([
      { pid: 'x', argv: ['nm'] },
      { pid: 30003, argv: [1, 2] },
    ]);
    const w = await argvWarnings();
    assert.equal(w.length, 1);
    assert.match(w[0], /^2 entries of 'processes' lack/);
  });
});

/**
 * 0x mode with the real 0x package: a short run of the sample daemon leaves 0x's folder
 * (V8 log, its JSON, meta.json, flamegraph.html) under `0x/`; a non-node command is refused
 * before anything is executed.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { RunSetupError, readManifest, startRun } from '../../../runner';
import { DAEMON, REPO, buildSampleDaemon, groupMembers, tmpRunDir } from './helpers';

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
      durationS: 2,
    });
    const r = await h.result;
    assert.equal(r.status, 'completed', r.warnings.join('; '));
    const files = fs.readdirSync(path.join(runDir, '0x'));
    assert.ok(
      files.some((f) => /^isolate-.*-v8\.log$/.test(f)),
      files.join(', '),
    );
    assert.ok(files.includes('meta.json') && files.includes('flamegraph.html'), files.join(', '));
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
    assert.equal(readManifest(runDir)!.profiler, '0x');
    assert.deepEqual(groupMembers(h.pid), []);
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

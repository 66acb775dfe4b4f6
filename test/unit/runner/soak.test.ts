/**
 * The soak script (a Node process starting two Node daemons) under cpu-prof: every Node
 * process of the tree gets its own profile through NODE_OPTIONS, labelled lines are captured,
 * counter dumps are attributed to [alice]/[bob], and the PASS lines are counted.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { pidOfProfile, readManifest, startRun } from '../../../runner';
import {
  REPO,
  SOAK,
  buildSampleDaemon,
  groupMembers,
  readCpuProfiles,
  tmpRunDir,
  waitForEvent,
} from './helpers';
import { createRunAnalysisHooks } from '../../../engine/soak/runAnalysisHooks';

describe('runner: soak script', () => {
  before(buildSampleDaemon);

  it('profiles the soak and both daemons, one profile per Node process', async () => {
    const runDir = tmpRunDir('soak');
    const h = startRun({
      analysis: createRunAnalysisHooks,
      command: ['node', SOAK, '--duration', '3'],
      cwd: REPO,
      runDir,
      profiler: 'cpu-prof',
      env: { SPHERE_PERF_DUMP_MS: '500' },
      sampleIntervalMs: 1000,
    });
    const r = await h.result;
    assert.equal(r.status, 'completed', r.warnings.join('; '));
    assert.equal(r.exitCode, 0);
    const nodePids = readManifest(runDir)!
      .processes.filter((p) => /node$/.test(p.argv?.[0] ?? ''))
      .map((p) => p.pid)
      .sort();
    assert.equal(nodePids.length, 3, 'soak + alice + bob');
    const profiled = readCpuProfiles(runDir)
      .map((p) => pidOfProfile(p.file))
      .sort();
    assert.deepEqual(profiled, nodePids);
    const log = fs.readFileSync(path.join(runDir, 'script.log'), 'utf8');
    assert.match(log, /^\[alice\] alice: done ops=\d+/m);
    assert.match(log, /^\[bob\] bob: done ops=\d+/m);
    assert.match(log, /^PASS no acknowledged payment lost alice→bob/m);
    const sources = new Set(
      fs
        .readFileSync(path.join(runDir, 'counters.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).source),
    );
    assert.deepEqual([...sources].sort(), ['alice', 'bob']);
    const summary = JSON.parse(fs.readFileSync(path.join(runDir, 'summary-metrics.json'), 'utf8'));
    assert.deepEqual(summary.assertions, { pass: 6, fail: 0 });
    assert.deepEqual(groupMembers(h.pid), []);
  });

  it('stopping the soak mid-run still yields all three profiles', async () => {
    const runDir = tmpRunDir('soak-stop');
    const h = startRun({
      analysis: createRunAnalysisHooks,
      command: ['node', SOAK, '--duration', '60'],
      cwd: REPO,
      runDir,
      profiler: 'cpu-prof',
      env: { SPHERE_PERF_DUMP_MS: '500' },
    });
    await waitForEvent(h, 'line', (l) => l.startsWith('[bob] bob: ops/s='));
    await waitForEvent(h, 'line', (l) => l.startsWith('[alice] alice: ops/s='));
    const r = await h.stop();
    assert.equal(r.status, 'stopped');
    assert.equal(readCpuProfiles(runDir).length, 3);
    assert.deepEqual(groupMembers(h.pid), []);
  });
});

/**
 * cpu-prof runs of the real sample daemon: duration limit, stop mid-run, crash — each checked
 * through the run folder on disk, and through /proc for leftover processes.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { readManifest, startRun } from '../../../runner';
import {
  DAEMON,
  REPO,
  buildSampleDaemon,
  groupMembers,
  readCpuProfiles,
  readTsv,
  tmpRunDir,
  waitForEvent,
} from './helpers';
import { createRunAnalysisHooks } from '../../../engine/soak/runAnalysisHooks';

const fastEnv = { SPHERE_PERF_DUMP_MS: '500' };

describe('runner: cpu-prof', () => {
  before(buildSampleDaemon);

  it('captures a duration-limited run: log, one profile per process, samples, counters, complete run.json', async () => {
    const runDir = tmpRunDir('duration');
    const h = startRun({
      analysis: createRunAnalysisHooks,
      command: ['node', DAEMON, '--ops-per-sec', '0'],
      cwd: REPO,
      runDir,
      profiler: 'cpu-prof',
      env: fastEnv,
      durationS: 3,
      sampleIntervalMs: 500,
    });
    const seen: number[] = [];
    h.on('process', (p) => seen.push(p.pid));
    let dumps = 0;
    h.on('dump', () => dumps++);
    const r = await h.result;

    assert.equal(r.status, 'completed', `warnings: ${r.warnings.join('; ')}`);
    assert.deepEqual(r.leftovers, []);
    assert.deepEqual(groupMembers(h.pid), []);
    const log = fs.readFileSync(path.join(runDir, 'script.log'), 'utf8');
    assert.match(log, /alice: listening on http:\/\/127\.0\.0\.1:\d+/);
    assert.match(log, /^\[\S+\] \[INFO \] \[perf\] \[perf-counters\] snapshot: \{$/m);

    const profiles = readCpuProfiles(runDir);
    assert.equal(profiles.length, 1);
    assert.match(profiles[0].file, new RegExp(`\\.${h.pid}\\.\\d+\\.\\d+\\.cpuprofile$`));
    assert.ok(
      profiles[0].nodes.length > 10 && profiles[0].samples.length > 100,
      'profile has nodes and samples',
    );

    const samples = readTsv(path.join(runDir, 'samples.tsv'));
    assert.ok(samples.length >= 3, `samples.tsv rows: ${samples.length}`);
    assert.ok(samples.every((s) => Number(s.pid) === h.pid && Number(s.rss_kb) > 0));

    const m = readManifest(runDir)!;
    assert.equal(m.status, 'completed');
    assert.equal(m.exitCode, 130); // the preload's clean exit on SIGINT
    assert.ok(m.endTime && m.startTime && m.profiler === 'cpu-prof');
    assert.deepEqual(seen, [h.pid]);
    assert.equal(m.processes[0].argv?.[1], DAEMON);

    const counters = fs
      .readFileSync(path.join(runDir, 'counters.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.ok(
      counters.length >= 3 && dumps === counters.length,
      `dumps: ${counters.length}, events: ${dumps}`,
    );
    assert.ok(counters.some((c) => c.counters['orbitdb.putEntry']?.count > 0));
    assert.match(
      fs.readFileSync(path.join(runDir, 'totals.tsv'), 'utf8'),
      /^orbitdb\.putEntry\torbitdb\ttimer\t/m,
    );
    const summary = JSON.parse(fs.readFileSync(path.join(runDir, 'summary-metrics.json'), 'utf8'));
    assert.equal(summary.exit.status, 'completed');
    assert.ok(summary.counters.windows >= 3);
  });

  it('stop() mid-run still yields the profile and leaves no process behind', async () => {
    const runDir = tmpRunDir('stop');
    const h = startRun({
      analysis: createRunAnalysisHooks,
      command: ['node', DAEMON, '--ops-per-sec', '0'],
      cwd: REPO,
      runDir,
      profiler: 'cpu-prof',
      env: fastEnv,
    });
    await waitForEvent(h, 'line', (line) => /ops\/s=/.test(line));
    assert.ok(groupMembers(h.pid).length > 0, 'daemon running before stop');
    const r = await h.stop();
    assert.equal(r.status, 'stopped');
    assert.deepEqual(groupMembers(h.pid), []);
    assert.equal(readCpuProfiles(runDir).length, 1);
    assert.equal(readManifest(runDir)!.endReason, 'stop requested');
  });

  it('a crash is a failed run with its exit code, and everything captured so far is kept', async () => {
    const runDir = tmpRunDir('crash');
    const h = startRun({
      analysis: createRunAnalysisHooks,
      command: ['node', DAEMON, '--crash-after', '1.5'],
      cwd: REPO,
      runDir,
      profiler: 'cpu-prof',
      env: fastEnv,
      durationS: 20,
    });
    const r = await h.result;
    assert.equal(r.status, 'failed');
    assert.equal(r.exitCode, 1);
    const m = readManifest(runDir)!;
    assert.equal(m.status, 'failed');
    assert.equal(m.endReason, 'target exited');
    const log = fs.readFileSync(path.join(runDir, 'script.log'), 'utf8');
    assert.match(log, /simulated crash after 1\.5s/);
    assert.match(log, /perf-counters\] snapshot/);
    // Node runs 'exit' handlers on an uncaught exception, so the preload still writes the profile.
    assert.equal(readCpuProfiles(runDir).length, 1);
    assert.deepEqual(groupMembers(h.pid), []);
  });
});

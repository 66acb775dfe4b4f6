/**
 * The soak model sums its runs: windows of every run, wall-clock added, resources averaged over
 * the runs that have samples, assertions added. Expected figures are worked out by hand below.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCounterRun } from '../../../../engine/counters/counterRun';
import type { CounterDump } from '../../../../engine/counters/types';
import type { RunModel } from '../../../../engine/soak/readRunFolder';
import type { ResourceSummary } from '../../../../engine/soak/samples';
import { soakTotals } from '../../../../engine/soak/soakTotals';

function dump(line: number, totalMs: number, count: number): CounterDump {
  const counters = Object.create(null) as CounterDump['counters'];
  Object.assign(counters, {
    'orbitdb.putEntry': { count, totalMs, avgMs: totalMs / count, maxMs: totalMs },
  });
  return { source: 'alice', line, format: 'json', counters, lost: [] };
}

function resources(samples: number, skipped: number, cpu: number, rssKb: number): ResourceSummary {
  const total = {
    samples,
    avgCpuPct: cpu,
    maxCpuPct: cpu * 2,
    avgRssKb: rssKb,
    maxRssKb: rssKb + 100,
  };
  return { startSkipMs: 30_000, skippedSamples: skipped, perProcess: [], total };
}

function run(name: string, fields: Partial<RunModel>): RunModel {
  return { dir: `/soak/${name}`, name, present: [], missing: [], diagnostics: [], ...fields };
}

test('a soak sums windows and wall-clock, averages resources over runs with samples, adds assertions', () => {
  const runs = [
    run('run-1', {
      counters: buildCounterRun([dump(1, 100, 4), dump(9, 50, 1)], { wallClockMs: 10_000 }),
      wallClockMs: 10_000,
      resources: resources(20, 6, 10, 1000),
      assertions: { pass: 3, fail: 1, failures: [] },
    }),
    run('run-2', {
      counters: buildCounterRun([dump(1, 30, 5)], { wallClockMs: 5_000 }),
      wallClockMs: 5_000,
      resources: resources(10, 6, 25, 2001),
      diagnostics: [{ severity: 'warning', file: '/soak/run-2/script.log', message: 'cut off' }],
    }),
    // No counters, no samples, no assertions: counted nowhere, but its diagnostics are kept.
    run('run-3', { diagnostics: [{ severity: 'error', file: '/soak/run-3', message: 'empty' }] }),
  ];
  const t = soakTotals({ dir: '/soak', runs }, 30_000);
  assert.equal(t.windows.length, 3); // 2 windows in run-1 + 1 in run-2
  assert.equal(t.wallClockMs, 15_000); // 10 s + 5 s
  const put = t.totals.find((c) => c.name === 'orbitdb.putEntry')!;
  assert.equal(put.totalMs, 180); // 100 + 50 + 30
  assert.equal(put.count, 10); // 4 + 1 + 5
  assert.equal(put.ratePerSec, 0.667); // 10 calls / 15 s, to 3 decimals
  assert.equal(put.shareOfWallClock, 0.012); // 180 ms / 15 000 ms
  assert.deepEqual(t.resources, {
    startSkipMs: 30_000,
    skippedSamples: 12, // 6 + 6
    total: {
      samples: 30, // 20 + 10
      avgCpuPct: 17.5, // (10 + 25) / 2
      maxCpuPct: 50, // max(20, 50)
      avgRssKb: 1500.5, // (1000 + 2001) / 2
      maxRssKb: 2101, // max(1100, 2101)
    },
  });
  assert.deepEqual(t.assertions, { pass: 3, fail: 1 }); // only run-1 counted assertions
  assert.deepEqual(
    t.diagnostics.map((d) => d.message),
    ['cut off', 'empty'],
  );
});

test('a soak of runs shorter than the start-skip says the figures are over whole runs', () => {
  const whole = { ...resources(4, 0, 5, 100), wholeRun: true as const };
  const t = soakTotals({ dir: '/soak', runs: [run('run-1', { resources: whole })] });
  assert.equal(t.resources?.wholeRun, true);
  assert.equal(t.resources?.startSkipMs, 30_000); // the default start-skip
  assert.equal(t.assertions, undefined);
  assert.equal(t.wallClockMs, 0);
});

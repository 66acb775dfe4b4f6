/**
 * extension/settings.ts: raw configuration values become one typed `Settings`, defaults for
 * what is missing and for what has the wrong type. The configuration is a plain map of the keys
 * VS Code would hand over (`getConfiguration('perflens').get('run.graceMs')`).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  readSettings,
  serverSettingsOf,
  type ConfigurationLike,
} from '../../../extension/settings';

const config = (values: Record<string, unknown>): ConfigurationLike => ({
  get: <T>(key: string) => values[key] as T | undefined,
});

describe('readSettings', () => {
  it('gives the contributed defaults when nothing is set', () => {
    const s = readSettings(config({}));
    assert.deepEqual(s.codeLens, { enabled: true, thresholdPercent: 1 });
    assert.deepEqual(s.counters, {
      counterMap: {},
      counterCallees: ['incr', 'observe', 'observeMs', 'time', 'timeSync'],
      rustCounterMacros: ['counter', 'histogram', 'gauge'],
    });
    assert.equal(s.openLatestOnStartup, false);
    assert.equal(s.traceServer, 'off');
    assert.equal(s.compareExcludeNoisy, false);
    assert.deepEqual(s.run, {
      command: undefined,
      args: [],
      cwd: undefined,
      env: {},
      profiler: 'cpu-prof',
      samplingIntervalUs: 0,
      durationSeconds: 0,
      outputDir: '.perflens/runs',
      graceMs: 5000,
      diagnosticsUrl: undefined,
      // The contributed defaults (spherePerf true, sphereDebug 'perf=info', perfDumpMs 5000),
      // every key explicit so the runner's own SPHERE_* defaults never decide.
      sphereEnv: { SPHERE_PERF: '1', SPHERE_DEBUG: 'perf=info', SPHERE_PERF_DUMP_MS: '5000' },
    });
  });

  it('reads every perflens.* key it is given', () => {
    const s = readSettings(
      config({
        'codeLens.enabled': false,
        'codeLens.thresholdPercent': 5,
        counterMap: { 'pubsub_stages.verify': 'PubSubManager::verify', bad: 3 },
        counterCallees: ['stat'],
        rustCounterMacros: ['counter'],
        'run.command': '  npm run soak  ',
        'run.args': ['--fast', 7],
        'run.cwd': 'pkg',
        'run.env': { A: '1', B: 2 },
        'run.profiler': '0x',
        'run.samplingIntervalUs': 250,
        'run.durationSeconds': 30,
        'run.outputDir': 'out/runs',
        'run.graceMs': 100,
        'run.diagnosticsUrl': 'http://127.0.0.1:9000/diag',
        'run.spherePerf': false,
        'run.sphereDebug': '*',
        'run.perfDumpMs': 1000,
        'run.openLatestOnStartup': true,
        'trace.server': 'verbose',
        'compare.excludeNoisy': true,
      }),
    );
    assert.deepEqual(s.codeLens, { enabled: false, thresholdPercent: 5 });
    assert.equal(s.openLatestOnStartup, true);
    assert.equal(s.traceServer, 'verbose');
    assert.equal(s.compareExcludeNoisy, true);
    assert.deepEqual(s.run, {
      command: 'npm run soak',
      args: ['--fast'],
      cwd: 'pkg',
      env: { A: '1' },
      profiler: '0x',
      samplingIntervalUs: 250,
      durationSeconds: 30,
      outputDir: 'out/runs',
      graceMs: 100,
      diagnosticsUrl: 'http://127.0.0.1:9000/diag',
      sphereEnv: { SPHERE_PERF: '0', SPHERE_DEBUG: '*', SPHERE_PERF_DUMP_MS: '1000' },
    });
    assert.deepEqual(serverSettingsOf(s), {
      codeLens: { enabled: false, thresholdPercent: 5 },
      counterMap: { 'pubsub_stages.verify': 'PubSubManager::verify' },
      counterCallees: ['stat'],
      rustCounterMacros: ['counter'],
    });
  });

  it('replaces values of the wrong type or range by the defaults', () => {
    const s = readSettings(
      config({
        'codeLens.enabled': 'no',
        'run.command': ['node', 3, 'main.js'],
        'run.profiler': 'perf',
        'run.args': '--fast',
        'run.env': 'A=1',
        'run.graceMs': -1,
        'run.durationSeconds': Number.NaN,
        'run.outputDir': '   ',
        'run.openLatestOnStartup': 'yes',
        'trace.server': 'everything',
      }),
    );
    assert.equal(s.traceServer, 'off');
    assert.equal(s.codeLens.enabled, true);
    assert.deepEqual(s.run.command, ['node', 'main.js']);
    assert.equal(s.run.profiler, 'cpu-prof');
    assert.deepEqual(s.run.args, []);
    assert.deepEqual(s.run.env, {});
    assert.equal(s.run.graceMs, 5000);
    assert.equal(s.run.durationSeconds, 0);
    assert.equal(s.run.outputDir, '.perflens/runs');
    assert.equal(s.openLatestOnStartup, false);
  });
});

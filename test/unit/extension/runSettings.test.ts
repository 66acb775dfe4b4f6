/**
 * Every `perflens.run.*` setting changes what a Profile Run does, shown on the real runner with
 * a real child process: the settings go the way VS Code hands them over (a map of keys read by
 * `readSettings`), become the target (`targetFromSettings`) and the runner's options
 * (`runOptionsFor`, the one place Profile Run builds them), and the child reports what it got.
 * `outputDir` is also checked live in a real VS Code (test/vscode/suite/settings.test.ts) and
 * `openLatestOnStartup` there only (test/vscode/openLatest.test.ts): both act in the editor.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { readManifest, startRun, type ProfilerMode, type RunResult } from '../../../runner';
import { readSettings, type RunSettings } from '../../../extension/settings';
import {
  durationOf,
  profilerOrder,
  runFolderFor,
  runOptionsFor,
} from '../../../extension/run/runOptions';
import { targetFromSettings, type RunTarget } from '../../../extension/run/runTarget';
import { readCpuProfiles } from '../runner/helpers';

const TARGETS = path.join(__dirname, '..', 'runner', 'targets');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'perflens-run-settings-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** The `perflens` section as VS Code hands it over: the contributed defaults, then `values`. */
function settingsOf(values: Record<string, unknown> = {}): RunSettings {
  const defaults: Record<string, unknown> = {
    'run.spherePerf': true,
    'run.sphereDebug': 'perf=info',
    'run.perfDumpMs': 5000,
    'run.graceMs': 5000,
    'run.outputDir': '.perflens/runs',
  };
  const all = { ...defaults, ...values };
  return readSettings({ get: <T>(key: string) => all[key] as T | undefined }).run;
}

/** A workspace folder with a `sub/` folder and a script that prints what it was given. */
function workspace(name: string): string {
  const folder = path.join(root, name);
  fs.mkdirSync(path.join(folder, 'sub'), { recursive: true });
  fs.writeFileSync(
    path.join(folder, 'report.cjs'),
    `const keys = ['SPHERE_PERF', 'SPHERE_DEBUG', 'SPHERE_PERF_DUMP_MS', 'FOO'];
console.log('REPORT ' + JSON.stringify({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: Object.fromEntries(keys.map((k) => [k, process.env[k] ?? null])),
}));\n`,
  );
  return folder;
}

interface Report {
  argv: string[];
  cwd: string;
  env: Record<string, string | null>;
}

/** A Profile Run as the controller starts it: settings → target → options → runner. */
async function profileRun(
  settings: RunSettings,
  folder: string,
  target: RunTarget | undefined = targetFromSettings(settings, folder),
  profiler: ProfilerMode = 'none',
): Promise<{ result: RunResult; log: string; report?: Report }> {
  assert.ok(target, 'perflens.run.command gives a target');
  const runDir = runFolderFor(settings, folder, 'settings', new Date());
  const result = await startRun(runOptionsFor(settings, target, profiler, runDir)).result;
  const log = fs.readFileSync(path.join(runDir, 'script.log'), 'utf8');
  const line = log.split('\n').find((l) => l.startsWith('REPORT '));
  return { result, log, ...(line ? { report: JSON.parse(line.slice(7)) as Report } : {}) };
}

/** A target that is not from the settings (a picked file), so only the other settings act. */
const nodeTarget = (folder: string, file: string, args: string[] = []): RunTarget => ({
  kind: 'file',
  id: file,
  label: file,
  description: '',
  command: [process.execPath, file, ...args],
  shell: false,
  cwd: folder,
  env: {},
});

describe('perflens.run.* settings act on a real run', () => {
  it('command (as an array), args, cwd and env: what is spawned, where, with what', async () => {
    const folder = workspace('command-array');
    // Unset: no command from the settings (the picker offers scripts, launches and files).
    assert.equal(targetFromSettings(settingsOf(), folder), undefined);
    const { report } = await profileRun(
      settingsOf({
        'run.command': [process.execPath, path.join(folder, 'report.cjs')],
        'run.args': ['--fast', 'x y'],
        'run.cwd': 'sub',
        'run.env': { FOO: 'bar', SPHERE_PERF_DUMP_MS: '750' },
      }),
      folder,
    );
    assert.deepEqual(report?.argv, ['--fast', 'x y']); // an array is spawned as given
    assert.equal(report?.cwd, path.join(folder, 'sub'));
    assert.equal(report?.env.FOO, 'bar');
    // perflens.run.env overrides the SPHERE_* settings (perfDumpMs said 5000).
    assert.equal(report?.env.SPHERE_PERF_DUMP_MS, '750');
  });

  it('command as a string runs through the shell, args appended', async () => {
    const folder = workspace('command-string');
    const { log, result } = await profileRun(
      settingsOf({ 'run.command': "printf '<%s>' one", 'run.args': ['two', '"three four"'] }),
      folder,
    );
    assert.equal(result.status, 'completed');
    // sh -c "printf '<%s>' one two \"three four\"": the shell splits and unquotes.
    assert.match(log, /^<one><two><three four>/m);
  });

  it('spherePerf, sphereDebug and perfDumpMs set SPHERE_* (the contributed defaults, then changed)', async () => {
    const folder = workspace('sphere');
    const target = nodeTarget(folder, path.join(folder, 'report.cjs'));
    const defaults = await profileRun(settingsOf(), folder, target);
    assert.deepEqual(defaults.report?.env, {
      SPHERE_PERF: '1',
      SPHERE_DEBUG: 'perf=info',
      SPHERE_PERF_DUMP_MS: '5000',
      FOO: null,
    });
    const changed = await profileRun(
      settingsOf({ 'run.spherePerf': false, 'run.sphereDebug': '', 'run.perfDumpMs': 250 }),
      folder,
      target,
    );
    // Off means off: the runner's own SPHERE_PERF=1 / SPHERE_DEBUG=perf=info do not come back.
    assert.deepEqual(changed.report?.env, {
      SPHERE_PERF: '0',
      SPHERE_DEBUG: '',
      SPHERE_PERF_DUMP_MS: '250',
      FOO: null,
    });
  });

  it('durationSeconds stops a target that would run forever', async () => {
    const folder = workspace('duration');
    const target = nodeTarget(folder, path.join(TARGETS, 'ready-idle.cjs'));
    const settings = settingsOf({ 'run.durationSeconds': 1 });
    assert.equal(durationOf(settingsOf(), undefined), undefined, '0: no limit');
    assert.equal(durationOf(settings, 7), 7, 'a caller’s duration wins');
    const { result } = await profileRun(settings, folder, target);
    // ready-idle.cjs idles until signalled: only the 1 s limit ends it, with one SIGINT, on which
    // it exits cleanly — a planned end, so `completed` (runner/runOutcome.ts).
    assert.equal(result.status, 'completed');
    assert.equal(result.signal, 'SIGINT');
    assert.match(result.endReason ?? '', /duration/);
    assert.deepEqual(
      result.stopSteps?.filter((s) => s.action === 'signal').map((s) => s.signal),
      ['SIGINT'],
    );
  });

  it('graceMs is how long a stopped run may take before SIGKILL', async () => {
    const folder = workspace('grace');
    // A shell that ignores SIGINT from its first line (and its `sleep`s inherit that): a Node
    // target must start before its handler exists, and a SIGINT at the 1 s limit before then
    // would end it at once, with no grace period to measure.
    const target: RunTarget = {
      ...nodeTarget(folder, 'ignores SIGINT'),
      command: ['/bin/sh', '-c', `trap '' INT; echo ready; while :; do sleep 0.1; done`],
    };
    const gaps: Record<number, number> = {};
    for (const graceMs of [300, 2500]) {
      const { result } = await profileRun(
        settingsOf({ 'run.durationSeconds': 1, 'run.graceMs': graceMs }),
        folder,
        target,
      );
      const steps = readManifest(result.runDir)!.stop!.steps;
      const signal = steps.find((s) => s.action === 'signal' && s.signal === 'SIGINT')!;
      const expired = steps.find((s) => s.action === 'grace-expired')!;
      assert.equal(expired.note, `still running ${graceMs} ms after SIGINT`);
      gaps[graceMs] = Date.parse(expired.time) - Date.parse(signal.time);
      // The target ignores SIGINT, so SIGKILL came no sooner than the grace period.
      assert.ok(gaps[graceMs] >= graceMs, `SIGKILL ${gaps[graceMs]} ms after SIGINT`);
    }
  });

  it('samplingIntervalUs sets the V8 sampling interval of cpu-prof', async () => {
    const folder = workspace('sampling');
    fs.writeFileSync(
      path.join(folder, 'busy.cjs'),
      'let s = 0; const end = Date.now() + 600; while (Date.now() < end) s += Math.sqrt(s + 1);\n',
    );
    const target = nodeTarget(folder, path.join(folder, 'busy.cjs'));
    const { result } = await profileRun(
      settingsOf({ 'run.samplingIntervalUs': 20_000 }),
      folder,
      target,
      'cpu-prof',
    );
    assert.equal(result.status, 'completed');
    const [{ file }] = readCpuProfiles(result.runDir);
    const profile = JSON.parse(
      fs.readFileSync(path.join(result.runDir, 'profiles', file), 'utf8'),
    ) as { timeDeltas: number[] };
    const deltas = profile.timeDeltas.slice(1).sort((a, b) => a - b);
    const median = deltas[Math.floor(deltas.length / 2)];
    // V8's default is 1,000 µs. A long interval is asked for because load only ever stretches
    // the gaps: a median of 10 ms or more in a busy loop comes only from the setting.
    assert.ok(median >= 10_000, `median gap ${median} µs at a 20,000 µs interval`);
  });

  it('diagnosticsUrl is polled into diagnostics.jsonl during the run', async () => {
    const folder = workspace('diagnostics');
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ gossip: { handle_incoming: { count: hits } } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/diagnostics`;
      const target = nodeTarget(folder, path.join(TARGETS, 'ready-idle.cjs'));
      // The runner polls every 5 s (its default): a 6 s run sees at least one poll.
      const { result } = await profileRun(
        settingsOf({ 'run.diagnosticsUrl': url, 'run.durationSeconds': 6 }),
        folder,
        target,
      );
      const rows = fs
        .readFileSync(path.join(result.runDir, 'diagnostics.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { status?: number });
      assert.ok(hits >= 1, 'the endpoint was polled');
      assert.ok(rows.some((r) => r.status === 200));
      // Unset: no poller, no file.
      const none = await profileRun(settingsOf({ 'run.durationSeconds': 1 }), folder, target);
      assert.ok(!fs.existsSync(path.join(none.result.runDir, 'diagnostics.jsonl')));
    } finally {
      server.close();
    }
  });

  it('outputDir is where the run folder is made, relative to the workspace folder', async () => {
    const folder = workspace('output-dir');
    const target = nodeTarget(folder, path.join(folder, 'report.cjs'));
    const { result } = await profileRun(
      settingsOf({ 'run.outputDir': 'out/runs' }),
      folder,
      target,
    );
    assert.equal(path.dirname(result.runDir), path.join(folder, 'out', 'runs'));
    assert.ok(fs.existsSync(path.join(result.runDir, 'run.json')));
  });

  it('profiler is the one the picker offers first, whatever was used last', () => {
    for (const setting of ['cpu-prof', '0x', 'none'] as const)
      assert.equal(
        profilerOrder(settingsOf({ 'run.profiler': setting }).profiler, 'none')[0].mode,
        setting,
      );
    assert.deepEqual(profilerOrder(settingsOf({ 'run.profiler': '0x' }).profiler, 'none'), [
      { mode: '0x', lastUsed: false },
      { mode: 'cpu-prof', lastUsed: false },
      { mode: 'none', lastUsed: true },
    ]);
  });
});

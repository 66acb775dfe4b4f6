/**
 * `perflens.run.*` act on each A/B Soak iteration as on a Profile Run: the settings go the way
 * VS Code hands them over (`readSettings`), become the A/B options the editor's A/B Soak passes
 * (`abRunOptionsFor`, beside Profile Run's `runOptionsFor` in extension/run/runOptions.ts), and
 * the real runner starts each iteration as a real child process that reports what it got.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { readManifest } from '../../../runner';
import { runAb } from '../../../runner/ab/runAb';
import { readSettings, type RunSettings } from '../../../extension/settings';
import { abRunOptionsFor } from '../../../extension/run/runOptions';
import { readCpuProfiles } from '../runner/helpers';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'perflens-ab-settings-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** The `perflens` section as VS Code hands it over: the contributed defaults, then `values`. */
function settingsOf(values: Record<string, unknown>): RunSettings {
  const all: Record<string, unknown> = {
    'run.spherePerf': true,
    'run.sphereDebug': 'perf=info',
    'run.perfDumpMs': 5000,
    'run.graceMs': 5000,
    ...values,
  };
  return readSettings({ get: <T>(key: string) => all[key] as T | undefined }).run;
}

/** How a target script is run: its file name and the program that runs it. */
const nodeScript = { file: 'target.cjs', interpreter: `"${process.execPath}"` };
const shellScript = { file: 'target.sh', interpreter: '/bin/sh' };

/** One iteration a side of `script` (written into a fresh folder), as the editor's A/B Soak. */
async function abSoak(
  name: string,
  script: string,
  settings: RunSettings,
  { file, interpreter } = nodeScript,
): Promise<string[]> {
  const folder = path.join(root, name);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, file), script);
  const command = `${interpreter} ${file}`;
  const result = await runAb({
    baseline: { command },
    treatment: { command },
    iterations: 1,
    outDir: path.join(folder, 'runs'),
    cwd: folder,
    ...abRunOptionsFor(settings, undefined),
  });
  assert.equal(result.error, undefined);
  return [path.join(result.baselineDir, 'run-1'), path.join(result.treatmentDir, 'run-1')];
}

describe('perflens.run.* settings act on each A/B Soak iteration', () => {
  // Without the duration limit the target would never end: a timeout, not a hang, says so.
  it('env, SPHERE_*, durationSeconds, graceMs and profiler', { timeout: 60_000 }, async () => {
    const runDirs = await abSoak(
      'env-duration-grace',
      // Ignores SIGINT, then reports its environment: only the duration limit's stop and, after
      // the grace period, SIGKILL end it. A shell, whose trap is in place within milliseconds
      // of the start: a Node target must start (~0.1 s, far more on a stalled machine) before
      // its handler exists, and a SIGINT at the 1 s limit before then would simply end it.
      `trap '' INT
printf 'REPORT {"SPHERE_PERF":"%s","SPHERE_DEBUG":"%s","SPHERE_PERF_DUMP_MS":"%s","FOO":"%s"}\\n' \\
  "$SPHERE_PERF" "$SPHERE_DEBUG" "$SPHERE_PERF_DUMP_MS" "$FOO"
while :; do sleep 0.1; done\n`,
      settingsOf({
        'run.env': { FOO: 'bar' },
        'run.spherePerf': false,
        'run.sphereDebug': 'perf=debug',
        'run.perfDumpMs': 750,
        'run.durationSeconds': 1,
        'run.graceMs': 300,
        'run.profiler': 'none',
      }),
      shellScript,
    );
    for (const runDir of runDirs) {
      const log = fs.readFileSync(path.join(runDir, 'script.log'), 'utf8');
      const line = log.split('\n').find((l) => l.startsWith('REPORT '));
      assert.ok(line, `${runDir}: the target reported`);
      assert.deepEqual(JSON.parse(line.slice(7)), {
        SPHERE_PERF: '0',
        SPHERE_DEBUG: 'perf=debug',
        SPHERE_PERF_DUMP_MS: '750',
        FOO: 'bar',
      });
      const manifest = readManifest(runDir)!;
      assert.equal(manifest.profiler, 'none', 'perflens.run.profiler, not cpu-prof');
      assert.match(manifest.endReason ?? '', /duration/);
      const expired = manifest.stop!.steps.find((s) => s.action === 'grace-expired');
      assert.equal(expired?.note, 'still running 300 ms after SIGINT');
    }
  });

  it('samplingIntervalUs sets the V8 sampling interval of each iteration', async () => {
    const runDirs = await abSoak(
      'sampling',
      'let s = 0; const end = Date.now() + 600; while (Date.now() < end) s += Math.sqrt(s + 1);\n',
      settingsOf({ 'run.samplingIntervalUs': 20_000 }),
    );
    for (const runDir of runDirs) {
      const [first] = readCpuProfiles(runDir);
      assert.ok(first, `${runDir}: a cpu profile`);
      const profile = JSON.parse(
        fs.readFileSync(path.join(runDir, 'profiles', first.file), 'utf8'),
      ) as { timeDeltas: number[] };
      const deltas = profile.timeDeltas.slice(1).sort((a, b) => a - b);
      const median = deltas[Math.floor(deltas.length / 2)];
      // V8's default is 1,000 µs. A long interval is asked for because load only ever
      // stretches the gaps: a median of 10 ms or more in a busy loop comes only from the setting.
      assert.ok(median >= 10_000, `median gap ${median} µs at a 20,000 µs interval`);
    }
  });
});

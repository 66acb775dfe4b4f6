/**
 * The main job, on a fresh machine (after `npm ci`; `npm run demo` does the rest):
 *   1. build the bundled sample daemon (examples/sample-daemon),
 *   2. profile its soak — two daemons, alice and bob, paying each other — under cpu-prof with
 *      SPHERE_PERF=1, into a run folder inside the sample workspace,
 *   3. show the result: in a real VS Code (code-server) with PerfLens installed, at a
 *      127.0.0.1 URL printed here, the run open in the PerfLens panel; or, with --headless,
 *      the CLI report printed instead.
 *   npm run demo [-- --headless] [-- --seconds S]
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startRun } from '../runner';
import { uniqueRunFolder } from '../extension/run/runFolders';
import { createRunAnalysisHooks } from '../engine/soak/runAnalysisHooks';
import { startCodeServer } from '../test/vscode/harness/codeServer';
import { assertInstalled, repoRoot, vsixPath } from '../test/vscode/harness/paths';

const sample = join(repoRoot, 'examples', 'sample-daemon');
const headless = process.argv.includes('--headless');
const secondsArg = process.argv.indexOf('--seconds');
const seconds = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 15;

async function profileSoak(): Promise<string> {
  const build = spawnSync(process.execPath, [join(sample, 'build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the sample daemon did not build');
  const runDir = uniqueRunFolder(join(sample, '.perflens', 'runs'), 'soak', new Date());
  process.stdout.write(
    `\nProfiling the sample soak (alice ⇄ bob, ${seconds} s, cpu-prof, SPHERE_PERF=1) ` +
      `into\n  ${runDir}\n\n`,
  );
  const handle = startRun({
    command: ['node', 'soak.mjs', '--duration', String(seconds)],
    cwd: sample,
    runDir,
    analysis: createRunAnalysisHooks,
    profiler: 'cpu-prof',
    env: { SPHERE_PERF_DUMP_MS: '1000' },
    durationS: seconds + 30,
  });
  handle.on('line', (line) => {
    if (/PASS|FAIL|ops\/s/.test(line)) process.stdout.write(`  ${line}\n`);
  });
  const stop = () => void handle.stop();
  process.once('SIGINT', stop);
  const result = await handle.result;
  process.off('SIGINT', stop);
  process.stdout.write(
    `\nRun ${result.status} after ${(result.durationMs / 1000).toFixed(1)} s: ${result.processes.length} process(es), ${result.profiles.length} profile(s).\n`,
  );
  return runDir;
}

async function main(): Promise<number> {
  const runDir = await profileSoak();
  if (headless) {
    const r = spawnSync(
      process.execPath,
      [join(repoRoot, 'dist', 'cli.js'), 'report', runDir, '--top', '15'],
      { stdio: 'inherit' },
    );
    return r.status ?? 1;
  }
  assertInstalled();
  const server = await startCodeServer({
    install: [vsixPath],
    settings: {
      'security.workspace.trust.enabled': false,
      'perflens.run.openLatestOnStartup': true,
    },
    logFile: join(repoRoot, 'test-results', 'demo-code-server.log'),
  });
  const url = `${server.origin}/?folder=${encodeURIComponent(sample)}`;
  process.stdout.write(
    `\nPerfLens is running in VS Code at:\n\n  ${url}\n\n` +
      'Open it in a browser on this machine: the run opens in the PerfLens panel (top ' +
      'counters, your\n' +
      'code, flame graph button); open src/orbitdb-adapter.ts for CodeLens above putEntry; run\n' +
      '"PerfLens: Profile Run" from the palette for another run. Press Ctrl+C here to stop.\n',
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

/**
 * The main job, in a real VS Code: PerfLens: Profile Run on the bundled sample daemon, chosen
 * from the palette as a user would, in both profiler modes; stopped from the status bar; a crash;
 * the run folder checked on disk, and the result opened in the panel.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSession, type Session } from './harness/session';
import { prepareSampleWorkspace } from './harness/sampleWorkspace';
import {
  activeWebview,
  chooseQuickPick,
  runPaletteCommand,
  screenshot,
  waitForNotification,
  waitForStatusBar,
} from './harness/workbench';

interface RunJson {
  status: string;
  exitCode?: number | null;
  profiler: string;
  processes: { pid: number; argv: string[] }[];
}

function runFolders(workspace: string): string[] {
  const root = join(workspace, '.perflens', 'runs');
  return existsSync(root)
    ? readdirSync(root)
        .sort()
        .map((n) => join(root, n))
    : [];
}

function readRun(dir: string): RunJson {
  return JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunJson;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * One profile per Node process of the run: pids distinct, each a process the run saw running node.
 */
function assertOneProfilePerNodeProcess(dir: string): void {
  const run = readRun(dir);
  const pids = readdirSync(join(dir, 'profiles'))
    .map((f) => /\.(\d+)\.\d+\.\d+\.cpuprofile$/.exec(f)?.[1])
    .filter((p): p is string => p !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  // npm renames its process ("npm run …"), so argv[0] may hold the whole title.
  const nodePids = run.processes
    .filter((p) => /^(\S*\/)?(node|nodejs|npm|npx)(\s|$)/.test(p.argv[0] ?? ''))
    .map((p) => p.pid)
    .sort((a, b) => a - b);
  assert.equal(new Set(pids).size, pids.length, `profile pids are distinct: ${pids.join(', ')}`);
  assert.deepEqual(pids, nodePids, 'every Node process of the tree has exactly one profile');
}

/** Every profile is a V8 CPU profile with nodes and samples. */
function assertProfiles(dir: string, atLeast: number): string[] {
  const files = readdirSync(join(dir, 'profiles')).filter((f) => f.endsWith('.cpuprofile'));
  assert.ok(
    files.length >= atLeast,
    `at least ${atLeast} profile(s) in ${dir}/profiles, found ${files.join(', ')}`,
  );
  for (const f of files) {
    const p = JSON.parse(readFileSync(join(dir, 'profiles', f), 'utf8')) as {
      nodes: unknown[];
      samples: unknown[];
    };
    assert.ok(p.nodes.length > 0 && p.samples.length > 0, `${f} has nodes and samples`);
  }
  return files;
}

describe('PerfLens: Profile Run on the sample daemon (real VS Code)', { timeout: 600_000 }, () => {
  let s: Session;

  before(async () => {
    s = await openSession('profile-run', 'sample', {
      prepareWorkspace: prepareSampleWorkspace,
      // Short dump windows so a run of a few seconds has several.
      settings: { 'perflens.run.perfDumpMs': 500, 'perflens.run.graceMs': 4000 },
    });
  });
  after(async () => {
    await s?.close();
  });

  it('profiles a package.json script under cpu-prof, shows it live, stops from the status bar, keeps everything', async () => {
    await s.step('cpu-prof-stop', async () => {
      const page = s.workbench.page;
      await runPaletteCommand(page, 'PerfLens: Profile Run');
      await chooseQuickPick(page, 'npm run daemon:forever');
      await chooseQuickPick(page, 'CPU profile (every Node process)');
      // Live: elapsed time, then the top counters from the dumps parsed as they appear.
      const live = await waitForStatusBar(page, /PerfLens \d+:\d\d · \S+ \d/, 60_000);
      assert.match(live, /orbitdb\.putEntry|wallet\.send|ipfs\.pinCar/);
      // Let a few 500 ms windows pass before stopping.
      await waitForStatusBar(page, /PerfLens 0:0[3-9]/, 60_000);
      await screenshot(page, 'profile-run-live');
      await page
        .locator('.statusbar-item', { hasText: /PerfLens \d+:\d\d/ })
        .first()
        .click();
      const ended = await waitForNotification(page, /npm run daemon:forever stopped after/, 60_000);
      assert.match(ended, /\d+ profile\(s\), \d+ counter window\(s\)/);

      const [dir] = runFolders(s.workspace);
      assert.ok(dir, 'a run folder was written under .perflens/runs');
      const run = readRun(dir);
      assert.equal(run.status, 'stopped');
      assert.equal(run.profiler, 'cpu-prof');
      // npm itself and the daemon are Node processes: each gets its own profile.
      assertProfiles(dir, 2);
      assertOneProfilePerNodeProcess(dir);
      assert.match(readFileSync(join(dir, 'script.log'), 'utf8'), /\[perf-counters\] snapshot:/);
      const counters = readFileSync(join(dir, 'counters.jsonl'), 'utf8').trim().split('\n');
      assert.ok(counters.length >= 2, `several counter windows, got ${counters.length}`);
      for (const line of counters) JSON.parse(line);
      assert.match(readFileSync(join(dir, 'samples.tsv'), 'utf8').split('\n')[0], /pid/);
      assert.match(readFileSync(join(dir, 'totals.tsv'), 'utf8'), /orbitdb\.putEntry/);
      JSON.parse(readFileSync(join(dir, 'summary-metrics.json'), 'utf8'));
      const left = run.processes.filter((p) => alive(p.pid));
      assert.deepEqual(left, [], 'no process of the run is left behind');

      // The result opens in the panel: the daemon's TypeScript functions and its counters.
      const panel = activeWebview(page);
      await panel
        .locator('h2', { hasText: 'Top counters by total time' })
        .waitFor({ timeout: 60_000 });
      const functions = await panel
        .locator('section.table-section', { hasText: 'Your code: top functions by self time' })
        .locator('tbody')
        .innerText();
      assert.match(
        functions,
        /src\/\w[\w-]*\.ts:\d+/,
        'costs are source-mapped to the TypeScript sources',
      );
      await screenshot(page, 'profile-run-result');
    });
  });

  it('profiles a launch configuration under 0x until its duration ends', async () => {
    await s.step('0x', async () => {
      const page = s.workbench.page;
      const before = runFolders(s.workspace).length;
      await runPaletteCommand(page, 'PerfLens: Profile Run');
      await chooseQuickPick(page, 'Sample daemon (10 s)');
      await chooseQuickPick(page, '0x');
      // The launch configuration's own --duration is not known to PerfLens, so it warns that
      // 0x's V8 log grows until the run stops; the user goes ahead.
      await page.getByRole('button', { name: 'Run with 0x' }).click();
      await waitForNotification(page, /Sample daemon \(10 s\) completed after/, 180_000);
      const dirs = runFolders(s.workspace);
      assert.equal(dirs.length, before + 1);
      const dir = dirs[dirs.length - 1];
      assert.equal(readRun(dir).profiler, '0x');
      const zx = readdirSync(join(dir, '0x'), { recursive: true }).map(String);
      assert.ok(
        zx.some((f) => f.endsWith('-v8.log')),
        `0x's V8 log is kept: ${zx.join(', ')}`,
      );
      assert.ok(
        zx.some((f) => f.endsWith('-v8.log.json')),
        `0x's preprocessed log (what PerfLens reads) is written: ${zx.join(', ')}`,
      );
      assert.ok(
        readFileSync(join(dir, 'counters.jsonl'), 'utf8').trim().length > 0,
        'counters were captured under 0x too',
      );
      // The result opens in the panel, from 0x's own profile data.
      await activeWebview(page)
        .locator('h1', { hasText: 'sample-daemon-10-s' })
        .waitFor({ timeout: 60_000 });
    });
  });

  it('marks a crashing daemon as failed with its exit code, and keeps what it captured', async () => {
    await s.step('crash', async () => {
      const page = s.workbench.page;
      const before = runFolders(s.workspace).length;
      await runPaletteCommand(page, 'PerfLens: Profile Run');
      await chooseQuickPick(page, 'Sample daemon (crashes after 2 s)');
      await chooseQuickPick(page, 'CPU profile (every Node process)');
      const text = await waitForNotification(
        page,
        /crashes after 2 s\) failed \(exit \d+\)/,
        60_000,
      );
      assert.match(text, /failed \(exit [1-9]\d*\)/);
      const dir = runFolders(s.workspace)[before];
      const run = readRun(dir);
      assert.equal(run.status, 'failed');
      assert.ok(run.exitCode !== 0 && run.exitCode !== null && run.exitCode !== undefined);
      assert.match(readFileSync(join(dir, 'script.log'), 'utf8'), /Error/);
      assertProfiles(dir, 1);
      await activeWebview(page)
        .locator('h1', { hasText: 'crashes-after-2-s' })
        .waitFor({ timeout: 60_000 });
    });
  });

  it('takes a profile window of a daemon that is already running, through its inspector', async () => {
    await s.step('profile-window', async () => {
      const page = s.workbench.page;
      // A daemon started outside PerfLens, with no inspector flags, that would run forever.
      const daemon = spawn(
        process.execPath,
        ['dist/main.js', '--name', 'carol', '--ops-per-sec', '100'],
        { cwd: s.workspace, detached: true, stdio: 'ignore' },
      );
      try {
        await runPaletteCommand(page, 'PerfLens: Profile Window of a Running Node Process…');
        await chooseQuickPick(page, `pid ${daemon.pid}`);
        const seconds = page.locator('.quick-input-widget input.input');
        await seconds.fill('2');
        await seconds.press('Enter');
        const done = await waitForNotification(
          page,
          new RegExp(`profile window of pid ${daemon.pid}: \\d+\\.\\d s, \\d+ samples`),
          60_000,
        );
        assert.match(done, /window-pid/);
        const dir = runFolders(s.workspace).find((d) => d.includes(`window-pid${daemon.pid}`));
        assert.ok(dir, 'the window has its own run folder');
        assert.equal(readRun(dir).status, 'completed');
        assertProfiles(dir, 1);
        // The daemon was sampled and let go: still running.
        assert.ok(alive(daemon.pid!), 'the daemon keeps running after the window');
        await activeWebview(page)
          .locator('h2', { hasText: 'Your code: top functions by self time' })
          .waitFor({ timeout: 60_000 });
      } finally {
        process.kill(-daemon.pid!, 'SIGKILL');
      }
    });
  });
});

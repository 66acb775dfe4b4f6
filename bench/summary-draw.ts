/**
 * Summary benchmark (issue 11): time from the command to a drawn Summary in the real VS Code
 * (code-server + headless Chromium, the integration harness) for a run folder holding one hour
 * of counters from three processes — 720 dumps each every 5 s in script.log (4.3 MB), a
 * samples.tsv row per process per second, run.json (bench/syntheticRun.ts) — and then to the
 * Over time tab's charts drawn from it.
 *
 *   npm run bench:summary -- [--reps 5] [--minutes 60] [--dir /tmp/perflens-bench-summary]
 *
 * Needs `npm run package` and the harness (`npm run setup:vscode`) first; run it under
 * `flock /tmp/perflens-vscode.lock` like the integration tests.
 *
 * Timed: palette "PerfLens: Open Profile, Log or Run Folder…", the path typed into the open
 * dialog; the clock starts when the dialog closes and stops when the panel shows the Summary's
 * five top counters (Playwright polls every 100 ms); then a click on "Over time" until its three
 * charts (counters, CPU %, RSS) have canvases. Every editor is closed before each rep, and the
 * folder's files are touched, so each rep reads and parses the whole folder.
 * Reference, in the same run: `perflens report <dir>` (the CLI: the same engine, no editor) —
 * the floor the editor path is compared against. Medians over --reps.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, utimesSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { openSession } from '../test/vscode/harness/session';
import {
  answerOpenDialog,
  runPaletteCommand,
  screenshot,
  waitUntil,
} from '../test/vscode/harness/workbench';
import { repoRoot } from '../test/vscode/harness/paths';
import { generateRun } from './syntheticRun';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The visible panel frame whose heading names `title`, once its Summary lists five counters. */
async function drawnSummary(page: Page, title: string): Promise<Frame> {
  let found: Frame | undefined;
  await waitUntil(
    async () => {
      for (const f of page.frames()) {
        const ok = await f
          .evaluate((t) => {
            const d = (
              globalThis as unknown as {
                document: {
                  querySelector(s: string): { textContent: string | null } | null;
                  querySelectorAll(s: string): { length: number };
                };
              }
            ).document;
            return (
              (d.querySelector('h1')?.textContent ?? '').includes(t) &&
              d.querySelectorAll('section.table-section tbody tr').length >= 5
            );
          }, title)
          .catch(() => false);
        if (ok) {
          found = f;
          return true;
        }
      }
      return false;
    },
    300_000,
    `the Summary of ${title} is drawn`,
  );
  return found!;
}

async function main(): Promise<void> {
  const reps = Number(arg('reps', '5'));
  const minutes = Number(arg('minutes', '60'));
  const root = arg('dir', '/tmp/perflens-bench-summary');
  rmSync(root, { recursive: true, force: true });
  const name = `hour-3procs`;
  let runDir = '';
  let facts = { dumps: 0, logBytes: 0 };
  const s = await openSession('bench-summary', 'basic', {
    prepareWorkspace: (ws) => {
      runDir = join(ws, 'runs', name);
      facts = generateRun({ dir: runDir, durationS: minutes * 60 });
    },
  });
  const summary: number[] = [];
  const overTime: number[] = [];
  const cli: number[] = [];
  try {
    const page = s.workbench.page;
    for (let k = 0; k < reps; k++) {
      const now = new Date();
      for (const f of readdirSync(runDir)) utimesSync(join(runDir, f), now, now);
      await runPaletteCommand(page, 'View: Close All Editors');
      await runPaletteCommand(page, 'PerfLens: Open Profile, Log or Run Folder…');
      await answerOpenDialog(page, runDir);
      const t0 = performance.now();
      const f = await drawnSummary(page, name);
      summary.push(performance.now() - t0);
      const t1 = performance.now();
      await f.locator('#tab-time').click();
      await waitUntil(
        async () => (await f.locator('.over-time .uplot canvas').count()) >= 3,
        300_000,
        'three charts drawn',
      );
      overTime.push(performance.now() - t1);
      if (k === 0) await screenshot(page, 'bench-summary-over-time');
      await f.locator('#tab-summary').click();
      const c0 = performance.now();
      execFileSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'report', runDir], {
        stdio: 'ignore',
      });
      cli.push(performance.now() - c0);
    }
  } finally {
    await s.close();
  }
  const ms = (x: number): string => x.toFixed(0);
  console.log(
    `Summary of a run folder: ${minutes} min × 3 processes, ${facts.dumps} dumps, script.log ${(facts.logBytes / 1e6).toFixed(1)} MB; median of ${reps} (load ${loadavg()[0].toFixed(1)})\n`,
  );
  console.log('| what | median ms | all ms |');
  console.log('| :--- | ---: | :--- |');
  console.log(
    `| PerfLens: command → Summary drawn | ${ms(median(summary))} | ${summary.map(ms).join(', ')} |`,
  );
  console.log(
    `| PerfLens: Over time tab → 3 charts drawn | ${ms(median(overTime))} | ${overTime.map(ms).join(', ')} |`,
  );
  console.log(
    `| reference: perflens report (CLI, same engine, no editor) | ${ms(median(cli))} | ${cli.map(ms).join(', ')} |`,
  );
  console.log(`\nratio Summary / CLI report: ${(median(summary) / median(cli)).toFixed(2)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

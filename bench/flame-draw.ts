/**
 * Flame-graph benchmark (issue 11): time from the command to a drawn flame graph in the real
 * VS Code (code-server + headless Chromium, the integration harness), next to speedscope
 * standalone opening the same `.cpuprofile` in the same Chromium.
 *
 *   npm run bench:flame -- [--sizes 10,100,500] [--reps 3] [--dir /tmp/perflens-bench]
 *                          [--standalone-max-mb 1000] [--timeout-s 900]
 *
 * Needs `npm run package` and the harness (`npm run setup:vscode`) first; run it under
 * `flock /tmp/perflens-vscode.lock` like the integration tests.
 *
 * What is timed, the same criterion on both sides — "drawn": speedscope has titled its page
 * `<name> - speedscope` (its import ended), shows its view tabs, and a canvas is in the page.
 *  - PerfLens: palette "PerfLens: Open Flame Graph", the path typed into the open dialog; the
 *    clock starts when the dialog closes (the command has its path) and stops when the flame page
 *    is drawn (Playwright polls every 100 ms). The extension also logs its own span (from the
 *    command's handler to the page's "drawn" message) with the server's share and the longest
 *    delay of the extension host's event loop meanwhile (monitorEventLoopDelay); both are quoted.
 *    Each rep touches the profile's modification time first, so the server's file cache misses
 *    and every rep reads and converts the whole profile.
 *  - speedscope standalone: its own built app (npm `speedscope`, dist/release) served over a
 *    loopback http server with the profile, opened as `index.html#profileURL=…` in a fresh page of
 *    the same Chromium build and flags; the clock starts before navigation.
 * Medians over --reps; the machine is shared, so ratios matter more than absolute figures.
 */
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { loadavg } from 'node:os';
import { dirname, extname, join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { openSession, type Session } from '../test/vscode/harness/session';
import {
  activeWebview,
  answerOpenDialog,
  launchBrowser,
  runPaletteCommand,
  screenshot,
} from '../test/vscode/harness/workbench';
import { generateCpuprofile } from './syntheticCpuprofile';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

interface Result {
  ok: boolean;
  ms: number;
  error?: string;
  /** PerfLens only: the extension's own figures for this draw. */
  inner?: {
    ms: number;
    serverMs: number;
    fileMb: number;
    maxDelayMs: number;
    /** The page's own split: fetching the file, then speedscope importing and drawing it. */
    pageFetchMs?: number;
    pageDrawMs?: number;
  };
}

type Doc = { title: string; body: { innerText: string } };

/** Poll (every 100 ms) until speedscope has drawn `title`; reject on timeout or on `failed()`. */
async function waitDrawn(
  read: () => Promise<{ title: string; text: string; canvas: boolean }>,
  title: string,
  timeoutMs: number,
  failed: () => string | undefined = () => undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const why = failed();
    if (why) throw new Error(why);
    const s = await read().catch(() => ({ title: '', text: '', canvas: false }));
    if (s.title === `${title} - speedscope` && s.text.includes('Sandwich') && s.canvas) return;
    if (/Something went wrong/.test(s.text)) throw new Error('speedscope: "Something went wrong"');
    if (Date.now() > deadline) throw new Error(`not drawn within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const readFrame = (frame: FrameLocator) => () =>
  frame.locator('html').evaluate(() => {
    const d = (globalThis as unknown as { document: Doc & { querySelector(s: string): unknown } })
      .document;
    return { title: d.title, text: d.body.innerText, canvas: d.querySelector('canvas') !== null };
  });

const readPage = (page: Page) => () =>
  page.evaluate(() => {
    const d = (globalThis as unknown as { document: Doc & { querySelector(s: string): unknown } })
      .document;
    return { title: d.title, text: d.body.innerText, canvas: d.querySelector('canvas') !== null };
  });

/** Every line of the PerfLens output channel's log files under the user-data folder. */
function perflensLog(userDataDir: string): string[] {
  const lines: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/PerfLens\.log$/.test(e.name)) lines.push(...readFileSync(p, 'utf8').split('\n'));
    }
  };
  walk(join(userDataDir, 'logs'));
  return lines;
}

const INNER =
  /flame graph of (.*): drawn (\d+) ms after the command \(server (\d+) ms, flame file ([\d.]+) MB\); extension host event loop: longest delay (\d+) ms/;

const PAGE = /page: fetch (\d+) ms, speedscope import and draw (\d+) ms/;

async function perflensOnce(s: Session, file: string, timeoutMs: number): Promise<Result> {
  const page = s.workbench.page;
  const now = new Date();
  utimesSync(file, now, now); // a new cache key: the server reads the profile again
  const before = perflensLog(s.server.userDataDir).filter((l) => INNER.test(l)).length;
  // No graph of a previous rep may be on screen when the clock runs.
  await runPaletteCommand(page, 'View: Close All Editors');
  await runPaletteCommand(page, 'PerfLens: Open Flame Graph');
  await answerOpenDialog(page, file);
  const t0 = performance.now();
  try {
    await waitDrawn(readFrame(activeWebview(page)), file.split('/').pop()!, timeoutMs);
  } catch (e) {
    await screenshot(page, `bench-flame-FAILED-${file.split('/').pop()}`);
    return { ok: false, ms: NaN, error: (e as Error).message };
  }
  const ms = performance.now() - t0;
  // The extension writes its line when the page reports "drawn"; wait for it to reach the log.
  let inner: Result['inner'];
  for (let i = 0; i < 100 && !inner; i++) {
    const m = perflensLog(s.server.userDataDir)
      .filter((l) => INNER.test(l))
      .slice(before)
      .map((l) => INNER.exec(l)!)
      .find((x) => x[1] === file);
    if (m) {
      const split = PAGE.exec(m.input);
      inner = {
        ms: +m[2],
        serverMs: +m[3],
        fileMb: +m[4],
        maxDelayMs: +m[5],
        ...(split ? { pageFetchMs: +split[1], pageDrawMs: +split[2] } : {}),
      };
    } else await new Promise((r) => setTimeout(r, 100));
  }
  return { ok: true, ms, inner };
}

function serve(root: string, profile: string): Promise<{ server: Server; origin: string }> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.woff2': 'font/woff2',
    '.png': 'image/png',
    '.wasm': 'application/wasm',
  };
  const server = createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
    const path = url === '/profile.cpuprofile' ? profile : join(root, url.replace(/^\/+/, ''));
    if (!path.startsWith(root) && path !== profile) return void res.writeHead(403).end();
    if (!existsSync(path) || !statSync(path).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': types[extname(path)] ?? 'application/octet-stream',
      'content-length': statSync(path).size,
    });
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve({ server, origin: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}` });
    }),
  );
}

async function standaloneOnce(file: string, timeoutMs: number): Promise<Result> {
  const release = join(dirname(require.resolve('speedscope/package.json')), 'dist', 'release');
  const { server, origin } = await serve(release, file);
  const browser = await launchBrowser();
  try {
    const page = await (
      await browser.newContext({ viewport: { width: 1400, height: 900 } })
    ).newPage();
    let crashed: string | undefined;
    page.on('crash', () => (crashed = 'the page crashed (renderer out of memory?)'));
    page.on('dialog', (d) => {
      crashed = `speedscope alert: ${d.message()}`;
      void d.dismiss();
    });
    const t0 = performance.now();
    await page.goto(
      `${origin}/index.html#profileURL=${encodeURIComponent(`${origin}/profile.cpuprofile`)}`,
    );
    try {
      await waitDrawn(readPage(page), 'profile.cpuprofile', timeoutMs, () => crashed);
    } catch (e) {
      return { ok: false, ms: NaN, error: (e as Error).message };
    }
    return { ok: true, ms: performance.now() - t0 };
  } finally {
    await browser.close();
    server.close();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

async function main(): Promise<void> {
  const sizes = arg('sizes', '10,100,500').split(',').map(Number);
  const reps = Number(arg('reps', '3'));
  const dir = arg('dir', '/tmp/perflens-bench');
  const standaloneMax = Number(arg('standalone-max-mb', '1000'));
  const timeoutMs = Number(arg('timeout-s', '900')) * 1000;
  mkdirSync(dir, { recursive: true });
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  console.log(`reps ${reps} per cell (median); load average at start: ${load()}`);
  const rows: string[] = [];
  for (const mb of sizes) {
    const file = join(dir, `synthetic-${mb}mb.cpuprofile`);
    if (!existsSync(file)) generateCpuprofile(file, mb * 1024 * 1024);
    const size = statSync(file).size / 1048576;
    const ours: Result[] = [];
    const theirs: Result[] = [];
    const s = await openSession(`bench-flame-${mb}`, 'basic');
    try {
      for (let i = 0; i < reps; i++) {
        // Interleaved, so load on the shared machine hits both alike.
        ours.push(await perflensOnce(s, file, timeoutMs));
        process.stderr.write(`${mb} MB PerfLens #${i + 1}: ${JSON.stringify(ours.at(-1))}\n`);
        if (mb <= standaloneMax) {
          theirs.push(await standaloneOnce(file, timeoutMs));
          process.stderr.write(`${mb} MB standalone #${i + 1}: ${JSON.stringify(theirs.at(-1))}\n`);
        }
      }
      await screenshot(s.workbench.page, `bench-flame-${mb}mb`);
    } finally {
      await s.close();
    }
    const cell = (rs: Result[]) => {
      const ok = rs.filter((r) => r.ok);
      if (!rs.length) return { ms: NaN, text: 'not run' };
      if (!ok.length) return { ms: NaN, text: `failed: ${rs[0].error}` };
      const ms = median(ok.map((r) => r.ms));
      const failed = rs.length - ok.length;
      return {
        ms,
        text: `${(ms / 1000).toFixed(1)} s${failed ? ` (${failed} of ${rs.length} failed: ${rs.find((r) => !r.ok)?.error})` : ''}`,
      };
    };
    const o = cell(ours);
    const t = cell(theirs);
    const inner = ours.filter((r) => r.inner).map((r) => r.inner!);
    const m = (f: (x: NonNullable<Result['inner']>) => number) =>
      inner.length ? median(inner.map(f)) : NaN;
    rows.push(
      `| ${size.toFixed(0)} MB | ${o.text} | ${t.text} | ${
        Number.isFinite(o.ms) && Number.isFinite(t.ms) ? `${(o.ms / t.ms).toFixed(2)}×` : '—'
      } | ${(m((x) => x.ms) / 1000).toFixed(1)} s (server ${(m((x) => x.serverMs) / 1000).toFixed(1)} s) | ${m((x) => x.fileMb).toFixed(1)} MB | ${m((x) => x.maxDelayMs).toFixed(0)} ms |`,
    );
  }
  console.log(`load average at end: ${load()}\n`);
  console.log(
    '| .cpuprofile | PerfLens: dialog closed → drawn (median) | speedscope standalone: ' +
      'navigation → drawn (median) | PerfLens / standalone | PerfLens, its ' +
      'own log: command → drawn | flame file | extension host: longest ' +
      'event-loop delay |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

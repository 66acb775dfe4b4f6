/**
 * The PerfLens panel in a real VS Code, used as a user would: a saved run folder and a CPU
 * profile each open in their own panel; every tab's numbers are checked against the fixture
 * (hand computations beside each check), tables sort and filter, a row opens its source at the
 * right line, Copy as Markdown fills the clipboard, the theme switches, and a window reload
 * brings the panel back as it was. Screenshots of each tab, dark and light, are kept.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { openSession, type Session } from './harness/session';
import {
  answerOpenDialog,
  chooseQuickPick,
  runPaletteCommand,
  screenshot,
  waitForPerfLens,
  waitUntil,
} from './harness/workbench';
import { repoRoot } from './harness/paths';
import { panelFrame, rowText } from './harness/panelFrame';
import { HOSTILE, writeHostileInputs } from './harness/hostileInputs';

const RUN_FIXTURE = join(
  repoRoot,
  'test',
  'fixtures',
  'soak-runs',
  'node-20',
  'two-wallets',
  'run-1',
);

/**
 * alice's dump windows by hand from script.log: each `[alice]   'orbitdb.putEntry.bundle': {
 * count: N, totalMs: M` line is one window (lines 7, 37, 70, 102, 134, 164) — read with a regex,
 * not with PerfLens's parser.
 */
function aliceBundleWindows(): { calls: number[]; ms: number[] } {
  const calls: number[] = [];
  const ms: number[] = [];
  for (const line of readFileSync(join(RUN_FIXTURE, 'script.log'), 'utf8').split('\n')) {
    const m = /^\[alice\] +'orbitdb\.putEntry\.bundle': \{ count: (\d+), totalMs: ([\d.]+)/.exec(
      line,
    );
    if (m) {
      calls.push(Number(m[1]));
      ms.push(Number(m[2]));
    }
  }
  return { calls, ms };
}

/** Least squares written out here (means, Sxx, Sxy, Syy), independent of webview/logic/fit.ts. */
function handFit(xs: number[], ys: number[]): { slope: number; intercept: number; r2: number } {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
    syy += (ys[i] - my) ** 2;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: (sxy * sxy) / (sxx * syy) };
}

/** A Markdown table's cells, by the title line that precedes it. */
function markdownRows(md: string, title: string): string[][] {
  const block = md.split('### ').find((b) => b.startsWith(title)) ?? '';
  return block
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .map((l) =>
      l
        .slice(1, -1)
        .split(' | ')
        .map((c) => c.trim()),
    );
}
const num = (cell: string): number => Number(cell.replace(/,/g, ''));

describe('The PerfLens panel (real VS Code)', { timeout: 600_000 }, () => {
  let s: Session;
  let run: string;
  let profile: string;
  const cspViolations = (): string[] =>
    s.workbench.consoleLines.filter((l) =>
      /Refused to (apply|load|execute|evaluate)|Content Security Policy/.test(l),
    );

  async function open(path: string, heading: string): Promise<Frame> {
    const page = s.workbench.page;
    await runPaletteCommand(page, 'PerfLens: Open Profile, Log or Run Folder…');
    await answerOpenDialog(page, path);
    return panelFrame(page, heading);
  }
  /** Press a Copy as Markdown button and read what reached the clipboard. */
  async function copied(frame: Frame, scope: string): Promise<string> {
    const page = s.workbench.page;
    type Clip = {
      navigator: {
        clipboard: { readText(): Promise<string>; writeText(t: string): Promise<void> };
      };
    };
    await page.evaluate(() => (globalThis as unknown as Clip).navigator.clipboard.writeText('-'));
    await frame.locator(`${scope} button.copy-markdown`).first().click();
    let text = '-';
    await waitUntil(
      async () => {
        text = await page.evaluate(() =>
          (globalThis as unknown as Clip).navigator.clipboard.readText(),
        );
        return text !== '-';
      },
      30_000,
      `the Markdown of ${scope} on the clipboard`,
    );
    return text;
  }
  async function tab(frame: Frame, id: string): Promise<void> {
    await frame.locator(`#tab-${id}`).click();
    await frame.locator(`#tab-${id}[aria-selected="true"]`).waitFor();
  }

  before(async () => {
    // A dark theme to start with (code-server's default is light): the "-dark" screenshots.
    s = await openSession('panel', 'basic', {
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
    await s.workbench.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // Room for the panel: close the secondary side bar (chat) that VS Code opens on the right.
    const aux = s.workbench.page.locator('.part.auxiliarybar');
    if (await aux.isVisible().catch(() => false))
      await s.workbench.page.keyboard.press('Control+Alt+B');
    run = join(s.workspace, 'runs', 'run-1');
    mkdirSync(join(s.workspace, 'runs'), { recursive: true });
    cpSync(RUN_FIXTURE, run, { recursive: true });
    execFileSync(
      process.execPath,
      ['--cpu-prof', '--cpu-prof-dir=profiles', '--cpu-prof-name=live.cpuprofile', 'src/work.js'],
      { cwd: s.workspace },
    );
    profile = join(s.workspace, 'profiles', 'live.cpuprofile');
  });
  after(async () => {
    await s?.close();
  });

  it('Summary of a saved run: what ran, exit, checks, top counters with % of wall summed over 2 processes', async () => {
    await s.step('summary', async () => {
      const f = await open(run, 'run-1');
      const facts = await f.locator('dl.facts').innerText();
      assert.match(facts, /node twoProcs\.mjs/);
      // run.json: 23:45:41.195 − 23:45:39.106 = 2.089 s
      assert.match(facts, /2\.1 s \(run\.json start\/end\)/);
      assert.match(facts, /exit 0/);
      // script.log lines 195–197
      assert.match(facts, /3 PASS, 0 FAIL/);
      const top = await rowText(f, 'section.table-section', 'orbitdb.putEntry.bundle');
      // alice 1594.547 + bob 1592.032 = 3186.579 ms over 182 + 182 calls… (count: 184 + 180 = 364)
      assert.match(top, /364/);
      assert.match(top, /3,186\.6 ms/);
      // (1594.547 / 2089 + 1592.032 / 2089) × 100 = 152.5 %
      assert.match(top, /152\.5 %/);
      assert.match(
        await f.locator('section.table-section th', { hasText: '% of wall' }).first().innerText(),
        /summed over 2 processes/,
      );
      // CPU and memory: one row per pid of samples.tsv (22982, 22999, 23000), over the whole run
      // (2.1 s is shorter than the 30 s start-skip).
      const resources = await f.locator('section.resources').innerText();
      assert.match(resources, /pid 22982/);
      assert.match(resources, /pid 23000/);
      assert.match(resources, /whole run/);
      await screenshot(s.workbench.page, 'panel-summary-dark');
    });
  });

  it('Counters: per process, sortable, filterable, with the total row explained', async () => {
    await s.step('counters', async () => {
      const f = await panelFrame(s.workbench.page, 'run-1');
      await tab(f, 'counters');
      const table = 'table.counter-table';
      // per process: alice's bundle 1594.547 / 2089 = 76.3 %
      await f.locator('.toolbar select').first().selectOption('0');
      assert.match(await rowText(f, table, 'orbitdb.putEntry.bundle'), /76\.3 %/);
      assert.equal(
        (await f.locator(`${table} thead th`, { hasText: '% of wall' }).innerText()).includes(
          'summed',
        ),
        false,
      );
      // all processes again
      await f.locator('.toolbar select').first().selectOption('-1');
      assert.match(
        await f.locator(`${table} thead`).innerText(),
        /% of wall \(summed over 2 processes\)/,
      );
      // The total row adds no timer times (timers nest): how many counters, over the run's
      // wall-clock of 23:45:41.195 − 23:45:39.106 = 2.089 s.
      const total = await f.locator(`${table} tfoot`).innerText();
      assert.match(total, /Total: \d+ counters/);
      assert.match(total, /2\.1 s wall-clock/);
      assert.match(total, /not added: timers nest/);
      assert.match(
        await f.locator('.counters .basis').first().innerText(),
        /summed over 2 processes/,
      );
      // sort by count, ascending then descending: ipfs.fetchCar.bytes (1,217,992 bytes) is the
      // largest count
      await f.locator(`${table} button.sort[data-sort="count"]`).click();
      await f.locator('label.check input').uncheck(); // flat list, so the first row is the largest
      const first = async () =>
        (await f.locator(`${table} tbody tr`).first().innerText()).split('\t')[0].trim();
      await waitUntil(
        async () => (await first()) === 'ipfs.fetchCar.bytes',
        10_000,
        'largest count first',
      );
      await f.locator(`${table} button.sort[data-sort="count"]`).click();
      await waitUntil(
        async () => (await first()) !== 'ipfs.fetchCar.bytes',
        10_000,
        'order reversed',
      );
      // filter
      await f.locator('.counters input[type="search"]').fill('headVerify');
      await waitUntil(
        async () => (await f.locator(`${table} tbody tr`).count()) === 1,
        10_000,
        'one row left',
      );
      assert.match(
        await f.locator(`${table} tbody tr`).first().innerText(),
        /orbitdb\.putEntry\.headVerify/,
      );
      await screenshot(s.workbench.page, 'panel-counters-dark');
    });
  });

  it('Copy as Markdown puts a GitHub table with its basis on the clipboard', async () => {
    await s.step('copy-markdown', async () => {
      const f = await panelFrame(s.workbench.page, 'run-1');
      await f.locator('.counters button.copy-markdown').click();
      await f.locator('.notice', { hasText: 'Copied' }).waitFor({ timeout: 30_000 });
      const md = await s.workbench.page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      );
      assert.match(md, /^### Counters: all processes/m);
      assert.match(
        md,
        /\| Counter \| Count \| Unit \| Total ms \| Avg ms \| Max ms \| Rate \/s \| % of wall \(summed over 2 processes\) \| Of parent \|/,
      );
      assert.match(
        md,
        /\| :--- \| ---: \| :--- \| ---: \| ---: \| ---: \| ---: \| ---: \| :--- \|/,
      );
      // the filtered view: headVerify only; alice 469.258 + bob 442.205 = 911.463 → 911.5 ms
      assert.match(md, /\| orbitdb\.putEntry\.headVerify \| 364 \| calls \| 911\.5 \|/);
      // its total: one counter over the run's 2.1 s, no timer sum
      assert.match(md, /Total: 1 counter\(s\) over 2\.1 s of wall-clock/);
      assert.match(md, /summed over 2 processes, so it can pass 100 %/);
    });
  });

  it('Over time: uPlot charts with legend values on hover; a click picks a window for the tables', async () => {
    await s.step('over-time', async () => {
      const f = await panelFrame(s.workbench.page, 'run-1');
      await f.locator('.counters input[type="search"]').fill('');
      await tab(f, 'time');
      const chart = f.locator('.over-time .uplot').first();
      await chart.waitFor();
      assert.equal(await f.locator('.over-time .uplot').count(), 3, 'counters, CPU %, RSS');
      // run.json: 2.089 s of run, shorter than the 30 s start-skip: nothing was skipped, and the
      // note must not claim the first 30 s were left out.
      const skipNote = await f.locator('.over-time .start-skip').innerText();
      assert.match(skipNote, /shorter than the 30 s start-skip, so nothing was left out/);
      assert.doesNotMatch(skipNote, /Shaded/);
      const over = chart.locator('.u-over');
      const box = (await over.boundingBox())!;
      // alice's first window (x = 0.755 s) is at the left edge; hover there and click
      await over.hover({ position: { x: 2, y: box.height / 2 } });
      await waitUntil(
        async () => !/--/.test(await chart.locator('.u-legend .u-series').nth(1).innerText()),
        10_000,
        'the legend shows values under the cursor',
      );
      await over.click({ position: { x: 2, y: box.height / 2 } });
      await f.locator('.banner', { hasText: 'Window 1 of alice picked' }).waitFor();
      await screenshot(s.workbench.page, 'panel-over-time-dark');
      await f.locator('.banner button', { hasText: 'Show its counters' }).click();
      // window 1 of alice in script.log (lines 2–16): bundle 33 calls, 288.827 ms
      assert.match(
        await rowText(f, 'table.counter-table', 'orbitdb.putEntry.bundle'),
        /33[\s\S]*288\.8 ms/,
      );
      await f.locator('.banner button', { hasText: 'Show the whole run' }).click();
      // Copy as Markdown: the per-window table of what is charted, then CPU and RSS.
      await tab(f, 'time');
      const md = await copied(f, '.over-time');
      const [, counters] = md.split('### ');
      assert.match(counters, /^Counters per window: alice/);
      assert.match(
        counters,
        /\| Window \| End \(s since start\) \| Log line \| .*total ms per window/,
      );
      // alice has 6 dump windows in script.log: rows 1 to 6
      assert.deepEqual(
        counters
          .split('\n')
          .filter((l) => /^\| \d+ \|/.test(l))
          .map((l) => l.split(' | ')[0]),
        ['| 1', '| 2', '| 3', '| 4', '| 5', '| 6'],
      );
      // …and the bundle column holds script.log's totalMs of each of those windows, in order
      // (288.827, 306.219, 300.277, 299.328, 293.542, 106.354 ms by the regex above).
      const rows = markdownRows(md, 'Counters per window: alice');
      const col = rows[0].findIndex((h) => h.startsWith('orbitdb.putEntry.bundle'));
      assert.ok(col > 0, `bundle is charted: ${rows[0].join(' | ')}`);
      const perWindow = rows.filter((r) => /^\d+$/.test(r[0])).map((r) => num(r[col]));
      const hand = aliceBundleWindows().ms;
      assert.equal(perWindow.length, hand.length);
      // to the printed precision (the table rounds; 106.354 may print as 106.35)
      perWindow.forEach((v, i) =>
        assert.ok(Math.abs(v - hand[i]) <= 0.05, `window ${i + 1}: ${v} against ${hand[i]}`),
      );
      // CPU and RSS: the first sample time of samples.tsv (line 2–4, 23:45:39.520Z): pid 22999
      // at 44.8 % CPU and 39,524 kB = 39524 / 1024 = 38.60 MiB; pid 23000 at 39.8 %, 32,000 kB
      // = 31.25 MiB.
      for (const [title, v22999, v23000] of [
        ['CPU % per process', 44.8, 39.8],
        ['RSS per process', 39524 / 1024, 32000 / 1024],
      ] as const) {
        const t = markdownRows(md, title);
        const c22999 = t[0].findIndex((h) => h.includes('22999'));
        const c23000 = t[0].findIndex((h) => h.includes('23000'));
        assert.ok(c22999 > 0 && c23000 > 0, `${title}: ${t[0].join(' | ')}`);
        const first = t.find((r) => /^[\d.]+$/.test(r[0]))!;
        assert.ok(Math.abs(num(first[c22999]) - v22999) < 0.051, `${title}: ${first.join(' | ')}`);
        assert.ok(Math.abs(num(first[c23000]) - v23000) < 0.051, `${title}: ${first.join(' | ')}`);
      }
      // A click on the CPU chart picks a counter window too: its right edge is the last sample,
      // 23:45:41.122 − 23:45:39.106 = 2.016 s, after alice's dump at 1.957 s and before the one
      // at 2.057 s, so window 6 (script.log line 164: bundle 14 calls, 106.354 ms).
      const cpu = f.locator('.over-time .uplot').nth(1).locator('.u-over');
      const cpuBox = (await cpu.boundingBox())!;
      const right = { x: cpuBox.width - 2, y: cpuBox.height / 2 };
      await cpu.hover({ position: right });
      await cpu.click({ position: right });
      await f.locator('.banner', { hasText: 'Window 6 of alice picked' }).waitFor();
      await f.locator('.banner button', { hasText: 'Show its counters' }).click();
      assert.match(
        await rowText(f, 'table.counter-table', 'orbitdb.putEntry.bundle'),
        /14[\s\S]*106\.4 ms/,
      );
      await f.locator('.banner button', { hasText: 'Show the whole run' }).click();
    });
  });

  it('Scaling: a scatter of per-window values with a least-squares line and a sentence', async () => {
    await s.step('scaling', async () => {
      const f = await panelFrame(s.workbench.page, 'run-1');
      await tab(f, 'scaling');
      // Does bundle time scale with bundle calls? X = calls, Y = ms per window of alice.
      await f.locator('select.axis-x').selectOption('counter|orbitdb.putEntry.bundle|count');
      await f.locator('select.axis-y').selectOption('counter|orbitdb.putEntry.bundle|totalMs');
      // By hand over alice's 6 windows of script.log (calls 33, 30, 37, 35, 35, 14; ms 288.827,
      // 306.219, 300.277, 299.328, 293.542, 106.354): slope 8.7677 ms per call, intercept
      // −3.1194, R² 0.9057 (also by awk over the same lines).
      const { calls, ms } = aliceBundleWindows();
      assert.deepEqual(calls, [33, 30, 37, 35, 35, 14]);
      const fit = handFit(calls, ms);
      assert.equal(fit.slope.toFixed(4), '8.7677');
      assert.equal(fit.r2.toFixed(4), '0.9057');
      await waitUntil(
        async () => (await f.locator('.fit-sentence').innerText()).includes('R² 0.91'),
        10_000,
        'the fit of bundle ms against bundle calls',
      );
      const sentence = await f.locator('.fit-sentence').innerText();
      assert.match(sentence, new RegExp(`R² ${fit.r2.toFixed(2)} \\(6 windows\\)`));
      assert.match(sentence, /grows ~linearly/);
      const facts = await f.locator('dl.facts.fit').innerText();
      assert.match(facts, new RegExp(`${fit.slope.toFixed(3)} ms`));
      assert.match(facts, new RegExp(fit.intercept.toFixed(3).replace('-', '[-−]')));
      assert.match(facts, new RegExp(fit.r2.toFixed(3)));
      assert.equal(await f.locator('.scaling .uplot').count(), 1);
      const md = await copied(f, '.scaling');
      assert.match(md, /^\| X \| Y \| Slope \| Intercept \| R² \| Windows \|$/m);
      // the fit over alice's 6 windows, and the sentence shown under the pickers
      assert.match(
        md,
        new RegExp(
          `\\| ${fit.slope.toFixed(4)} \\| [-−]${Math.abs(fit.intercept).toFixed(4)} \\| ${fit.r2.toFixed(4)} \\| 6 \\|$`,
          'm',
        ),
      );
      assert.ok(md.includes(sentence.replace(/\|/g, '\\|')), md);
      assert.match(md, /^### Scaling points: alice$/m);
      await screenshot(s.workbench.page, 'panel-scaling-dark');
    });
  });

  it('Functions of a profile: sort, filter, and a double-click opens the source line', async () => {
    await s.step('functions', async () => {
      const f = await open(profile, 'live.cpuprofile');
      await tab(f, 'functions');
      await f.locator('.vlist .vrow').first().waitFor();
      // Self time by hand from the .cpuprofile: sample i stands for the time until the next one
      // (timeDeltas[i + 1], the last until endTime, as DevTools counts it). Add those of each
      // work.js function's samples, count them, and check the function with most samples.
      const prof = JSON.parse(readFileSync(profile, 'utf8')) as {
        nodes: { id: number; callFrame: { functionName: string; url: string } }[];
        samples: number[];
        timeDeltas: number[];
        startTime: number;
        endTime: number;
      };
      const fnOf = new Map(
        prof.nodes
          .filter((n) => n.callFrame.url.endsWith('work.js') && n.callFrame.functionName)
          .map((n) => [n.id, n.callFrame.functionName]),
      );
      let at = prof.startTime;
      const times = prof.timeDeltas.map((dt) => (at += dt));
      const self = new Map<string, { us: number; samples: number }>();
      prof.samples.forEach((id, i) => {
        const fn = fnOf.get(id);
        if (!fn) return;
        const e = self.get(fn) ?? { us: 0, samples: 0 };
        e.samples++;
        e.us += (i + 1 < times.length ? times[i + 1] : prof.endTime) - times[i];
        self.set(fn, e);
      });
      const [hot, hand] = [...self].sort((a, b) => b[1].samples - a[1].samples)[0];
      await f.locator('.functions input[type="search"]').fill(hot);
      const cells = await f
        .locator('.vlist .vrow', { has: f.locator('.name', { hasText: new RegExp(`^${hot}$`) }) })
        .first()
        .locator('[role="gridcell"].num')
        .allInnerTexts();
      // Self, Self %, Total, Total %, Samples
      const ms1 = (us: number): string =>
        (us / 1000).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      assert.equal(cells[0], `${ms1(hand.us)} ms`, `${hot}: ${cells.join(' | ')}`);
      assert.equal(cells[4], hand.samples.toLocaleString('en-US'), `${hot}: ${cells.join(' | ')}`);
      await f.locator('.functions input[type="search"]').fill('Entry');
      await waitUntil(
        async () =>
          (await f.locator('.vlist .vrow .name').allInnerTexts()).every((n) => /entry/i.test(n)),
        10_000,
        'only rows naming Entry',
      );
      const names = await f.locator('.vlist .vrow .name').allInnerTexts();
      assert.ok(names.includes('putEntry') && names.includes('encodeEntry'), names.join(','));
      await f.locator('.grid-head button.sort[data-sort="name"]').click();
      await waitUntil(
        async () => (await f.locator('.vlist .vrow .name').first().innerText()) === 'encodeEntry',
        10_000,
        'sorted A→Z',
      );
      await screenshot(s.workbench.page, 'panel-functions-dark');
      // src/work.js: `function putEntry` is on line 13
      await f.locator('.vlist .vrow', { hasText: 'putEntry' }).first().dblclick();
      const page = s.workbench.page;
      await page.locator('.tab.active', { hasText: 'work.js' }).waitFor({ timeout: 30_000 });
      await page
        .locator('.statusbar-item', { hasText: /Ln 13, Col \d+/ })
        .first()
        .waitFor({ timeout: 30_000 });
    });
  });

  it('Keyboard: arrows, Home, End move between rows of every table, Enter opens, focus is visible', async () => {
    await s.step('keyboard', async () => {
      const page = s.workbench.page;
      /** The focused row's first cell and whether its focus outline is drawn. */
      const focused = (f: Frame) =>
        f.evaluate(() => {
          const doc = (globalThis as unknown as { document: { activeElement: unknown } }).document;
          const el = doc.activeElement as {
            tagName: string;
            textContent: string | null;
            cells?: ArrayLike<{ textContent: string | null }>;
          };
          const style = (
            globalThis as unknown as {
              getComputedStyle(e: unknown): { outlineStyle: string; outlineWidth: string };
            }
          ).getComputedStyle(el);
          return {
            tag: el.tagName,
            first: (el.cells?.[0]?.textContent ?? '').trim(),
            outlined: style.outlineStyle === 'solid' && style.outlineWidth !== '0px',
          };
        });
      const f = await open(run, 'run-1');
      await tab(f, 'summary');
      const rows = f.locator('section.top-counters table tbody tr');
      const names = (await rows.allInnerTexts()).map((t) => t.split('\t')[0].trim());
      assert.equal(names.length, 5, 'top five counters');
      await rows.first().focus();
      await page.keyboard.press('ArrowDown');
      assert.deepEqual(await focused(f), { tag: 'TR', first: names[1], outlined: true });
      await page.keyboard.press('End');
      assert.equal((await focused(f)).first, names[4]);
      await page.keyboard.press('Home');
      assert.equal((await focused(f)).first, names[0]);
      await page.keyboard.press('ArrowDown');
      // Enter on a top counter opens it in the Counters tab, selected.
      await page.keyboard.press('Enter');
      await f.locator('#tab-counters[aria-selected="true"]').waitFor();
      const selected = f.locator('table.counter-table tbody tr[aria-selected="true"]');
      assert.equal((await selected.innerText()).split('\t')[0].trim(), names[1]);
      // In the Counters table the focus moves with the arrows and selects the row it lands on.
      await selected.focus();
      const all = (await f.locator('table.counter-table tbody tr[tabindex]').allInnerTexts()).map(
        (t) => t.split('\t')[0].replace('└', '').trim(),
      );
      const at = all.indexOf(names[1]);
      await page.keyboard.press('ArrowDown');
      await waitUntil(
        async () =>
          (await selected.innerText()).split('\t')[0].replace('└', '').trim() === all[at + 1],
        10_000,
        'the next counter is selected',
      );
      assert.equal((await focused(f)).outlined, true);
      await page.keyboard.press('End');
      await waitUntil(
        async () =>
          (await selected.innerText()).split('\t')[0].replace('└', '').trim() === all.at(-1),
        10_000,
        'the last counter is selected',
      );
      await screenshot(page, 'panel-keyboard-counters');

      // The profile: Enter on a top function of the Summary opens its source line.
      const p = await open(profile, 'live.cpuprofile');
      await tab(p, 'summary');
      const fnRow = p.locator('section.table-section table tbody tr[tabindex]').first();
      const loc = await fnRow.locator('a.loc').innerText(); // work.js:<line>
      const line = Number(loc.split(':').at(-1));
      await fnRow.focus();
      await page.keyboard.press('Enter');
      await page.locator('.tab.active', { hasText: 'work.js' }).waitFor({ timeout: 30_000 });
      await page
        .locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col \\d+`) })
        .first()
        .waitFor({ timeout: 30_000 });
      // Functions (the windowed grid): Home, Down, End, Enter.
      const p2 = await open(profile, 'live.cpuprofile');
      await tab(p2, 'functions');
      await p2.locator('.functions input[type="search"]').fill('');
      await p2.locator('.vlist').focus();
      await page.keyboard.press('Home');
      // aria-rowindex counts the header row: the first data row is 2
      const sel = p2.locator('.vlist .vrow.selected');
      await waitUntil(
        async () => (await sel.getAttribute('aria-rowindex')) === '2',
        10_000,
        'row 1',
      );
      await page.keyboard.press('ArrowDown');
      await waitUntil(
        async () => (await sel.getAttribute('aria-rowindex')) === '3',
        10_000,
        'row 2',
      );
      await page.keyboard.press('End');
      const count = await p2.locator('.vlist').getAttribute('aria-rowcount');
      await waitUntil(
        async () => (await sel.getAttribute('aria-rowindex')) === count,
        10_000,
        'the last row is selected',
      );
      // Enter opens the selected row's source: src/work.js, `function putEntry` on line 13
      await p2.locator('.functions input[type="search"]').fill('putEntry');
      await p2.locator('.vlist').focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('Enter');
      await page.locator('.tab.active', { hasText: 'work.js' }).waitFor({ timeout: 30_000 });
      await page
        .locator('.statusbar-item', { hasText: /Ln 13, Col \d+/ })
        .first()
        .waitFor({ timeout: 30_000 });
    });
  });

  it('switches with the theme (light), keeps its state across a window reload', async () => {
    await s.step('theme-and-reload', async () => {
      const page = s.workbench.page;
      await runPaletteCommand(page, 'Preferences: Color Theme');
      await chooseQuickPick(page, 'Light Modern');
      const f = await open(run, 'run-1');
      await waitUntil(
        async () => /vscode-light/.test((await f.locator('body').getAttribute('class')) ?? ''),
        30_000,
        'the panel is light',
      );
      for (const t of ['summary', 'counters', 'time', 'scaling']) {
        await tab(f, t);
        await screenshot(page, `panel-${t}-light`);
      }
      const p = await open(profile, 'live.cpuprofile');
      await tab(p, 'functions');
      await screenshot(page, 'panel-functions-light');
      // Leave the run panel on Counters with a filter, then reload the window.
      const r = await open(run, 'run-1');
      await tab(r, 'counters');
      await r.locator('.counters input[type="search"]').fill('publish');
      await runPaletteCommand(page, 'Developer: Reload Window');
      await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
      await waitForPerfLens(page);
      const back = await panelFrame(page, 'run-1', 90_000);
      await back.locator('#tab-counters[aria-selected="true"]').waitFor({ timeout: 30_000 });
      assert.equal(await back.locator('.counters input[type="search"]').inputValue(), 'publish');
      assert.match(
        await back.locator('table.counter-table').innerText(),
        /orbitdb\.putEntry\.publish/,
      );
      await screenshot(page, 'panel-after-reload');
    });
  });

  it('hostile names render as text: nothing executes, the text appears literally', async () => {
    await s.step('hostile', async () => {
      const { profile: hp, log } = writeHostileInputs(s.workspace);
      const page = s.workbench.page;
      let dialogs = 0;
      page.on('dialog', (d) => {
        dialogs++;
        void d.dismiss();
      });
      // Each panel is checked while it is in front: a hidden panel's page is torn down.
      const noMarkupFromNames = async (frame: Frame): Promise<void> => {
        assert.equal(
          await frame.locator('img, svg[onload]').count(),
          0,
          'no element came from a name',
        );
        assert.notEqual(
          await frame.evaluate(
            () => (globalThis as unknown as { document: { title: string } }).document.title,
          ),
          'PWNED',
        );
      };
      const p = await open(hp, 'hostile.cpuprofile');
      await tab(p, 'functions');
      const fnNames = await p.locator('.vlist .vrow .name').allInnerTexts();
      assert.ok(fnNames.includes(HOSTILE.scriptBreak), fnNames.join(' | '));
      // the backticks and U+2028/U+2029 name and the hostile file name, character for character
      const texts = await p
        .locator('.vlist .vrow')
        .evaluateAll((rows) =>
          rows.map((r) => (r as unknown as { textContent: string }).textContent),
        );
      assert.ok(
        texts.some((t) => t.includes(HOSTILE.backticks)),
        texts.join(' | '),
      );
      assert.ok(
        texts.some((t) => t.includes(`${HOSTILE.attrBreak}.js`)),
        texts.join(' | '),
      );
      await noMarkupFromNames(p);
      const l = await open(log, 'hostile.log');
      await tab(l, 'counters');
      const counters = await l.locator('table.counter-table').innerText();
      assert.ok(counters.includes(HOSTILE.scriptBreak));
      assert.ok(counters.includes(HOSTILE.attrBreak));
      assert.ok(
        (
          await l
            .locator('table.counter-table')
            .evaluate((t) => (t as unknown as { textContent: string }).textContent)
        ).includes(HOSTILE.backticks),
      );
      await noMarkupFromNames(l);
      assert.notEqual(await page.title(), 'PWNED');
      assert.equal(dialogs, 0);
      await screenshot(page, 'panel-hostile-names');
      assert.deepEqual(cspViolations(), [], 'no CSP violation in the session');
    });
  });
});

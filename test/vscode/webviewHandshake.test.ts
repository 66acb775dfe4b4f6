/**
 * The pages' handshake with their host, in headless Chromium with the real bundles
 * (dist/webview/main.js, compare.js) and a stand-in for VS Code's webview API that answers
 * "ready" at once, as a fast host does. A page must say "ready" only when it can draw what
 * comes next: Preact subscribes components after the first paint, and a message that arrived
 * before then was once drawn as an empty page that reported "rendered" with nothing in it
 * (CI saw `tables: 0` from perflens.showPanel).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './harness/workbench';
import { repoRoot } from './harness/paths';

interface Posted {
  readonly type: string;
  readonly tables?: number;
  readonly rows?: number;
}

/** A page loading `bundle`, whose host answers the first "ready" with `reply` at once. */
function pageHtml(bundle: string, reply: unknown): string {
  const host = `
    window.posted = [];
    let answered = false;
    window.acquireVsCodeApi = () => ({
      postMessage(m) {
        window.posted.push(m);
        if (m.type === 'ready' && !answered) {
          answered = true;
          // Before the page's next frame, as a host answers when frames come slowly (a loaded
          // machine): a message event dispatched right after the page's script.
          queueMicrotask(() =>
            window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(reply)} })),
          );
        }
      },
      getState: () => undefined,
      setState: () => undefined,
    });`;
  return `<!doctype html><html><head><meta charset="utf-8"></head>
<body class="vscode-dark"><div id="perflens-root"></div>
<script>${host}</script>
<script src="file://${join(repoRoot, 'dist', 'webview', bundle)}"></script></body></html>`;
}

describe(
  'the pages say "ready" only when they can draw (headless Chromium)',
  { timeout: 60_000 },
  () => {
    let browser: Browser;
    const dir = mkdtempSync(join(tmpdir(), 'perflens-handshake-'));

    before(async () => {
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
    });

    async function firstRendered(file: string): Promise<Posted> {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`file://${file}`);
      await page.waitForFunction(
        () =>
          (globalThis as unknown as { posted: Posted[] }).posted.some((m) => m.type === 'rendered'),
        undefined,
        { timeout: 20_000 },
      );
      const posted = await page.evaluate(
        () => (globalThis as unknown as { posted: Posted[] }).posted,
      );
      await page.close();
      assert.deepEqual(errors, []);
      return posted.find((m) => m.type === 'rendered')!;
    }

    it('the PerfLens panel draws the model that answers its "ready" (one table, two rows)', async () => {
      const model = {
        title: 'PerfLens',
        facts: [{ label: 'Language server', value: 'test' }],
        tables: [
          {
            title: 'Loaded sources',
            basis: '2 source(s)',
            columns: ['Path', 'Kind', 'Functions'],
            rows: [
              ['/a.cpuprofile', 'cpuprofile', 3],
              ['/b.log', 'counters', 0],
            ],
          },
        ],
        diagnostics: [],
      };
      const file = join(dir, 'panel.html');
      writeFileSync(file, pageHtml('main.js', { type: 'show', model }));
      const rendered = await firstRendered(file);
      // By hand: GenericModel draws one <table> per model table and one <tr> in <tbody> per row.
      assert.equal(rendered.tables, 1);
      assert.equal(rendered.rows, 2);
    });

    it('the Compare view draws the comparison that answers its "ready" (one metric row)', async () => {
      const cells = {
        metric: 'wall-clock',
        baseline: '1.00 s',
        treatment: '1.10 s',
        change: '+100 ms',
        changePct: '+10.0 %',
        ci: '[+50 ms, +150 ms]',
        verdict: 'worse',
      };
      const side = (v: number) => ({ n: 3, median: v, values: [v, v, v] });
      const data = {
        baselinePath: '/a',
        treatmentPath: '/b',
        verdict: 'worse',
        reason: 'wall-clock is 10 % slower',
        exitCode: 1,
        alpha: 0.05,
        familyAlpha: 0.05,
        threshold: 0.02,
        iterations: { baseline: 3, treatment: 3 },
        correctness: {
          verdict: 'ok',
          baseline: { iterations: 3, pass: 3, fail: 0, badExits: 0 },
          treatment: { iterations: 3, pass: 3, fail: 0, badExits: 0 },
          newFailures: [],
        },
        metrics: [
          {
            name: 'wall-clock',
            group: 'wall-clock',
            unit: 'ms',
            better: 'lower',
            primary: true,
            baseline: side(1000),
            treatment: side(1100),
            change: 100,
            changePct: 10,
            ci: [50, 150],
            p: 0.1,
            verdict: 'worse',
            cells,
          },
        ],
        functionDiff: {
          self: { regressions: [], improvements: [] },
          total: { regressions: [], improvements: [] },
        },
        warnings: [],
        markdown: '',
      };
      const file = join(dir, 'compare.html');
      writeFileSync(file, pageHtml('compare.js', { type: 'compare', data }));
      const rendered = await firstRendered(file);
      assert.equal(rendered.rows, 1);
    });
  },
);

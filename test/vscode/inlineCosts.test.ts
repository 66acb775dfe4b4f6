/**
 * Inline costs in a real VS Code: the sample daemon's soak profiled for real (cpu-prof, counters
 * on), its adapter source opened, and the `putEntry` lens read — counter wall time beside CPU
 * share — with its hover; then a hand-made Rust crate with a folded-stack profile of
 * `handle_incoming` (numbers worked out in test/unit/engine/inline/matchFunctions.test.ts), and
 * PerfLens: Clear Inline Costs.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { openSession, type Session } from './harness/session';
import { prepareSampleWorkspace } from './harness/sampleWorkspace';
import { repoRoot } from './harness/paths';
import {
  answerOpenDialog,
  codeLensTexts,
  openFile,
  runPaletteCommand,
  screenshot,
  waitUntil,
} from './harness/workbench';
import { panelFrame } from './harness/panelFrame';

/**
 * A hand-made V8 profile of `heat/hot.ts`: one node, `spin` (line 2), 10 samples, its
 * `positionTicks` on line 3 (6 ticks), line 4 (3) and line 6 (1): the function's self time is
 * split 6 : 3 : 1 over those lines. Line heat's five strengths (extension/inline/lineHeat.ts) go
 * by the share of the hottest line, floor(self / max × 5), at most 4 → line 3: 4 (alpha 0.28),
 * line 4: floor(3 / 6 × 5) = 2 (0.15), line 6: floor(1 / 6 × 5) = 0 (0.06).
 */
const HEAT_EXPECTED = [
  { line: 3, alpha: 0.28 },
  { line: 4, alpha: 0.15 },
  { line: 6, alpha: 0.06 },
];

function writeHeatFixture(dir: string): void {
  mkdirSync(join(dir, 'heat'), { recursive: true });
  const src = join(dir, 'heat', 'hot.ts');
  writeFileSync(
    src,
    [
      '// line heat fixture',
      'export function spin(n: number): number {',
      '  let x = 0;',
      '  for (let i = 0; i < n; i++) x += i;',
      '  const y = x * 2;',
      '  return y + 1;',
      '}',
      '',
    ].join('\n'),
  );
  const frame = (functionName: string, url: string, lineNumber: number) => ({
    functionName,
    scriptId: '1',
    url,
    lineNumber,
    columnNumber: 0,
  });
  writeFileSync(
    join(dir, 'heat', 'hot.cpuprofile'),
    JSON.stringify({
      nodes: [
        { id: 1, callFrame: frame('(root)', '', -1), hitCount: 0, children: [2] },
        {
          id: 2,
          callFrame: frame('spin', pathToFileURL(src).href, 1),
          hitCount: 10,
          children: [],
          positionTicks: [
            { line: 3, ticks: 6 },
            { line: 4, ticks: 3 },
            { line: 6, ticks: 1 },
          ],
        },
      ],
      startTime: 0,
      endTime: 10_000,
      samples: new Array(10).fill(2),
      timeDeltas: new Array(10).fill(1000),
    }),
  );
}

/**
 * `putEntry`'s CPU worked out from the run's `.cpuprofile` files without PerfLens: its span in the
 * TypeScript (from `async putEntry(` to the method's closing `  }`, found in the text here), and
 * every bundle frame whose position the daemon's source map (read here with trace-mapping) puts
 * inside that span — the method and its anonymous callbacks, which run after an `await` without
 * it on the stack but are its cost. Every sample whose stack holds one counts once, for the time
 * until the next sample (the last until `endTime`), as DevTools' CPUProfileDataModel reads a
 * sample. Per profile, keyed by the pid in its file name
 * (`CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`), with every profile's whole CPU time.
 */
function putEntryCpu(
  runDir: string,
  mapFile: string,
  sourceFile: string,
): { perPid: Map<string, number>; all: number } {
  const text = readFileSync(sourceFile, 'utf8').split('\n');
  const start = text.findIndex((l) => /^\s*async putEntry\(/.test(l)) + 1;
  const end = text.findIndex((l, i) => i >= start && l === '  }') + 1;
  assert.ok(start > 0 && end > start, `putEntry's span in the source: ${start}–${end}`);
  const map = new TraceMap(readFileSync(mapFile, 'utf8'));
  const perPid = new Map<string, number>();
  let all = 0;
  interface Node {
    id: number;
    callFrame: { url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }
  const profiles = readdirSync(join(runDir, 'profiles')).filter((f) => f.endsWith('.cpuprofile'));
  for (const name of profiles) {
    const p = JSON.parse(readFileSync(join(runDir, 'profiles', name), 'utf8')) as {
      nodes: Node[];
      samples: number[];
      timeDeltas: number[];
      startTime: number;
      endTime: number;
    };
    const parent = new Map<number, number>();
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const inPutEntry = ({ callFrame: cf }: Node): boolean => {
      if (!cf.url.endsWith('/dist/main.js')) return false;
      const o = originalPositionFor(map, { line: cf.lineNumber + 1, column: cf.columnNumber });
      return (
        o.source?.endsWith('orbitdb-adapter.ts') === true &&
        o.line !== null &&
        o.line >= start &&
        o.line <= end
      );
    };
    const under = (id: number): boolean => {
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
        if (inPutEntry(byId.get(at)!)) return true;
      return false;
    };
    const times: number[] = [];
    let t = p.startTime;
    for (const d of p.timeDeltas) times.push((t += d));
    let sum = 0;
    for (let i = 0; i < p.samples.length; i++) {
      const ms = ((i + 1 < times.length ? times[i + 1] : p.endTime) - times[i]) / 1000;
      all += ms;
      if (under(p.samples[i])) sum += ms;
    }
    perPid.set(name.split('.')[3], sum);
  }
  return { perPid, all };
}

/** A duration as PerfLens writes it (`566 ms`, `1.3 s`) in ms, and half its last digit. */
function readDuration(text: string): { ms: number; halfDigit: number } {
  const m = /^([\d,]+(?:\.(\d+))?) (ms|s)$/.exec(text.trim());
  assert.ok(m, `a duration: ${text}`);
  const scale = m[3] === 's' ? 1000 : 1;
  return {
    ms: Number(m[1].replace(/,/g, '')) * scale,
    halfDigit: 0.5 * 10 ** -(m[2]?.length ?? 0) * scale,
  };
}

/**
 * The whole-line backgrounds PerfLens paints in the active editor, by line number: the editor
 * draws them in its overlay layer, one row per visible line at the same `top` as that line's
 * number in the margin.
 */
async function heatedLines(page: Page): Promise<{ line: number; alpha: number }[]> {
  // Run in the page (a script string: the tests compile without the DOM's types).
  return page.evaluate<{ line: number; alpha: number }[]>(`(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor');
    if (!editor) return [];
    const lineAt = new Map();
    for (const row of editor.querySelectorAll('.margin-view-overlays > div')) {
      const n = Number(row.querySelector('.line-numbers')?.textContent?.trim());
      if (n > 0) lineAt.set(row.style.top, n);
    }
    const out = [];
    for (const row of editor.querySelectorAll('.view-overlays > div'))
      for (const el of row.children) {
        const m = /^rgba\\(255, 120, 0, ([\\d.]+)\\)$/.exec(getComputedStyle(el).backgroundColor);
        const line = lineAt.get(row.style.top);
        if (m && line !== undefined) out.push({ line, alpha: Number(m[1]) });
      }
    return out.sort((a, b) => a.line - b.line);
  })()`);
}

/** The PerfLens panel's tab of a source, once it is there. */
async function panelTab(page: Page, name: string): Promise<void> {
  await page
    .locator('.tabs-container .tab', { hasText: `PerfLens: ${name}` })
    .first()
    .waitFor({ state: 'visible', timeout: 90_000 });
}

describe('Inline costs: CodeLens and hover (real VS Code)', { timeout: 600_000 }, () => {
  let s: Session;
  let runDir: string;

  before(async () => {
    s = await openSession('inline-costs', 'sample', {
      prepareWorkspace: (dir) => {
        prepareSampleWorkspace(dir);
        cpSync(join(repoRoot, 'test', 'fixtures', 'inline', 'rust-x0x'), join(dir, 'x0x'), {
          recursive: true,
        });
        // The sample soak (alice ⇄ bob), profiled with the CLI: a real run folder of this
        // workspace.
        runDir = join(dir, '.perflens', 'runs', 'soak');
        execFileSync(
          process.execPath,
          [
            join(repoRoot, 'dist', 'cli.js'),
            'run',
            '--cpu-prof',
            '--out',
            runDir,
            '--',
            'node',
            'soak.mjs',
            '--duration',
            '6',
          ],
          { cwd: dir, stdio: 'ignore', env: { ...process.env, SPHERE_PERF_DUMP_MS: '1000' } },
        );
        assert.ok(readdirSync(join(runDir, 'profiles')).length > 0, 'the soak left CPU profiles');
        writeHeatFixture(dir);
      },
    });
  });
  after(async () => {
    await s?.close();
  });

  it('shows the putEntry lens with its counter wall time beside its CPU share, and its hover', async () => {
    await s.step('putEntry', async () => {
      const page = s.workbench.page;
      await runPaletteCommand(page, 'PerfLens: Open Profile, Log or Run Folder…');
      await answerOpenDialog(page, runDir);
      // The source's panel opens when the server has read it: wait for it, or it could take the
      // focus from the file opened next.
      await panelTab(page, 'soak');
      await openFile(page, 'src/orbitdb-adapter.ts');
      // e.g. `putEntry · 3,606 calls · 24.4 s wall (avg 6.8 ms, 4.1 % of alice's run, 3.9 % of
      // bob's) · CPU 1.3 s (2.7 %) → mostly waiting · shared with 1 other`: two daemons, each
      // one's share of its own run (never a sum over both).
      const putEntryLens =
        /^putEntry · [\d,]+ calls · [\d.]+ m?s wall \(avg [\d.]+ m?s, [\d.]+ % of .+'s run(, [\d.]+ % of .+'s)?\) · CPU (?<cpu>[\d.,]+ m?s) \((?<pct>[\d.]+) %\) → (mostly waiting|mostly CPU|CPU and waiting)/;
      let lenses: string[] = [];
      await waitUntil(
        async () => (lenses = await codeLensTexts(page)).some((t) => putEntryLens.test(t)),
        90_000,
        'the putEntry lens shows counter wall time and CPU share',
      );
      // Its CPU is the profiles' own: more than nothing, and what the .cpuprofile files say when
      // read without PerfLens (to the lens's last digit), its share of all their CPU likewise.
      const { cpu: cpuText, pct: pctText } = putEntryLens.exec(
        lenses.find((t) => putEntryLens.test(t))!,
      )!.groups!;
      const cpu = readDuration(cpuText);
      const expected = putEntryCpu(
        runDir,
        join(s.workspace, 'dist', 'main.js.map'),
        join(s.workspace, 'src', 'orbitdb-adapter.ts'),
      );
      const expectedMs = [...expected.perPid.values()].reduce((a, b) => a + b, 0);
      assert.ok(cpu.ms > 0, `putEntry has CPU time: ${cpuText}`);
      assert.ok(
        Math.abs(cpu.ms - expectedMs) <= cpu.halfDigit + 1e-6,
        `lens CPU ${cpuText} vs ${expectedMs.toFixed(3)} ms from the .cpuprofile files`,
      );
      assert.ok(
        Math.abs(Number(pctText) - (expectedMs / expected.all) * 100) <= 0.05 + 1e-9,
        `lens share ${pctText} % vs ${((expectedMs / expected.all) * 100).toFixed(3)} %`,
      );
      // Callbacks inside putEntry (lines 25–26) get no lens of their own: one lens per named
      // function. (Lenses not yet drawn read as empty text: left out.)
      assert.ok(
        lenses.filter((t) => t.trim() !== '').every((t) => /^[A-Za-z_$][\w$]* · /.test(t)),
        `every lens names its function: ${lenses.join(' | ')}`,
      );
      const name = page
        .locator('.editor-group-container.active .view-line', { hasText: 'async putEntry(' })
        .locator('span', { hasText: /^putEntry$/ })
        .first();
      await name.hover();
      const hover = page.locator('.monaco-hover', { hasText: 'PerfLens' }).first();
      await hover.waitFor({ state: 'visible', timeout: 30_000 });
      const text = await hover.innerText();
      assert.match(text, /orbitdb\.putEntry/);
      assert.match(text, /call site at line 25/);
      // A row per daemon that ran putEntry, by pid, with that process's own CPU of it.
      const ran = [...expected.perPid].filter(([, ms]) => ms > 0);
      assert.ok(ran.length >= 2, `both daemons ran putEntry: ${JSON.stringify(ran)}`);
      for (const [pid, ms] of ran) {
        const row = text
          .split('\n')
          .map((l) => l.split('\t'))
          .find(
            (cells) => cells[0].startsWith(`pid ${pid} `) && /^[\d.,]+ m?s$/.test(cells[1] ?? ''),
          );
        assert.ok(row, `a CPU row for pid ${pid} in the hover:\n${text}`);
        const total = readDuration(row[1]);
        assert.ok(
          Math.abs(total.ms - ms) <= total.halfDigit + 1e-6,
          `pid ${pid}: ${row[1]} vs ${ms.toFixed(3)} ms from its .cpuprofile`,
        );
      }
      assert.match(text, /counter per process/, 'the hover lists the counter per process');
      await screenshot(page, 'inline-putEntry-lens-hover');
    });
  });

  it("clicking the putEntry lens shows putEntry selected in the Functions tab of the run's panel", async () => {
    await s.step('lens-click', async () => {
      const page = s.workbench.page;
      await page.keyboard.press('Escape');
      // The panel is behind the source in the same group, on its Summary tab.
      await page
        .locator('.editor-group-container.active .codelens-decoration a', {
          hasText: /^putEntry · /,
        })
        .first()
        .click();
      const f = await panelFrame(page, 'soak');
      await f.locator('#tab-functions[aria-selected="true"]').waitFor({ timeout: 30_000 });
      const selected = f.locator('.functions .vlist .vrow.selected');
      await selected.waitFor({ timeout: 30_000 });
      assert.match(await selected.locator('.name').innerText(), /^(\w+\.)?putEntry$/);
      assert.match(await selected.locator('a.loc').innerText(), /orbitdb-adapter\.ts:\d+$/);
      assert.equal(
        await f.locator('.functions input[type="search"]').inputValue(),
        await selected.locator('.name').innerText(),
        'the table is filtered to the function',
      );
      await screenshot(page, 'inline-lens-click-functions');
    });
  });

  it('Toggle Line Heat paints the profiled lines, stronger where more time was spent, and unpaints them', async () => {
    await s.step('line-heat', async () => {
      const page = s.workbench.page;
      await page.keyboard.press('Escape');
      await runPaletteCommand(page, 'PerfLens: Open Profile, Log or Run Folder…');
      await answerOpenDialog(page, join(s.workspace, 'heat', 'hot.cpuprofile'));
      await panelTab(page, 'hot.cpuprofile');
      await openFile(page, 'heat/hot.ts');
      await waitUntil(
        async () => (await codeLensTexts(page)).some((t) => t.startsWith('spin · ')),
        90_000,
        'the hand-made profile is loaded (the spin lens shows)',
      );
      assert.deepEqual(await heatedLines(page), [], 'no heat before the toggle');
      await runPaletteCommand(page, 'PerfLens: Toggle Line Heat');
      let heated: { line: number; alpha: number }[] = [];
      await waitUntil(
        async () => (heated = await heatedLines(page)).length >= HEAT_EXPECTED.length,
        30_000,
        'the heat decorations are drawn',
      );
      assert.deepEqual(heated, HEAT_EXPECTED);
      await screenshot(page, 'inline-line-heat');
      await runPaletteCommand(page, 'PerfLens: Toggle Line Heat');
      await waitUntil(
        async () => (await heatedLines(page)).length === 0,
        30_000,
        'the heat is gone after the second toggle',
      );
    });
  });

  it('puts a folded-stack profile of a Rust crate on handle_incoming of impl PubSubManager', async () => {
    await s.step('rust', async () => {
      const page = s.workbench.page;
      await page.keyboard.press('Escape');
      await runPaletteCommand(page, 'PerfLens: Open Profile, Log or Run Folder…');
      await answerOpenDialog(page, join(s.workspace, 'x0x', 'profile.folded'));
      await openFile(page, 'x0x/src/gossip/pubsub.rs');
      // 3,134 samples: PubSubManager::handle_incoming 700 + 540 + 672 = 1,912 (61.0 %), self 540;
      // TopicRouter::handle_incoming 300 (9.6 %).
      const expected = [
        'handle_incoming · CPU 1,912 samples (61.0 %) · self 540',
        'handle_incoming · CPU 300 samples (9.6 %) · self 300',
      ];
      let lenses: string[] = [];
      await waitUntil(
        async () => {
          lenses = await codeLensTexts(page);
          return expected.every((e) => lenses.includes(e));
        },
        90_000,
        'the Rust lenses appear',
      );
      await screenshot(page, 'inline-rust-handle-incoming');

      await runPaletteCommand(page, 'PerfLens: Clear Inline Costs');
      await waitUntil(
        async () => !(await codeLensTexts(page)).some((t) => t.startsWith('handle_incoming')),
        30_000,
        'the lenses are gone after Clear Inline Costs',
      );
    });
  });

  it('a Rust row of the panel opens its fn, found by the inline matcher (impl owner told apart)', async () => {
    await s.step('rust-row', async () => {
      const page = s.workbench.page;
      await runPaletteCommand(page, 'PerfLens: Open Profile, Log or Run Folder…');
      await answerOpenDialog(page, join(s.workspace, 'x0x', 'profile.folded'));
      const f = await panelFrame(page, 'profile.folded');
      await f.locator('#tab-functions').click();
      // Two `handle_incoming`: impl PubSubManager (pubsub.rs line 11) and impl TopicRouter (line
      // 30).
      await f.locator('.functions input[type="search"]').fill('TopicRouter');
      const row = f.locator('.vlist .vrow', { hasText: 'handle_incoming' }).first();
      await row.waitFor();
      assert.equal(await row.locator('a.loc').innerText(), 'x0x::gossip::pubsub');
      await row.dblclick();
      await page.locator('.tab.active', { hasText: 'pubsub.rs' }).waitFor({ timeout: 30_000 });
      await page
        .locator('.statusbar-item', { hasText: /Ln 30, Col \d+/ })
        .first()
        .waitFor({ timeout: 30_000 });
      // And the other one, through its link, lands on line 11.
      await runPaletteCommand(page, 'PerfLens: Open Profile, Log or Run Folder…');
      await answerOpenDialog(page, join(s.workspace, 'x0x', 'profile.folded'));
      const again = await panelFrame(page, 'profile.folded');
      await again.locator('.functions input[type="search"]').fill('PubSubManager::handle_incoming');
      await again
        .locator('.vlist .vrow', { hasText: 'handle_incoming' })
        .first()
        .locator('a.loc')
        .click();
      await page.locator('.tab.active', { hasText: 'pubsub.rs' }).waitFor({ timeout: 30_000 });
      await page
        .locator('.statusbar-item', { hasText: /Ln 11, Col \d+/ })
        .first()
        .waitFor({ timeout: 30_000 });
      await screenshot(page, 'panel-rust-row-opened');
    });
  });
});

/**
 * The panel under VS Code's high-contrast themes (dark and light), in a real VS Code: every tab's
 * text, headers, links, notes and the selected row take their colours from the theme's variables,
 * nothing is dimmed below the theme's contrast, and the table rules are the theme's contrast
 * border. Contrast ratios are computed here with the WCAG 2 formula (relative luminance of sRGB).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { openSession, type Session } from './harness/session';
import {
  answerOpenDialog,
  chooseQuickPick,
  runPaletteCommand,
  screenshot,
  waitUntil,
} from './harness/workbench';
import { repoRoot } from './harness/paths';
import { panelFrame } from './harness/panelFrame';

const RUN_FIXTURE = join(
  repoRoot,
  'test',
  'fixtures',
  'soak-runs',
  'node-20',
  'two-wallets',
  'run-1',
);

/** What the page reports for one element: its colours and those its theme variables resolve to. */
interface Seen {
  readonly what: string;
  readonly color: string;
  /** Background colours under it, innermost first, down to the first opaque one. */
  readonly layers: readonly string[];
  readonly opacity: number;
  /** The colour the expected theme variable resolves to (a probe styled with it). */
  readonly expected: string;
}

/** `rgb()`/`rgba()` → [r, g, b, a]. */
function rgba(css: string): number[] {
  const [r, g, b, a] = (css.match(/[\d.]+/g) ?? []).map(Number);
  return [r, g, b, a ?? 1];
}

/** The colour the layers show: translucent ones composited over those beneath (black at the bottom). */
function composite(layers: readonly string[]): string {
  let [r, g, b] = [0, 0, 0];
  for (const layer of [...layers].reverse()) {
    const [lr, lg, lb, a] = rgba(layer);
    [r, g, b] = [lr * a + r * (1 - a), lg * a + g * (1 - a), lb * a + b * (1 - a)];
  }
  return `rgb(${r}, ${g}, ${b})`;
}

/** sRGB `rgb(a)` → relative luminance (WCAG 2.x). */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Reads the elements of `checks` (selector → theme variable of its text colour) on the page. */
async function seen(f: Frame, checks: Record<string, string>): Promise<Seen[]> {
  return f.evaluate((c) => {
    const g = globalThis as unknown as {
      document: {
        querySelector(s: string): unknown;
        createElement(t: string): { style: Record<string, string>; remove(): void };
        body: { appendChild(e: unknown): void };
      };
      getComputedStyle(e: unknown): { color: string; backgroundColor: string; opacity: string };
    };
    const out: Seen[] = [];
    for (const [sel, variable] of Object.entries(c)) {
      const el = g.document.querySelector(sel) as { parentElement: unknown } | null;
      if (!el) continue;
      // The backgrounds under the text, innermost first, down to the first opaque one.
      const layers: string[] = [];
      let opacity = 1;
      for (let e: { parentElement: unknown } | null = el; e; e = e.parentElement as typeof e) {
        const s = g.getComputedStyle(e);
        opacity *= Number(s.opacity);
        const bg = s.backgroundColor;
        if (/rgba\(.*, 0\)|transparent/.test(bg)) continue;
        if (layers.length === 0 || !/rgb\(/.test(layers[layers.length - 1])) layers.push(bg);
      }
      const probe = g.document.createElement('span');
      probe.style.color = `var(${variable})`;
      g.document.body.appendChild(probe);
      const expected = g.getComputedStyle(probe).color;
      probe.remove();
      out.push({
        what: sel,
        color: g.getComputedStyle(el).color,
        layers,
        opacity,
        expected,
      });
    }
    return out;
  }, checks);
}

describe('The panel in high contrast (real VS Code)', { timeout: 600_000 }, () => {
  let s: Session;
  let run: string;

  before(async () => {
    s = await openSession('high-contrast', 'basic');
    // Room for the panel: close the secondary side bar (chat) that VS Code opens on the right.
    const aux = s.workbench.page.locator('.part.auxiliarybar');
    if (await aux.isVisible().catch(() => false))
      await s.workbench.page.keyboard.press('Control+Alt+B');
    run = join(s.workspace, 'runs', 'run-1');
    mkdirSync(join(s.workspace, 'runs'), { recursive: true });
    cpSync(RUN_FIXTURE, run, { recursive: true });
  });
  after(async () => {
    await s?.close();
  });

  for (const [theme, bodyClass] of [
    ['Dark High Contrast', /vscode-high-contrast(?!-light)/],
    ['Light High Contrast', /vscode-high-contrast-light/],
  ] as const) {
    it(`${theme}: colours from the theme, text at the theme's contrast, contrast borders`, async () => {
      await s.step(`hc-${theme.split(' ')[0].toLowerCase()}`, async () => {
        const page = s.workbench.page;
        await runPaletteCommand(page, 'Preferences: Color Theme');
        // The high-contrast themes are below the fold of the list: filter it first.
        await page.locator('.quick-input-widget input.input').fill(theme);
        await chooseQuickPick(page, theme);
        await runPaletteCommand(page, 'PerfLens: Open Profile, Log or Run Folder…');
        await answerOpenDialog(page, run);
        const f = await panelFrame(page, 'run-1');
        await waitUntil(
          async () => bodyClass.test((await f.locator('body').getAttribute('class')) ?? ''),
          30_000,
          `the panel takes the ${theme} theme`,
        );
        const tabs: Record<string, Record<string, string>> = {
          summary: {
            h1: '--vscode-foreground',
            '.tabs button:not(.active)': '--vscode-foreground',
            'dl.facts dd': '--vscode-foreground',
            'section.table-section td': '--vscode-foreground',
            'section.table-section th': '--vscode-foreground',
            'section.table-section .basis': '--vscode-foreground',
          },
          counters: {
            'table.counter-table tr:not(.selected) td.name': '--vscode-foreground',
            'table.counter-table tr.selected td.name': '--vscode-list-activeSelectionForeground',
            'table.counter-table tr.family th .basis-inline': '--vscode-foreground',
            'table.counter-table td .indent': '--vscode-foreground',
            '.counters .basis': '--vscode-foreground',
          },
          time: {
            '.over-time .basis': '--vscode-foreground',
            '.over-time h2': '--vscode-foreground',
          },
          scaling: {
            '.fit-sentence': '--vscode-foreground',
            '.scaling .basis': '--vscode-foreground',
          },
        };
        for (const [id, checks] of Object.entries(tabs)) {
          await f.locator(`#tab-${id}`).click();
          await f.locator(`#tab-${id}[aria-selected="true"]`).waitFor();
          if (id === 'counters') {
            // a selected row: drawn with the theme's selection colours and its contrast outline
            await f.locator('table.counter-table tbody tr[tabindex]').first().click();
          }
          for (const x of await seen(f, checks)) {
            assert.equal(x.color, x.expected, `${theme} ${id}: ${x.what} uses its theme colour`);
            assert.equal(x.opacity, 1, `${theme} ${id}: ${x.what} is not dimmed`);
            // High-contrast themes are built to 7:1 (WCAG AAA) between text and background.
            const background = composite(x.layers);
            const ratio = contrast(x.color, background);
            assert.ok(
              ratio >= 7,
              `${theme} ${id}: ${x.what} ${x.color} on ${background} (${x.layers.join(' over ')}) is ${ratio.toFixed(1)}:1`,
            );
          }
          await screenshot(page, `panel-${id}-hc-${theme.split(' ')[0].toLowerCase()}`);
        }
        // Table rules and the selected row's outline are the theme's contrast borders.
        await f.locator('#tab-counters').click();
        await f.locator('table.counter-table tr.selected td').first().waitFor();
        const borders = await f.evaluate(() => {
          const g = globalThis as unknown as {
            document: {
              querySelector(s: string): unknown;
              createElement(t: string): { style: Record<string, string>; remove(): void };
              body: { appendChild(e: unknown): void };
            };
            getComputedStyle(e: unknown): {
              borderBottomColor: string;
              outlineColor: string;
              outlineStyle: string;
              color: string;
            };
          };
          const probe = g.document.createElement('span');
          probe.style.color = 'var(--vscode-contrastBorder)';
          g.document.body.appendChild(probe);
          const border = g.getComputedStyle(probe).color;
          probe.style.color = 'var(--vscode-contrastActiveBorder)';
          const active = g.getComputedStyle(probe).color;
          probe.remove();
          const td = g.getComputedStyle(g.document.querySelector('table.counter-table td'));
          const sel = g.getComputedStyle(
            g.document.querySelector('table.counter-table tr.selected'),
          );
          return {
            border,
            active,
            rule: td.borderBottomColor,
            outline: sel.outlineColor,
            outlineStyle: sel.outlineStyle,
          };
        });
        assert.equal(borders.rule, borders.border, 'table rules use contrastBorder');
        assert.equal(borders.outline, borders.active, 'the selected row is outlined');
        assert.equal(borders.outlineStyle, 'solid');
      });
    });
  }
});

/**
 * Finding one PerfLens panel among several webviews: the frame whose page heading names the
 * source. (Each webview is an iframe holding the page's iframe; hidden panels may keep theirs.)
 */
import type { Frame, Page } from 'playwright-core';
import { waitUntil } from './workbench';

export async function panelFrame(
  page: Page,
  heading: string | RegExp,
  timeout = 60_000,
): Promise<Frame> {
  let found: Frame | undefined;
  await waitUntil(
    async () => {
      for (const f of page.frames()) {
        const h1 = f.locator('h1', { hasText: heading });
        if (
          (await h1.count().catch(() => 0)) > 0 &&
          (await h1
            .first()
            .isVisible()
            .catch(() => false))
        ) {
          found = f;
          return true;
        }
      }
      return false;
    },
    timeout,
    `a visible PerfLens panel headed ${String(heading)}`,
  );
  return found!;
}

/** The text of a row of a table (cells joined by tabs), found by its first cell. */
export async function rowText(frame: Frame, scope: string, first: string): Promise<string> {
  const row = frame
    .locator(`${scope} tr`, { has: frame.locator('td', { hasText: first }) })
    .first();
  await row.waitFor({ timeout: 30_000 });
  return row.innerText();
}

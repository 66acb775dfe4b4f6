/**
 * The line a CodeLens stands above, read from the editor's DOM: a lens is a view zone drawn just
 * above its line, so the line whose number row starts where the zone ends is the lens's line.
 */
import type { Page } from 'playwright-core';

/** 1-based line of the first lens in the active editor whose text starts with `prefix`. */
export async function codeLensLine(page: Page, prefix: string): Promise<number | undefined> {
  // Run in the page (a script string: the tests compile without the DOM's types).
  return page.evaluate<number | undefined>(`(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor');
    if (!editor) return undefined;
    const prefix = ${JSON.stringify(prefix)};
    const zone = [...editor.querySelectorAll('.view-zones > div')].find((z) =>
      [...z.querySelectorAll('.codelens-decoration')].some((d) => d.textContent.startsWith(prefix)),
    );
    if (!zone) return undefined;
    const bottom = parseFloat(zone.style.top) + zone.offsetHeight;
    for (const row of editor.querySelectorAll('.margin-view-overlays > div')) {
      const n = Number(row.querySelector('.line-numbers')?.textContent?.trim());
      if (n > 0 && Math.abs(parseFloat(row.style.top) - bottom) < 0.5) return n;
    }
    return undefined;
  })()`);
}

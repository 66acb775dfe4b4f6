/**
 * The line a CodeLens stands above, read from the editor's DOM: a lens is drawn in a view zone
 * just above its line, so the line whose number row starts where the lens ends is its line.
 */
import type { Page } from 'playwright-core';

/** 1-based line of the first lens in the active editor whose text starts with `prefix`. */
export async function codeLensLine(page: Page, prefix: string): Promise<number | undefined> {
  // Run in the page (a script string: the tests compile without the DOM's types).
  return page.evaluate<number | undefined>(`(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor');
    if (!editor) return undefined;
    const prefix = ${JSON.stringify(prefix)};
    const lens = [...editor.querySelectorAll('.codelens-decoration')].find((d) =>
      d.textContent.startsWith(prefix),
    );
    if (!lens) return undefined;
    // The lens is drawn in the space a view zone keeps free above its line: the first line
    // number row starting at (or just below) the lens's bottom edge is that line.
    const bottom = lens.getBoundingClientRect().bottom;
    let best;
    for (const row of editor.querySelectorAll('.margin-view-overlays > div')) {
      const n = Number(row.querySelector('.line-numbers')?.textContent?.trim());
      const r = row.getBoundingClientRect();
      const gap = r.top - bottom;
      if (n > 0 && gap > -1 && gap < r.height && (!best || gap < best.gap)) best = { n, gap };
    }
    return best?.n;
  })()`);
}

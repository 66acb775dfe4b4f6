/**
 * speedscope labels its toolbar and search box with emoji; a machine without an emoji font (the
 * headless Chromium of our tests, many Linux desktops) shows them as boxes. Each element whose
 * whole text is one of those emoji gets the matching codicon instead — by class only: the emoji
 * text node stays where speedscope's renderer expects it, and CSS (flame.css) hides it.
 */
const CODICON_FOR: Record<string, string> = {
  '\u{1F50D}': 'search',
  '\u{1F570}': 'history', // Time Order
  '\u{1F570}\uFE0F': 'history',
  '\u2B05\uFE0F': 'arrow-left', // Left Heavy, previous match
  '\u27A1\uFE0F': 'arrow-right', // next match
  '\u{1F96A}': 'layers', // Sandwich
  '\u{1F3A8}': 'symbol-color', // colour scheme
  '\u2934\uFE0F': 'export',
  '\u2935\uFE0F': 'cloud-download', // Import
  '\u2753': 'question',
  '\u{1F52C}': 'flame',
};

function swap(el: Element): void {
  if (el.children.length !== 0 || el.classList.contains('perflens-icon')) return;
  const name = CODICON_FOR[(el.textContent ?? '').trim()];
  if (name) el.classList.add('codicon', `codicon-${name}`, 'perflens-icon');
}

/** Swap the emoji now and whenever speedscope renders more of its UI. */
export function replaceEmojiWithCodicons(root: HTMLElement): void {
  const scan = (node: Node) => {
    if (!(node instanceof Element)) return;
    swap(node);
    for (const el of node.querySelectorAll('span, button, div')) swap(el);
  };
  scan(root);
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData' && r.target.parentElement) swap(r.target.parentElement);
      for (const n of r.addedNodes) scan(n);
    }
  }).observe(root, { childList: true, subtree: true, characterData: true });
}

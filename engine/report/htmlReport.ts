/**
 * `perflens report <path> --html out.html`: one self-contained page — the panel's own UI bundle,
 * its stylesheets and icon font, and the data, all inline; no network, no other file. Opens in any
 * browser; CI jobs attach it as an artefact.
 *
 * The data is never executable: it sits in `<script type="application/json">` with `<`, `>`, `&`
 * and U+2028/U+2029 written as \u escapes, so a function named `</script><img onerror=…>` cannot
 * end the block. The inline script and styles carry a nonce under a strict CSP.
 */
import { randomBytes } from 'node:crypto';
import type { SourceData } from '../../protocol/sourceData';

export interface ReportAssets {
  /** The webview bundle (dist/webview/main.js). */
  readonly script: string;
  /** Stylesheets in order (uPlot's, the codicons' with the font inlined, the panel's). */
  readonly styles: readonly string[];
}

/** JSON that is inert inside an HTML `<script type="application/json">` block. */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Our own bundle or stylesheet, made unable to close its element early. */
function inert(text: string, tag: 'script' | 'style'): string {
  return text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The codicon stylesheet with its font as a data: URL (the page loads nothing). */
export function inlineCodiconFont(css: string, ttf: Buffer): string {
  return css.replace(
    /url\(["']?\.\/codicon\.ttf[^)"']*["']?\)/g,
    `url("data:font/ttf;base64,${ttf.toString('base64')}")`,
  );
}

/** VS Code's theme variables the panel's CSS uses, for a page outside VS Code (light and dark). */
const THEME = `
:root { color-scheme: light dark; }
body {
  --vscode-font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
  --vscode-editor-font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  --vscode-font-size: 13px;
  --vscode-foreground: #1f1f1f; --vscode-editor-background: #ffffff;
  --vscode-panel-border: #d0d0d0; --vscode-focusBorder: #005fb8;
  --vscode-textLink-foreground: #005fb8; --vscode-errorForeground: #c72e2e;
  --vscode-input-background: #fff; --vscode-input-foreground: #1f1f1f; --vscode-input-border: #c0c0c0;
  --vscode-button-secondaryBackground: #e5e5e5; --vscode-button-secondaryForeground: #1f1f1f;
  --vscode-list-hoverBackground: #f0f0f0; --vscode-list-activeSelectionBackground: #cce4f7;
  --vscode-list-activeSelectionForeground: #1f1f1f; --vscode-editorWidget-background: #f8f8f8;
  --vscode-editor-inactiveSelectionBackground: #e5ebf1;
}
@media (prefers-color-scheme: dark) {
  body {
    --vscode-foreground: #cccccc; --vscode-editor-background: #1f1f1f;
    --vscode-panel-border: #3c3c3c; --vscode-textLink-foreground: #4daafc;
    --vscode-errorForeground: #f85149; --vscode-input-background: #313131;
    --vscode-input-foreground: #cccccc; --vscode-input-border: #3c3c3c;
    --vscode-button-secondaryBackground: #313131; --vscode-button-secondaryForeground: #cccccc;
    --vscode-list-hoverBackground: #2a2d2e; --vscode-list-activeSelectionBackground: #04395e;
    --vscode-list-activeSelectionForeground: #ffffff; --vscode-editorWidget-background: #252526;
    --vscode-editor-inactiveSelectionBackground: #3a3d41;
  }
}`;

export function htmlReport(data: SourceData, assets: ReportAssets): string {
  const nonce = randomBytes(18)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    'font-src data:',
    'img-src data:',
  ].join('; ');
  const styles = [THEME, ...assets.styles]
    .map((css) => `<style nonce="${nonce}">${inert(css, 'style')}</style>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>PerfLens report: ${escapeHtml(data.title)}</title>
${styles}
</head>
<body>
<main id="perflens-root" aria-live="polite"><p class="loading">PerfLens is loading…</p></main>
<script type="application/json" id="perflens-data">${jsonForHtml(data)}</script>
<script nonce="${nonce}">${inert(assets.script, 'script')}</script>
</body>
</html>
`;
}

/**
 * The panel's HTML shell. Pure string building, no `vscode`, so it is unit-tested directly.
 *
 * Hardened by default (vscode-extension-samples `webview-sample`): `default-src 'none'`, one
 * nonce per load for the one script, styles only from the bundle's own folder, and no data in
 * the page — the model arrives by `postMessage` after the script says it is ready.
 */
import { randomBytes } from 'node:crypto';

export interface ShellUris {
  /** `webview.cspSource`: the origin that serves our local resources. */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** More stylesheets from the bundle folder (uPlot's, the codicon font's). */
  readonly extraStyleUris?: readonly string[];
}

export function newNonce(): string {
  return randomBytes(18)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '');
}

function attr(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function panelHtml(uris: ShellUris, nonce: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(uris.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${(uris.extraStyleUris ?? [])
  .map(
    (u) => `<link rel="stylesheet" href="${attr(u)}">
`,
  )
  .join('')}<link rel="stylesheet" href="${attr(uris.styleUri)}">
<title>PerfLens</title>
</head>
<body>
<main id="perflens-root" aria-live="polite"><p class="loading">PerfLens is loading…</p></main>
<script nonce="${attr(nonce)}" src="${attr(uris.scriptUri)}"></script>
</body>
</html>`;
}

export interface FlameShellUris {
  readonly cspSource: string;
  readonly bootstrapUri: string;
  /** PerfLens's own flame-page styles (status line, codicons). */
  readonly styleUri: string;
  readonly speedscopeScriptUri: string;
  readonly speedscopeStyleUri: string;
  readonly speedscopeVersion: string;
}

/**
 * The flame-graph page: speedscope's own app, unmodified, behind our CSP. The bootstrap script
 * runs first (see webview/flame/bootstrap.ts); speedscope's run-time <style> elements carry the
 * page nonce, so styles need no 'unsafe-inline'. `connect-src` lets the page fetch the flame file
 * (a webview resource under the panel's roots); codicons come as a font from the same roots.
 */
export function flameCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
    `connect-src ${cspSource}`,
  ].join('; ');
}

/**
 * The status line comes first in <body>: speedscope renders into the body replacing only its
 * last element (its own script tag), so this element survives.
 */
export function flameHtml(uris: FlameShellUris, nonce: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(flameCsp(uris.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(uris.speedscopeStyleUri)}">
<link rel="stylesheet" href="${attr(uris.styleUri)}">
<title>PerfLens flame graph</title>
</head>
<body>
<div id="perflens-flame-status" role="status" aria-live="polite" hidden><span class="codicon" aria-hidden="true"></span><span class="perflens-flame-text"></span><button type="button" class="perflens-flame-close" title="Dismiss" aria-label="Dismiss" hidden><span class="codicon codicon-close" aria-hidden="true"></span></button></div>
<script nonce="${attr(nonce)}" src="${attr(uris.bootstrapUri)}" data-speedscope-version="${attr(uris.speedscopeVersion)}"></script>
<script nonce="${attr(nonce)}" src="${attr(uris.speedscopeScriptUri)}"></script>
</body>
</html>`;
}

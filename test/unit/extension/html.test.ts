import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  contentSecurityPolicy,
  flameCsp,
  flameHtml,
  newNonce,
  panelHtml,
} from '../../../extension/panel/html';

const uris = {
  cspSource: 'https://*.vscode-cdn.net',
  scriptUri: 'https://x.vscode-cdn.net/dist/webview/main.js',
  styleUri: 'https://x.vscode-cdn.net/dist/webview/main.css',
};

describe('panel HTML shell', () => {
  it('has a strict CSP: nothing by default, the one script by nonce, styles only from our resource origin', () => {
    const csp = contentSecurityPolicy(uris.cspSource, 'abc123');
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'nonce-abc123'/);
    assert.match(csp, /style-src https:\/\/\*\.vscode-cdn\.net(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*;|https:;/);
  });

  it('carries the nonce on its only script and inlines no data', () => {
    const html = panelHtml(uris, 'n0nce');
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], /nonce="n0nce"/);
    assert.match(scripts[0], /src="https:\/\/x\.vscode-cdn\.net\/dist\/webview\/main\.js"/);
    assert.match(
      html,
      /<\/script>\s*<\/body>/,
      'the script tag is empty: data arrives by postMessage',
    );
  });

  it('escapes attribute values, so a hostile URI cannot break out of the tag', () => {
    const html = panelHtml({ ...uris, scriptUri: 'x"><script>alert(1)</script>' }, 'n');
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /&quot;&gt;&lt;script&gt;/);
  });

  it('makes a fresh, long, alphanumeric nonce per load', () => {
    const a = newNonce();
    const b = newNonce();
    assert.notEqual(a, b);
    assert.match(a, /^[A-Za-z0-9]{16,}$/);
  });
});

describe('flame-graph page (speedscope behind our CSP)', () => {
  const flameUris = {
    cspSource: 'https://*.vscode-cdn.net',
    bootstrapUri: 'https://x/dist/webview/flame.js',
    styleUri: 'https://x/dist/webview/flame.css',
    speedscopeScriptUri: 'https://x/dist/speedscope/speedscope.js',
    speedscopeStyleUri: 'https://x/dist/speedscope/speedscope.css',
    speedscopeVersion: '1.25.0',
  };

  it('runs the bootstrap before speedscope, both by nonce, and allows run-time styles only by nonce', () => {
    const html = flameHtml(flameUris, 'abc');
    const scripts = [...html.matchAll(/<script nonce="abc" src="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(scripts, [flameUris.bootstrapUri, flameUris.speedscopeScriptUri]);
    const csp = flameCsp(flameUris.cspSource, 'abc');
    assert.match(
      csp,
      /^default-src 'none'; script-src 'nonce-abc'; style-src https:\/\/\*\.vscode-cdn\.net 'nonce-abc'/,
    );
    assert.doesNotMatch(csp, /unsafe/);
    assert.match(html, /data-speedscope-version="1\.25\.0"/);
  });

  it('lets the page fetch the flame file and load codicons only from its own resource roots', () => {
    const csp = flameCsp(flameUris.cspSource, 'abc');
    assert.match(csp, /; connect-src https:\/\/\*\.vscode-cdn\.net(;|$)/);
    assert.match(csp, /; font-src https:\/\/\*\.vscode-cdn\.net(;|$)/);
    const html = flameHtml(flameUris, 'abc');
    // The status line precedes both scripts: speedscope replaces only the body's last element.
    assert.ok(html.indexOf('id="perflens-flame-status"') < html.indexOf('<script'));
    assert.match(html, /<link rel="stylesheet" href="https:\/\/x\/dist\/webview\/flame\.css">/);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { htmlReport, jsonForHtml } from '../../../../engine/report/htmlReport';
import type { SourceData } from '../../../../protocol/sourceData';

const hostile = '</script><img src=x onerror=alert(1)>"><svg onload=alert(2)>`x`\u2028\u2029&';

const data: SourceData = {
  path: `/runs/${hostile}`,
  title: hostile,
  input: 'profile',
  summary: { command: hostile, missing: [] },
  warnings: [],
  basis: `Source: ${hostile} (profile)`,
};

describe('the self-contained HTML report (engine/report/htmlReport)', () => {
  it('embeds data as inert JSON: no <, >, & or line separators, and it reads back unchanged', () => {
    const json = jsonForHtml(data);
    assert.ok(!/[<>&\u2028\u2029]/.test(json), json);
    assert.deepEqual(JSON.parse(json), data);
  });

  it('one page, nothing loaded from elsewhere: inline script and styles under a nonce CSP', () => {
    const html = htmlReport(data, {
      script: 'console.log("</script>")',
      styles: ['body{} </style>'],
    });
    // The only closing tags are the page's own: 1 data block + 1 script, and the one style.
    assert.equal(html.match(/<\/script>/g)!.length, 2);
    assert.equal(html.match(/<\/style>/g)!.length, 2); // the theme defaults + the given sheet
    assert.match(html, /<script type="application\/json" id="perflens-data">/);
    assert.match(html, /default-src 'none'; script-src 'nonce-[A-Za-z0-9]+'; style-src 'nonce-/);
    assert.ok(!/\bsrc=["']?http|href=["']?http/.test(html), 'no network');
    assert.ok(!html.includes('<img src=x'), 'the name never appears as markup');
    assert.match(html, /<title>PerfLens report: &lt;\/script&gt;&lt;img/);
  });
});

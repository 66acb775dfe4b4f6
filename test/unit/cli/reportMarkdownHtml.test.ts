/**
 * `perflens report --markdown` and `--html` through the built dist/cli.js (`npm run test:unit`
 * builds it first). Numbers are the fixture's, computed by hand beside each check.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const REPO = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO, 'dist/cli.js');
const RUN = path.join(REPO, 'test/fixtures/soak-runs/node-20/two-wallets/run-1');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('perflens report --markdown / --html', () => {
  it('prints GitHub tables: summary, all processes (% of wall summed over 2), then each process', () => {
    const r = cli('report', RUN, '--markdown', '--top', '3');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^### PerfLens summary: run-1$/m);
    assert.match(r.stdout, /^\| Exit status \| exit 0 \|$/m);
    assert.match(r.stdout, /^\| Assertions \| 3 PASS, 0 FAIL \|$/m);
    // all processes: 1594.547 + 1592.032 = 3186.579 ms; 184 + 180 = 364 calls; avg 3186.579 / 364 =
    // 8.75; rate 364 / 2.089 s = 174.2 /s; % of wall (1594.547 + 1592.032) / 2089 = 152.5 (run.json
    // lists no processes here, so each process's wall-clock is the run's 2,089 ms). Each column
    // keeps its number of decimals (50.52 → 50.5, as the panel shows it).
    assert.match(
      r.stdout,
      /^\| orbitdb\.putEntry\.bundle \| 364 \| calls \| 3,186\.6 \| 8\.75 \| 50\.5 \| 174\.2 \| 152\.5 \| – \|$/m,
    );
    // alice alone: 1594.547 / 2089 = 76.3 %; 184 / 2.089 s = 88.1 /s
    assert.match(r.stdout, /^### Counters: alice$/m);
    assert.match(
      r.stdout,
      /^\| orbitdb\.putEntry\.bundle \| 184 \| calls \| 1,594\.5 \| .* \| 88\.1 \| 76\.3 \| – \|$/m,
    );
    assert.match(r.stdout, /summed over 2 processes, so it can pass 100 %/);
  });

  it('writes one self-contained HTML file with the data inert inside it', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'perflens-html-')), 'r.html');
    const r = cli('report', RUN, '--html', out);
    assert.equal(r.code, 0, r.stderr);
    const html = readFileSync(out, 'utf8');
    assert.match(html, /<script type="application\/json" id="perflens-data">\{/);
    assert.ok(!/<script[^>]+src=|<link[^>]+href=/.test(html), 'nothing loaded from elsewhere');
    assert.match(html, /font-src data:/);
    assert.match(html, /url\("data:font\/ttf;base64,/);
  });

  it('--json and --markdown together are a usage error', () => {
    const r = cli('report', RUN, '--json', '--markdown');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /pick one/);
  });
});

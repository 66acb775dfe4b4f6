/**
 * Change vs baseline in the lenses (issue 10): the built server, driven over stdio as an
 * external client, keeps the last `perflens/compare` and each lens then says how its function's
 * counter moved. The two sides are hand-written run folders, so the expected numbers are worked
 * out beside the assertions (Hodges-Lehmann shift, exact Mann-Whitney p, Benjamini-Hochberg q).
 *
 * Needs the bundles: `npm run test:unit` builds them first.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

const root = resolve(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'perflens-baseline-lens-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A side: iterations run-1…N of 10 s each, `orbitdb.putEntry` 10 calls taking `totals[i]` ms. */
function side(name: string, totals: number[]): string {
  const sideDir = join(dir, name);
  totals.forEach((totalMs, i) => {
    const d = join(sideDir, `run-${i + 1}`);
    mkdirSync(d, { recursive: true });
    const start = Date.UTC(2026, 11, 2, 10, 0, 0) + i * 3_600_000;
    writeFileSync(
      join(d, 'run.json'),
      JSON.stringify({
        startTime: new Date(start).toISOString(),
        endTime: new Date(start + 10_000).toISOString(),
        exitCode: 0,
        status: 'completed',
      }),
    );
    writeFileSync(join(d, 'script.log'), 'PASS all good\n');
    writeFileSync(
      join(d, 'counters.jsonl'),
      JSON.stringify({
        time: new Date(start + 5000).toISOString(),
        source: 'main',
        line: 1,
        format: 'json',
        counters: {
          'orbitdb.putEntry': { count: 10, totalMs, avgMs: totalMs / 10, maxMs: totalMs / 10 },
        },
      }) + '\n',
    );
  });
  return sideDir;
}

describe('lenses with a comparison loaded', () => {
  it('show the change vs baseline of the function’s counter, with its q', async () => {
    const baseline = side('baseline', [100, 110, 120, 130, 140]);
    const treatment = side('treatment', [40, 45, 50, 55, 60]);
    mkdirSync(join(dir, 'src'));
    const src = join(dir, 'src', 'adapter.ts');
    writeFileSync(
      src,
      [
        'export class Adapter {',
        '  async putEntry(): Promise<void> {',
        "    await time('orbitdb.putEntry', async () => undefined);",
        '  }',
        '}',
      ].join('\n'),
    );
    const child = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const conn = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    let refreshes = 0;
    conn.onRequest('workspace/codeLens/refresh', () => {
      refreshes++;
      return null;
    });
    conn.listen();
    try {
      await conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      });
      await conn.sendNotification('initialized', {});
      const uri = pathToFileURL(src).href;
      const titles = async (): Promise<string[]> =>
        (
          await conn.sendRequest<{ command: { title: string } }[]>('textDocument/codeLens', {
            textDocument: { uri },
          })
        ).map((l) => l.command.title);
      // The treatment's first iteration is the loaded source: 10 calls, 40 ms, avg 4.0 ms,
      // 40 / 10,000 ms of run = 0.4 %.
      await conn.sendRequest('perflens/openSource', { path: join(treatment, 'run-1') });
      assert.deepEqual(await titles(), [
        'putEntry · 10 calls · 40 ms wall (avg 4.0 ms, 0.4 % of run)',
      ]);

      const before = refreshes;
      const compared = await conn.sendRequest<{ verdict: string }>('perflens/compare', {
        baseline,
        treatment,
      });
      assert.equal(compared.verdict, 'no-difference'); // the wall-clock (primary) is 10 s on both sides
      assert.ok(refreshes > before, 'the client is asked to redraw its lenses');
      // Hodges-Lehmann shift: the median of the 25 differences t − b is −70 (sorted: −100, −95,
      // −90, −90, −85, −85, −80, −80, −80, −75, −75, −70, [−70], …); baseline median 120:
      // −70 / 120 = −58.3 %. Mann-Whitney, sides fully apart, 5 vs 5: p = 2 / C(10, 5) = 2 / 252
      // = 0.0079; the secondary family is the counter's total, count and rate (count and rate
      // equal on both sides, p = 1): q = 0.0079 × 3 / 1 = 0.024.
      assert.deepEqual(await titles(), [
        'putEntry · 10 calls · 40 ms wall (avg 4.0 ms, 0.4 % of run) · Δ −58.3 % vs baseline ' +
          '(q 0.024)',
      ]);
      const hover = await conn.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 1, character: 10 },
      });
      // Medians 120 ms → 50 ms.
      assert.match(
        hover.contents.value,
        /\*\*vs baseline\*\* \(orbitdb\\\.putEntry total, 5 baseline and 5 treatment runs\): median 120 ms → 50 ms; Δ −58\\\.3 % vs baseline \\\(q 0\\\.024\\\)/,
      );
      // Clear Inline Costs forgets the comparison too.
      await conn.sendRequest('perflens/clearInlineCosts', {});
      await conn.sendRequest('perflens/openSource', { path: join(treatment, 'run-1') });
      assert.deepEqual(await titles(), [
        'putEntry · 10 calls · 40 ms wall (avg 4.0 ms, 0.4 % of run)',
      ]);
    } finally {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      conn.dispose();
    }
  });
});

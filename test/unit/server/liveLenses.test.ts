/**
 * Lenses follow a live run (issue 10): the built server, driven over stdio as an external
 * client, follows a run folder whose script.log grows; each time its counters change it asks
 * the client to refresh (`workspace/codeLens/refresh`) and the lens shows the new numbers. The
 * test waits on those refresh requests (events), never on time. Expected titles are computed by
 * hand beside each assertion.
 *
 * Needs the bundles: `npm run test:unit` builds them first.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { CounterRunBuilder } from '../../../engine/counters/counterRun';
import { InlineCostsService } from '../../../server/lsp/inlineCosts';

const root = resolve(__dirname, '..', '..', '..');

const dump = (second: number, count: number, totalMs: number): string =>
  `[2026-01-01T00:00:0${second}.000Z] [INFO ] [perf] [perf-counters] snapshot: {\n` +
  `  'orbitdb.putEntry': { count: ${count}, totalMs: ${totalMs}, avgMs: ${totalMs / count}, ` +
  `maxMs: ${totalMs} }\n` +
  `}\n`;

describe('lenses during a live run', () => {
  // The timeout only ends a run that would otherwise wait forever for a refresh never sent.
  it(
    'update as counter dumps arrive, after a workspace/codeLens/refresh',
    { timeout: 120_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'perflens-live-lens-'));
      const runDir = join(dir, 'run');
      mkdirSync(runDir);
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
      writeFileSync(
        join(runDir, 'run.json'),
        JSON.stringify({
          startTime: '2026-01-01T00:00:00.000Z',
          env: { SPHERE_PERF_DUMP_MS: '1000' },
          status: 'running',
        }),
      );
      const child = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      const conn = createMessageConnection(
        new StreamMessageReader(child.stdout),
        new StreamMessageWriter(child.stdin),
      );
      // Each refresh the server asks for resolves the next waiter.
      let refreshed: () => void = () => undefined;
      const nextRefresh = (): Promise<void> => new Promise((r) => (refreshed = r));
      conn.onRequest('workspace/codeLens/refresh', () => {
        refreshed();
        return null;
      });
      conn.listen();
      try {
        await conn.sendRequest('initialize', {
          processId: process.pid,
          rootUri: null,
          capabilities: { workspace: { codeLens: { refreshSupport: true } } },
        });
        await conn.sendNotification('initialized', {});
        const uri = pathToFileURL(src).href;
        const titles = async (): Promise<string[]> =>
          (
            await conn.sendRequest<
              { range: { start: { line: number } }; command: { title: string } }[]
            >('textDocument/codeLens', { textDocument: { uri } })
          ).map((l) => `${l.range.start.line + 1}: ${l.command.title}`);
        assert.deepEqual(await titles(), [], 'nothing loaded yet');

        await conn.sendRequest('perflens/followRun', { runDir });
        let refresh = nextRefresh();
        writeFileSync(join(runDir, 'script.log'), `daemon: listening\n${dump(1, 2, 10)}`);
        await refresh;
        // One dump at 00:00:01 with a 1,000 ms interval: wall-clock 1,000 ms (first − interval …
        // last). putEntry: 2 calls, 10 ms, avg 10 / 2 = 5 ms, 10 / 1,000 = 1.0 % of run.
        assert.deepEqual(await titles(), [
          '2: putEntry · 2 calls · 10 ms wall (avg 5.0 ms, 1.0 % of run)',
        ]);

        refresh = nextRefresh();
        appendFileSync(join(runDir, 'script.log'), dump(9, 2, 90));
        await refresh;
        // Second window at 00:00:09: wall 9,000 − 0 = 9,000 ms; 2 + 2 = 4 calls, 10 + 90 = 100 ms,
        // avg 100 / 4 = 25 ms, 100 / 9,000 = 1.1 % of run.
        assert.deepEqual(await titles(), [
          '2: putEntry · 4 calls · 100 ms wall (avg 25 ms, 1.1 % of run)',
        ]);
        await conn.sendRequest('perflens/finishRun', { runDir });
      } finally {
        await conn.sendRequest('shutdown');
        await conn.sendNotification('exit');
        conn.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('asks for a redraw only when a number changed', () => {
    const inline = new InlineCostsService(() => Promise.resolve([]));
    const builder = new CounterRunBuilder();
    const cell = { count: 2, totalMs: 10, avgMs: 5, maxMs: 10 };
    builder.add({ source: 'main', line: 1, format: 'inspect', counters: { a: cell }, lost: [] });
    assert.equal(inline.followCounters('/run', builder.build({ dumpIntervalMs: 1000 })), true);
    // The same numbers again (a poll that found only log noise): no redraw.
    assert.equal(inline.followCounters('/run', builder.build({ dumpIntervalMs: 1000 })), false);
    builder.add({ source: 'main', line: 9, format: 'inspect', counters: { a: cell }, lost: [] });
    assert.equal(inline.followCounters('/run', builder.build({ dumpIntervalMs: 1000 })), true);
    // 2 + 2 = 4 calls
    assert.equal(inline.current?.counters[0].count, 4);
  });
});

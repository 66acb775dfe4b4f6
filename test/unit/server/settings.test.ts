/**
 * Settings reach the built language server (dist/server.js over stdio) as the extension sends
 * them: `initializationOptions.settings` at start, `perflens/didChangeSettings` live, after
 * which the server asks the client to refresh CodeLens. Malformed values keep the defaults.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';

import { DEFAULT_SERVER_SETTINGS } from '../../../protocol/server';

const root = resolve(__dirname, '..', '..', '..');

interface Status {
  settings: { codeLens: { enabled: boolean; thresholdPercent: number } };
}

async function startServer(
  initializationOptions: unknown,
): Promise<{ conn: MessageConnection; refreshes: () => number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
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
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { codeLens: { refreshSupport: true } } },
    initializationOptions,
  });
  await conn.sendNotification('initialized', {});
  return {
    conn,
    refreshes: () => refreshes,
    stop: async () => {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      await exited;
      conn.dispose();
    },
  };
}

describe('perflens/openSource over stdio', () => {
  it('reads a source once and answers with its view, its loaded info and structured problems', async () => {
    const s = await startServer(undefined);
    try {
      // Not a profile, and its only dump is cut off: nothing found, and the reasons say where.
      const dir = mkdtempSync(join(tmpdir(), 'perflens-open-'));
      const log = join(dir, 'daemon.log');
      writeFileSync(log, 'starting\n[perf-counters] snapshot: {\n  a: { count: 1,\n');
      const view = await s.conn.sendRequest<{
        path: string;
        source: { path: string; diagnostics: unknown[] };
        found: { profile: boolean; counters: boolean };
        diagnostics: Array<{
          file: string;
          severity: string;
          message: string;
          offset?: number;
          expected?: string;
        }>;
      }>('perflens/openSource', { path: log });
      assert.equal(view.path, log);
      assert.equal(view.source.path, log);
      assert.deepEqual(view.found, { profile: false, counters: false });
      assert.ok(view.diagnostics.length > 0, 'it says why nothing was found');
      for (const d of view.diagnostics) {
        assert.equal(typeof d.file, 'string');
        assert.match(d.severity, /^(error|warning)$/);
        assert.equal(typeof d.message, 'string');
      }
      // The profile importers' reason, as data: at byte 0, with what was expected there.
      const notProfile = view.diagnostics.find((d) => /no importer recognises/.test(d.message));
      assert.ok(notProfile, JSON.stringify(view.diagnostics));
      assert.equal(notProfile.offset, 0);
      assert.match(notProfile.expected ?? '', /^a profile \(.*\.cpuprofile.*folded stacks\)$/);
      const status = await s.conn.sendRequest<{ loadedSources: Array<{ path: string }> }>(
        'perflens/status',
        {},
      );
      assert.deepEqual(
        status.loadedSources.map((x) => x.path),
        [log],
      );
    } finally {
      await s.stop();
    }
  });
});

describe('language server settings', () => {
  it('starts with the settings in initializationOptions and applies a change live', async () => {
    const s = await startServer({ settings: { codeLens: { enabled: false } } });
    try {
      let status = await s.conn.sendRequest<Status>('perflens/status', {});
      assert.deepEqual(status.settings.codeLens, { enabled: false, thresholdPercent: 1 });
      assert.equal(s.refreshes(), 0, 'no refresh for the settings it started with');

      await s.conn.sendNotification('perflens/didChangeSettings', {
        settings: { codeLens: { enabled: true, thresholdPercent: 5 } },
      });
      // Messages on one connection are handled in order: the status request sees the change.
      status = await s.conn.sendRequest<Status>('perflens/status', {});
      assert.deepEqual(status.settings.codeLens, { enabled: true, thresholdPercent: 5 });
      assert.equal(s.refreshes(), 1, 'the client is asked to re-query CodeLens');
    } finally {
      await s.stop();
    }
  });

  it('keeps the defaults when started standalone or sent malformed settings', async () => {
    const s = await startServer(undefined);
    try {
      let status = await s.conn.sendRequest<Status>('perflens/status', {});
      assert.deepEqual(status.settings, DEFAULT_SERVER_SETTINGS);
      await s.conn.sendNotification('perflens/didChangeSettings', {
        settings: { codeLens: { enabled: 'off', thresholdPercent: -3 }, counterCallees: [1] },
      });
      status = await s.conn.sendRequest<Status>('perflens/status', {});
      assert.deepEqual(status.settings, DEFAULT_SERVER_SETTINGS);
    } finally {
      await s.stop();
    }
  });
});

describe('counter settings decide which function a counter lands on', () => {
  it('perflens.rustCounterMacros, counterCallees and counterMap, applied live', async () => {
    // One dump of two timers: fanout_ms is recorded by `histogram!` inside
    // PubSubManager::handle_incoming (pubsub.rs line 16, function at line 11);
    // wallet.listActiveBundles.calls by `perf.incr` inside WalletStore.listActiveBundles
    // (store.ts line 21, function at line 20).
    const dir = mkdtempSync(join(tmpdir(), 'perflens-counter-settings-'));
    const log = join(dir, 'daemon.log');
    writeFileSync(
      log,
      "[perf-counters] snapshot: {\n  'pubsub.fanout_ms': { count: 3, totalMs: 30, avgMs: 10, maxMs: 12 },\n" +
        "  'wallet.listActiveBundles.calls': { count: 7, totalMs: 14, avgMs: 2, maxMs: 3 }\n}\n",
    );
    const rust = pathToFileURL(
      join(root, 'test', 'fixtures', 'inline', 'rust-x0x', 'src', 'gossip', 'pubsub.rs'),
    ).href;
    const ts = pathToFileURL(
      join(root, 'test', 'fixtures', 'inline', 'ts-store', 'src', 'store.ts'),
    ).href;
    const s = await startServer(undefined);
    type Lens = { range: { start: { line: number } }; command: { title: string } };
    /** `line: function` of each lens (lines 1-based), the counter's numbers cut off. */
    const lensed = async (uri: string): Promise<string[]> =>
      (await s.conn.sendRequest<Lens[]>('textDocument/codeLens', { textDocument: { uri } })).map(
        (l) => `${l.range.start.line + 1}: ${l.command.title.split(' · ')[0]}`,
      );
    /** The hover of the function declared on `line` (1-based). */
    const hovered = async (uri: string, line: number): Promise<string> =>
      (
        await s.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
          textDocument: { uri },
          position: { line: line - 1, character: 4 },
        })
      )?.contents.value ?? '';
    const apply = (settings: unknown): Promise<void> =>
      s.conn.sendNotification('perflens/didChangeSettings', { settings });
    try {
      await s.conn.sendRequest('perflens/openSource', { path: log });
      // Defaults: `histogram` is a counter macro, `incr` a counter callee.
      assert.deepEqual(await lensed(rust), ['11: handle_incoming']);
      assert.deepEqual(await lensed(ts), ['20: listActiveBundles']);
      assert.match(await hovered(ts, 20), /call site at line 21/);
      // Neither call site is one any more: the Rust counter lands nowhere; the TypeScript one
      // only by its name (`wallet.` names class WalletStore, not OrbitDbAdapter, whose
      // listActiveBundles fits the bare name too).
      await apply({ rustCounterMacros: ['counter'], counterCallees: ['observe'] });
      assert.deepEqual(await lensed(rust), []);
      assert.deepEqual(await lensed(ts), ['20: listActiveBundles']);
      assert.match(await hovered(ts, 20), /\| name \|/);
      // An explicit map wins over the call sites (which are back with the defaults).
      await apply({
        counterMap: {
          'pubsub.fanout_ms': 'decode_frame',
          'wallet.listActiveBundles.calls': 'parse',
        },
      });
      assert.deepEqual(await lensed(rust), ['35: decode_frame']);
      assert.deepEqual(await lensed(ts), ['32: parse']);
    } finally {
      await s.stop();
    }
  });
});

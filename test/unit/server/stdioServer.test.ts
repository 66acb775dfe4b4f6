/**
 * The built language server runs standalone over stdio (`node dist/server.js --stdio`) and
 * answers LSP: initialize, the custom perflens/status request, shutdown/exit.
 *
 * Needs the bundles: `npm run test:unit` builds them first.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

const root = resolve(__dirname, '..', '..', '..');

describe('dist/server.js over stdio', () => {
  it('answers initialize and perflens/status, then exits on shutdown/exit', async () => {
    const child = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const conn = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    conn.listen();
    const init = await conn.sendRequest<{
      capabilities: { codeLensProvider?: unknown };
      serverInfo?: { name: string };
    }>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
    });
    assert.equal(init.serverInfo?.name, 'perflens');
    assert.ok(init.capabilities.codeLensProvider, 'the server provides CodeLens');
    await conn.sendNotification('initialized', {});
    const status = await conn.sendRequest<{
      transport: string;
      pid: number;
      loadedSources: unknown[];
    }>('perflens/status', {});
    assert.equal(status.transport, 'stdio');
    assert.equal(status.pid, child.pid);
    assert.deepEqual(status.loadedSources, []);
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    assert.equal(await exited, 0);
    conn.dispose();
  });

  it('outside VS Code: perflens/openSource, then textDocument/codeLens returns resolved titles; hover; settings at once; clear', async () => {
    const child = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const conn = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    conn.listen();
    // Settings given at start, as the extension does (initializationOptions.settings).
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      initializationOptions: { settings: { codeLens: { thresholdPercent: 1 } } },
    });
    await conn.sendNotification('initialized', {});
    const crate = join(root, 'test', 'fixtures', 'inline', 'rust-x0x');
    await conn.sendRequest('perflens/openSource', { path: join(crate, 'profile.folded') });
    // The client never opened the file: the server reads it from disk.
    const uri = pathToFileURL(join(crate, 'src', 'gossip', 'pubsub.rs')).href;
    type Lens = { range: { start: { line: number } }; command: { title: string; command: string } };
    const lenses = async (): Promise<string[]> =>
      (await conn.sendRequest<Lens[]>('textDocument/codeLens', { textDocument: { uri } })).map(
        (l) => `${l.range.start.line + 1}: ${l.command.title}`,
      );
    // 3,134 samples: handle_incoming 1,912 (61.0 %, self 540); verify 700 (22.3 %);
    // TopicRouter::handle_incoming 300 (9.6 %); decode_frame 672 (21.4 %). LSP lines are 0-based.
    assert.deepEqual(await lenses(), [
      '11: handle_incoming · CPU 1,912 samples (61.0 %) · self 540',
      '24: verify · CPU 700 samples (22.3 %) · self 700',
      '30: handle_incoming · CPU 300 samples (9.6 %) · self 300',
      '35: decode_frame · CPU 672 samples (21.4 %) · self 672',
    ]);
    const hover = await conn.sendRequest<{ contents: { value: string } } | null>(
      'textDocument/hover',
      { textDocument: { uri }, position: { line: 10, character: 20 } },
    );
    assert.match(hover!.contents.value, /\*\*PubSubManager\\\.handle\\_incoming\*\*/);
    assert.match(hover!.contents.value, /\*\*Callees:\*\* PubSubManager::verify 700 samples/);
    // A changed threshold applies at once: 9.6 % is now under it.
    await conn.sendNotification('perflens/didChangeSettings', {
      settings: { codeLens: { thresholdPercent: 20 } },
    });
    assert.deepEqual(
      (await lenses()).map((l) => l.split(':')[0]),
      ['11', '24', '35'],
    );
    await conn.sendNotification('perflens/didChangeSettings', {
      settings: { codeLens: { enabled: false } },
    });
    assert.deepEqual(await lenses(), []);
    await conn.sendNotification('perflens/didChangeSettings', { settings: {} });
    assert.equal((await lenses()).length, 4);
    await conn.sendRequest('perflens/clearInlineCosts', {});
    assert.deepEqual(await lenses(), []);
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    assert.equal(await exited, 0);
    conn.dispose();
  });

  it('refuses to start without a transport, with a message saying what to pass', () => {
    try {
      execFileSync(process.execPath, [join(root, 'dist', 'server.js')], { stdio: 'pipe' });
      assert.fail('expected a non-zero exit');
    } catch (err) {
      const e = err as { status: number; stderr: Buffer };
      assert.equal(e.status, 2);
      assert.match(e.stderr.toString(), /pass --stdio/);
    }
  });
});

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

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PerfLensApi } from '../../../extension/main';
import type { ServerStatus } from '../../../protocol/server';

suite('PerfLens inside the extension host', () => {
  let api: PerfLensApi;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<PerfLensApi>('perflens.perflens');
    assert.ok(ext, 'the PerfLens extension is installed');
    api = await ext.activate();
  });

  test('contributes its commands under perflens.*', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['perflens.showPanel', 'perflens.serverStatus'])
      assert.ok(all.includes(id), `${id} is registered`);
  });

  test('the language server runs in its own process and answers over IPC', async () => {
    // Through the extension's own client and protocol objects: this bundle has its own copy
    // of vscode-jsonrpc, whose request types the extension's client would not recognise.
    const client = await api.ctx.client();
    const status = await api.ctx.serverStatus();
    assert.equal(status.transport, 'ipc');
    assert.notEqual(status.pid, process.pid, 'the server is not the extension host');
    assert.equal(client.initializeResult?.serverInfo?.name, 'perflens');
    // The version the build put in the server (an esbuild define) is package.json's, as VS Code
    // read it from disk for the extension.
    const ext = vscode.extensions.getExtension('perflens.perflens')!;
    const packageVersion = (ext.packageJSON as { version: string }).version;
    assert.match(packageVersion, /^\d+\.\d+\.\d+/);
    assert.equal(client.initializeResult?.serverInfo?.version, packageVersion);
  });

  test('perflens.showPanel opens a webview that reports it rendered the server status', async () => {
    const panel = api.ctx.showPanel();
    const rendered = new Promise<{ tables: number; rows: number }>((resolve) =>
      panel.onDidRender(resolve),
    );
    const status = await vscode.commands.executeCommand<ServerStatus>('perflens.showPanel');
    assert.equal(typeof status.pid, 'number');
    const drawn = await rendered;
    assert.equal(drawn.tables, 1);
  });
});

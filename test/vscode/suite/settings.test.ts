import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PerfLensApi } from '../../../extension/main';

/** Polls `check` until it holds (settings reach the server asynchronously); fails after 20 s. */
async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

suite('Settings apply live', () => {
  let api: PerfLensApi;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('perflens');

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<PerfLensApi>('perflens.perflens')!.activate();
  });

  test('perflens.codeLens.enabled reaches the running language server without a restart', async () => {
    const pid = (await api.ctx.serverStatus()).pid;
    await config().update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      await until(
        'the server reports codeLens.enabled false',
        async () => !(await api.ctx.serverStatus()).settings.codeLens.enabled,
      );
    } finally {
      await config().update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await until(
      'the server reports codeLens.enabled true again',
      async () => (await api.ctx.serverStatus()).settings.codeLens.enabled,
    );
    assert.equal((await api.ctx.serverStatus()).pid, pid, 'the same server process');
  });

  test('perflens.codeLens.enabled false makes the lenses of a measured source disappear, true brings them back', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    await api.ctx.openSource(vscode.Uri.joinPath(folder, 'profiles', 'work.cpuprofile').fsPath);
    const source = vscode.Uri.joinPath(folder, 'src', 'work.js');
    await vscode.window.showTextDocument(source);
    // PerfLens's lenses name their function and its cost (`name · …`); resolved, as the editor
    // shows them.
    const lensTitles = async (): Promise<string[]> =>
      (
        (await vscode.commands.executeCommand<vscode.CodeLens[]>(
          'vscode.executeCodeLensProvider',
          source,
          100,
        )) ?? []
      )
        .map((l) => l.command?.title ?? '')
        .filter((t) => / · /.test(t));
    await until('work.js has PerfLens lenses', async () => (await lensTitles()).length > 0);
    await config().update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      await until('no PerfLens lens is left', async () => (await lensTitles()).length === 0);
    } finally {
      await config().update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await until('the lenses are back', async () => (await lensTitles()).length > 0);
  });

  test('perflens.run.outputDir moves the runs view (and its file watcher) to the new folder', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const elsewhere = path.join(folder, 'other-runs');
    fs.mkdirSync(elsewhere, { recursive: true });
    await config().update('run.outputDir', 'other-runs', vscode.ConfigurationTarget.Workspace);
    try {
      await until('the runs root follows the setting', () => api.ctx.runsRoot() === elsewhere);
      // A run appearing in the NEW folder refreshes the view: its watcher moved with the setting.
      const refreshed = new Promise<void>((resolve) => {
        const sub = api.ctx.history.onDidChangeTreeData(() => {
          sub.dispose();
          resolve();
        });
      });
      const run = path.join(elsewhere, '2026-01-01T00-00-00-moved');
      fs.mkdirSync(run);
      // A new watcher starts asynchronously and can miss a write made at once: rewrite run.json
      // until the view hears of it (a condition, polled), not once.
      let heard = false;
      void refreshed.then(() => (heard = true));
      let n = 0;
      await until('the runs view refreshes for a run.json in the new folder', () => {
        if (!heard)
          fs.writeFileSync(
            path.join(run, 'run.json'),
            JSON.stringify({
              formatVersion: 1,
              status: 'completed',
              profiler: 'none',
              command: ['x'],
              write: n++,
            }),
          );
        return heard;
      });
      assert.deepEqual(
        api.ctx.history.getChildren().map((r) => r.dir),
        [run],
      );
    } finally {
      await config().update('run.outputDir', undefined, vscode.ConfigurationTarget.Workspace);
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  test('perflens.trace.server: off traces nothing, messages names each message, verbose adds its contents', async () => {
    const trace = api.ctx.serverTrace;
    /** The trace lines written while `act` ran (status requests answered in between). */
    async function tracedDuring(act: () => Promise<unknown>): Promise<string> {
      const before = trace.written;
      await act();
      const lines = trace.written - before;
      return lines === 0 ? '' : trace.recentLines().slice(-lines).join('\n');
    }
    const status = (): Promise<unknown> => api.ctx.serverStatus();
    // The default, off: requests go out untraced.
    assert.equal(await tracedDuring(status), '');
    try {
      await config().update('trace.server', 'messages', vscode.ConfigurationTarget.Workspace);
      await until('the client traces perflens/status', async () =>
        /Sending request 'perflens\/status/.test(await tracedDuring(status)),
      );
      const messages = await tracedDuring(status);
      assert.match(messages, /Received response 'perflens\/status/);
      assert.doesNotMatch(messages, /Params:|Result:/);
      await config().update('trace.server', 'verbose', vscode.ConfigurationTarget.Workspace);
      await until('the trace carries each message’s contents', async () =>
        /Result: \{/.test(await tracedDuring(status)),
      );
    } finally {
      await config().update('trace.server', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await until('tracing stops again', async () => (await tracedDuring(status)) === '');
  });
});

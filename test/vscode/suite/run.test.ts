import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PerfLensApi } from '../../../extension/main';

suite('Profile Run and open, through the extension API', () => {
  let api: PerfLensApi;
  let folder: string;

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<PerfLensApi>('perflens.perflens')!.activate();
    folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
  });

  test('perflens.profileRun with a given command runs it under cpu-prof and writes a run folder', async () => {
    const busy =
      'let s=0;const ' +
      't=Date.now()+1500;while(Date.now()<t)s+=Math.sqrt(s+1);console.log("done",s>0)';
    const result = await vscode.commands.executeCommand<{
      status: string;
      runDir: string;
      profiles: string[];
      leftovers: number[];
    }>('perflens.profileRun', {
      command: ['node', '-e', busy],
      profiler: 'cpu-prof',
      durationS: 20,
      label: 'busy loop',
    });
    assert.equal(result.status, 'completed');
    assert.ok(result.runDir.startsWith(path.join(folder, '.perflens', 'runs')));
    assert.equal(result.profiles.length, 1);
    assert.deepEqual(result.leftovers, []);
    assert.match(fs.readFileSync(path.join(result.runDir, 'script.log'), 'utf8'), /done true/);
    const manifest = JSON.parse(fs.readFileSync(path.join(result.runDir, 'run.json'), 'utf8')) as {
      status: string;
      profiler: string;
    };
    assert.deepEqual([manifest.status, manifest.profiler], ['completed', 'cpu-prof']);
  });

  test('the run history lists that run, newest first, with its status', () => {
    const runs = api.ctx.history.getChildren();
    assert.ok(runs.length >= 1);
    assert.equal(runs[0].status, 'completed');
    const item = api.ctx.history.getTreeItem(runs[0]);
    assert.match(String(item.description), /^completed · cpu-prof · \d+\.\d s · exit 0$/);
  });

  test('opening a saved profile returns the engine view the panel shows', async () => {
    const view = await api.ctx.openSource(path.join(folder, 'profiles', 'work.cpuprofile'));
    assert.equal(view.found.profile, true);
    assert.ok(view.profile!.functions.some((f) => f.name === 'putEntry'));
  });
});

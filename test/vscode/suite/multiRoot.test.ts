import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * A workspace of two folders whose second sets `perflens.run.outputDir` in its own
 * .vscode/settings.json (the harness writes it): a setting of scope "resource", which a read
 * without the folder does not see.
 */
suite('Multi-root: run settings are read per target folder', () => {
  test("Profile Run with its cwd in the second folder uses that folder's run.outputDir", async () => {
    const folders = vscode.workspace.workspaceFolders!;
    assert.equal(folders.length, 2);
    const second = folders[1].uri.fsPath;
    assert.equal(
      vscode.workspace.getConfiguration('perflens.run', folders[1].uri).get('outputDir'),
      'second-runs',
      "VS Code reads the second folder's own setting",
    );
    const result = await vscode.commands.executeCommand<{ status: string; runDir: string }>(
      'perflens.profileRun',
      {
        command: ['node', '-e', 'console.log("ran in", process.cwd())'],
        cwd: second,
        profiler: 'none',
        durationS: 20,
        label: 'second folder',
      },
    );
    assert.equal(result.status, 'completed');
    assert.equal(path.dirname(result.runDir), path.join(second, 'second-runs'));
    assert.match(fs.readFileSync(path.join(result.runDir, 'script.log'), 'utf8'), /ran in/);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * A workspace of two folders whose second sets `perflens.run.outputDir` and `perflens.run.env`
 * (`PERFLENS_FOLDER_MARK=second`) in its own .vscode/settings.json (the harness writes it): a setting of scope "resource", which a read
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

  test("A/B Soak with its cwd in the second folder runs each iteration with that folder's run.env", async () => {
    const second = vscode.workspace.workspaceFolders![1].uri.fsPath;
    // Prints the variable only the second folder's perflens.run.env sets; a folder-less read of
    // the run settings (the first folder's, which sets none) would print `mark: unset`.
    fs.writeFileSync(
      path.join(second, 'mark.cjs'),
      "console.log('mark: ' + (process.env.PERFLENS_FOLDER_MARK ?? 'unset'));\n",
    );
    const shown = await vscode.commands.executeCommand<{ abDir?: string; reason: string }>(
      'perflens.abSoak',
      {
        baseline: 'node mark.cjs',
        treatment: 'node mark.cjs',
        cwd: second,
        iterations: 1,
        profiler: 'none',
      },
    );
    assert.ok(shown?.abDir, `an A/B folder (${shown?.reason})`);
    for (const side of ['baseline', 'treatment'])
      assert.match(
        fs.readFileSync(path.join(shown.abDir, side, 'run-1', 'script.log'), 'utf8'),
        /^mark: second$/m,
        side,
      );
  });
});

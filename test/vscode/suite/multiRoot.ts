/**
 * Entry point of the extension-host run in a workspace of two folders (the harness's second run):
 * the multi-root tests only. Chosen by the harness through its own entry file, not by counting
 * workspace folders at load time: code-server's extension host can start on a `.code-workspace`
 * before its folders are known (seen once: `workspaceFolders` undefined at load, both folders a
 * moment later), which made the one-folder suite run there instead. The tests wait for both folders.
 */
import * as vscode from 'vscode';
import { newMocha, runMocha } from './runMocha';

/** Resolves once the workspace has `count` folders (at once when it already has). */
function foldersReady(count: number): Promise<void> {
  return new Promise((resolve) => {
    if ((vscode.workspace.workspaceFolders?.length ?? 0) >= count) return resolve();
    const sub = vscode.workspace.onDidChangeWorkspaceFolders(() => {
      if ((vscode.workspace.workspaceFolders?.length ?? 0) < count) return;
      sub.dispose();
      resolve();
    });
  });
}

export async function run(): Promise<void> {
  // No time limit of its own: the harness's 180 s limit on the whole run reports a workspace
  // whose folders never come.
  await foldersReady(2);
  const mocha = newMocha();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after pre-require
  require('./multiRoot.test');
  return runMocha(mocha);
}

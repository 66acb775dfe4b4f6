/**
 * Click-to-source: open a file a profile or log names at its line (the engine has already
 * source-mapped profile frames back to the original TypeScript). Workspace paths first, then the
 * path as written, then a search of the workspace by file name; when nothing fits, the error says
 * why, and the caller shows it.
 */
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { locationCandidates } from './locationCandidates';

export async function resolveLocation(file: string): Promise<vscode.Uri> {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const c = locationCandidates(file, folders);
  if (c.kind === 'none') throw new Error(c.reason);
  const found = c.paths.find((p) => existsSync(p));
  if (found) return vscode.Uri.file(found);
  // Last resort: one file of that name in the workspace (several would be a guess: say so).
  const hits = c.basename
    ? await vscode.workspace.findFiles(`**/${c.basename}`, '**/node_modules/**', 5)
    : [];
  if (hits.length === 1) return hits[0];
  throw new Error(
    hits.length > 1
      ? `${file} is not on disk, and ${hits.length} files named ${c.basename} are in the workspace; which one is ambiguous`
      : `${file} is neither on disk nor in the workspace${folders.length ? '' : ' (no folder is open)'}`,
  );
}

export async function openLocation(file: string, line: number, column = 1): Promise<void> {
  const uri = await resolveLocation(file);
  const doc = await vscode.workspace.openTextDocument(uri);
  const pos = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
  await vscode.window.showTextDocument(doc, {
    selection: new vscode.Range(pos, pos),
    viewColumn: vscode.ViewColumn.One,
  });
}

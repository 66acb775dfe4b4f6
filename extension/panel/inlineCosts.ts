/**
 * "Show inline costs": from a function or counter row of the panel to its place in the source,
 * where the language server's CodeLens show what it measurably cost. A function row knows its
 * file and line; a counter is found at its call site — the `incr('…')` / `observeMs('…')` /
 * `time('…', …)` naming it (DESIGN.md: call sites are the reliable way from a counter to code).
 * Also the command `perflens.showInlineCosts` ({ kind, name, file?, line? }) for other callers.
 */
import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import { openLocation } from './openLocation';
import { counterCallSiteLine } from './counterCallSite';

export interface InlineCostsRequest {
  readonly kind: 'function' | 'counter';
  readonly name: string;
  readonly file?: string;
  readonly line?: number;
}

const SOURCES = '**/*.{ts,tsx,mts,cts,js,mjs,cjs,rs}';

export async function showInlineCosts(request: InlineCostsRequest): Promise<void> {
  if (!vscode.workspace.getConfiguration('perflens.codeLens').get<boolean>('enabled', true))
    void vscode.window.showInformationMessage(
      'PerfLens: CodeLens are turned off (perflens.codeLens.enabled); the source is opened without them.',
    );
  if (request.file && request.line) return openLocation(request.file, request.line);
  if (request.kind === 'function')
    throw new Error(`${request.name} has no source location in the profile (a VM or native frame)`);
  const files = await vscode.workspace.findFiles(
    SOURCES,
    '{**/node_modules/**,**/dist/**,**/out/**}',
    5000,
  );
  for (const uri of files) {
    const line = counterCallSiteLine(
      await readFile(uri.fsPath, 'utf8').catch(() => ''),
      request.name,
    );
    if (line !== undefined) return openLocation(uri.fsPath, line);
  }
  throw new Error(
    `no call site naming '${request.name}' (incr, observeMs, time, timeSync) in ${files.length} source file(s) of the workspace`,
  );
}

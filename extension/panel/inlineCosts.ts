/**
 * "Show inline costs": from a function or counter row of the panel to its place in the source,
 * where the language server's CodeLens show what it measurably cost. A function row knows its
 * file and line; a counter is found at its call site by the language server
 * (`perflens/locateCounter`: its parsers, with the configured callees and Rust macros — DESIGN.md:
 * call sites are the reliable way from a counter to code). Also the command
 * `perflens.showInlineCosts` ({ kind, name, file?, line? }) for other callers.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LocateCounter } from '../../protocol/server';
import { openLocation } from './openLocation';

export interface InlineCostsRequest {
  readonly kind: 'function' | 'counter';
  readonly name: string;
  readonly file?: string;
  readonly line?: number;
}

const SOURCES = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,rs}';

export async function showInlineCosts(
  request: InlineCostsRequest,
  client: () => Promise<LanguageClient>,
  log: (line: string) => void,
): Promise<void> {
  if (!vscode.workspace.getConfiguration('perflens.codeLens').get<boolean>('enabled', true))
    void vscode.window.showInformationMessage(
      'PerfLens: CodeLens are turned off (perflens.codeLens.enabled); the source is opened without them.',
    );
  if (request.file && request.line) return openLocation(request.file, request.line);
  if (request.kind === 'function')
    throw new Error(`${request.name} has no source location in the profile (a VM or native frame)`);
  // The host lists the workspace's sources (it knows the folders and excludes); the server reads
  // and parses them.
  const files = await vscode.workspace.findFiles(
    SOURCES,
    '{**/node_modules/**,**/dist/**,**/out/**,**/target/**}',
    5000,
  );
  const r = await (
    await client()
  ).sendRequest(LocateCounter.type, { name: request.name, files: files.map((u) => u.fsPath) });
  const [first] = r.found;
  if (!first) throw new Error(r.reason ?? `no call site naming '${request.name}'`);
  if (r.found.length > 1)
    log(
      `${request.name}: ${r.found.length} call sites (${r.found.map((f) => `${f.file}:${f.line}`).join(', ')}); opened the first`,
    );
  return openLocation(first.file, first.line);
}

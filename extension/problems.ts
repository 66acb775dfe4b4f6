/**
 * Problems with opened sources in VS Code's Problems panel: one `DiagnosticCollection` per
 * opened source, so re-opening a source replaces its problems and leaves the others alone.
 */
import * as vscode from 'vscode';
import { statSync } from 'node:fs';
import type { WireDiagnostic } from '../protocol/diagnostics';
import { problemsByFile } from './problemsModel';

export class SourceProblems implements vscode.Disposable {
  private readonly collections = new Map<string, vscode.DiagnosticCollection>();

  /** Show `diagnostics` as the problems of `sourcePath` (replacing what it had). */
  show(sourcePath: string, diagnostics: readonly WireDiagnostic[]): void {
    let collection = this.collections.get(sourcePath);
    if (!collection) {
      collection = vscode.languages.createDiagnosticCollection(`perflens:${sourcePath}`);
      this.collections.set(sourcePath, collection);
    }
    collection.clear();
    const byFile = problemsByFile(sourcePath, isFile(sourcePath), diagnostics);
    for (const [file, problems] of byFile) {
      collection.set(
        vscode.Uri.file(file),
        problems.map((p) => {
          const pos = new vscode.Position(p.line, p.character);
          const d = new vscode.Diagnostic(
            new vscode.Range(pos, pos),
            p.message,
            p.severity === 'error'
              ? vscode.DiagnosticSeverity.Error
              : vscode.DiagnosticSeverity.Warning,
          );
          d.source = 'PerfLens';
          return d;
        }),
      );
    }
  }

  /** The problems currently shown for `sourcePath`, by file (for tests and the status view). */
  of(sourcePath: string): Array<[vscode.Uri, readonly vscode.Diagnostic[]]> {
    const out: Array<[vscode.Uri, readonly vscode.Diagnostic[]]> = [];
    this.collections.get(sourcePath)?.forEach((uri, diags) => out.push([uri, diags]));
    return out;
  }

  dispose(): void {
    for (const c of this.collections.values()) c.dispose();
    this.collections.clear();
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

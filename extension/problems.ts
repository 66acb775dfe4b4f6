/**
 * Problems with the user's input in VS Code's Problems panel, from every path that reads it:
 * opening a source, drawing its flame graph, finishing a run's counters. One
 * `DiagnosticCollection` per (path, origin), so re-opening a source replaces the problems that
 * path found and leaves the others alone: a flame graph drawn again does not clear what opening
 * its folder found in the log.
 */
import * as vscode from 'vscode';
import { statSync } from 'node:fs';
import type { WireDiagnostic } from '../protocol/diagnostics';
import { problemsByFile } from './problemsModel';

/** Which reading of a path found the problems. */
export type ProblemOrigin = 'source' | 'flame' | 'run';

export class SourceProblems implements vscode.Disposable {
  private readonly collections = new Map<string, vscode.DiagnosticCollection>();

  /** Show `diagnostics` as what `origin` found in `sourcePath` (replacing what it found before). */
  show(
    sourcePath: string,
    diagnostics: readonly WireDiagnostic[],
    origin: ProblemOrigin = 'source',
  ): void {
    const key = `${origin}:${sourcePath}`;
    let collection = this.collections.get(key);
    if (!collection) {
      collection = vscode.languages.createDiagnosticCollection(`perflens-${key}`);
      this.collections.set(key, collection);
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

  /** The problems `origin` currently shows for `sourcePath`, by file (for tests). */
  of(
    sourcePath: string,
    origin: ProblemOrigin = 'source',
  ): Array<[vscode.Uri, readonly vscode.Diagnostic[]]> {
    const out: Array<[vscode.Uri, readonly vscode.Diagnostic[]]> = [];
    this.collections
      .get(`${origin}:${sourcePath}`)
      ?.forEach((uri, diags) => out.push([uri, diags]));
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

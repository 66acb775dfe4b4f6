/**
 * Where each problem of an opened source goes in the Problems panel: grouped by the file it
 * names, at a 0-based position (VS Code's), with the byte offset or expectation in the text when
 * the place is not a line. Pure: the `vscode` objects are made in `problems.ts`.
 */
import { isAbsolute } from 'node:path';
import type { WireDiagnostic } from '../protocol/diagnostics';

export interface Problem {
  readonly severity: 'error' | 'warning';
  /** 0-based line and character. */
  readonly line: number;
  readonly character: number;
  readonly message: string;
}

/**
 * Problems by absolute file path. A problem that names no absolute file (e.g. "profiles", a
 * label for several files) is placed on the opened source itself, when that is a file.
 */
export function problemsByFile(
  sourcePath: string,
  sourceIsFile: boolean,
  diagnostics: readonly WireDiagnostic[],
): Map<string, Problem[]> {
  const byFile = new Map<string, Problem[]>();
  for (const d of diagnostics) {
    const file = isAbsolute(d.file) ? d.file : sourceIsFile ? sourcePath : undefined;
    if (file === undefined) continue;
    const where = d.line === undefined && d.offset !== undefined ? ` (byte ${d.offset})` : '';
    const named = file === d.file ? '' : ` [${d.file}]`;
    const expected = d.expected ? ` (expected ${d.expected})` : '';
    const list = byFile.get(file) ?? [];
    list.push({
      severity: d.severity,
      line: Math.max(0, (d.line ?? 1) - 1),
      character: Math.max(0, (d.column ?? 1) - 1),
      message: `${d.message}${expected}${where}${named}`,
    });
    byFile.set(file, list);
  }
  return byFile;
}

/**
 * What the server holds for a loaded source, as `perflens/status` and the view report it: its
 * formats, how many profiled functions have a place in a source file, and the input's problems.
 */
import type { LoadedSourceInfo } from '../../protocol/server';
import type { SourceSections } from '../views/sourceView';

export function sourceInfo(path: string, sections: SourceSections): LoadedSourceInfo {
  return {
    path,
    kind:
      sections.profile.processes
        .map((p) => p.format)
        .filter((v, i, a) => a.indexOf(v) === i)
        .join('+') || 'none',
    functionCount: sections.profile.functions.filter(
      (f) => f.file && f.line !== null && !f.file.startsWith('node:'),
    ).length,
    diagnostics: sections.profile.engineDiagnostics,
  };
}

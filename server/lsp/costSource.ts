/**
 * The function costs CodeLens shows for a loaded source (a profile, a 0x folder, a run or soak
 * folder): every function with a source file and line after source-mapping, taken from the same
 * profile section the panel shows, so the source is parsed once.
 */
import type { ProfileSection } from '../../engine/report/profileReport';
import type { FunctionCost, LoadedCostSource } from './costIndex';

export function costSourceOf(path: string, section: ProfileSection): LoadedCostSource {
  const functions: FunctionCost[] = [];
  for (const f of section.functions) {
    // VM frames (`(program)`, `(garbage collector)`) and Node's internals have nowhere to go.
    if (!f.file || f.line === null || f.file.startsWith('node:')) continue;
    functions.push({
      name: f.name,
      file: f.file,
      line: f.line,
      selfMs: f.selfMs ?? 0,
      totalMs: f.totalMs ?? 0,
      selfPct: f.selfPct,
      totalPct: f.totalPct,
      samples: f.samples,
      totalSamples: f.totalSamples,
    });
  }
  return {
    info: {
      path,
      kind:
        section.processes
          .map((p) => p.format)
          .filter((v, i, a) => a.indexOf(v) === i)
          .join('+') || 'none',
      functionCount: functions.length,
      diagnostics: section.engineDiagnostics,
    },
    functions,
  };
}

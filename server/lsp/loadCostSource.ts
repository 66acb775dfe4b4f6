/**
 * Loads a source of measured cost (a profile, a 0x folder, a run or soak folder) into the
 * function costs CodeLens shows: every function with a source file and line after source-mapping.
 */
import { loadFunctionRows } from '../engine/profile/functionRows';
import { formatDiagnostic } from '../engine/diagnostics';
import type { FunctionCost, LoadedCostSource } from './costIndex';

export async function loadCostSource(path: string): Promise<LoadedCostSource> {
  const rows = await loadFunctionRows(path);
  const functions: FunctionCost[] = [];
  for (const f of rows.functions) {
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
    info: { path, kind: rows.profiles.map((p) => p.format).filter((v, i, a) => a.indexOf(v) === i).join('+') || 'none', functionCount: functions.length, diagnostics: rows.diagnostics.map(formatDiagnostic) },
    functions,
  };
}

/**
 * CodeLens: the measured cost of a function, shown above its definition.
 *
 * Titles carry their basis (sample count) because our users distrust numbers without one.
 */
import type { CodeLens } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import type { CostIndex, FunctionCost } from './costIndex';
import { basename } from 'node:path';

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function codeLensTitle(cost: FunctionCost, sourceLabel: string): string {
  return `PerfLens: self ${formatMs(cost.selfMs)} (${cost.selfPct.toFixed(1)}%) · total ${formatMs(cost.totalMs)} (${cost.totalPct.toFixed(1)}%) · ${cost.samples}/${cost.totalSamples} samples (self/total) · ${sourceLabel}`;
}

export function codeLensesFor(uri: string, index: CostIndex): CodeLens[] {
  const parsed = URI.parse(uri);
  if (parsed.scheme !== 'file' && parsed.scheme !== 'vscode-remote') return [];
  const lenses: CodeLens[] = [];
  for (const { source, cost } of index.costsInFile(parsed.fsPath)) {
    const line = Math.max(0, cost.line - 1);
    lenses.push({
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      command: { title: codeLensTitle(cost, basename(source.path)), command: '' },
    });
  }
  return lenses;
}

/**
 * A readable normal form of a model for snapshots and diffs: Brendan Gregg folded stacks
 * (`root;child;leaf weight`), one line per distinct stack, sorted, weights rounded — so a snapshot
 * says what the profile means, not how the importer stored it. The header's `records=` is how many
 * records the model holds — not a sample count (see `sampleCount`).
 */
import type { ProfileModel } from './model';
import { weightAt } from './sampleWeights';

export function frameLabel(f: { name: string; file?: string; line?: number }): string {
  const base = f.file ? f.file.split(/[\\/]/).pop() : undefined;
  return base ? `${f.name} (${base}:${f.line ?? '?'})` : f.name;
}

export function toFoldedNormalForm(model: ProfileModel, digits = 1): string {
  const { parentOf, frameOf } = model.stacks;
  const labels: string[] = [];
  const labelOf = (node: number): string => {
    let l = labels[node];
    if (l === undefined) {
      const p = parentOf[node];
      const own = frameLabel(model.frames[frameOf[node]]).replace(/;/g, ',');
      l = p >= 0 ? `${labelOf(p)};${own}` : own;
      labels[node] = l;
    }
    return l;
  };
  const byStack = new Map<string, number>();
  for (let i = 0; i < model.sampleStack.length; i++) {
    const k = labelOf(model.sampleStack[i]);
    byStack.set(k, (byStack.get(k) ?? 0) + weightAt(model.sampleWeight, i));
  }
  const unit = model.weightUnit === 'milliseconds' ? 'ms' : model.weightUnit;
  const lines = [...byStack.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, w]) => `${k} ${w.toFixed(digits)}`);
  return `# ${model.format} ${unit} total=${model.totalWeight.toFixed(digits)} records=${model.sampleStack.length}\n${lines.join('\n')}\n`;
}

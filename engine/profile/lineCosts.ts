/**
 * Per-line self time from V8 `positionTicks`: within one stack node, the node's self time is
 * split across its lines in proportion to their ticks (ticks and samples are the same events, but
 * only the samples carry time). One entry per line and function: two functions' ticks on one line
 * (a callback written on its parent's line) stay apart, each with where its function starts.
 */
import { nodeSelf } from './functionCosts';
import type { ProfileModel } from './model';

export interface LineCost {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly self: number;
  readonly ticks: number;
  readonly selfPct: number;
  /**
   * Where the function whose ticks these are starts (its frame's line and column in `file`), when
   * the frame is in the same file: lets a reader that knows the function's span drop a tick a
   * source map put outside it.
   */
  readonly function?: { readonly line: number; readonly column?: number };
}

export function lineCosts(model: ProfileModel): LineCost[] {
  const { weight } = nodeSelf(model);
  const ticksPerNode = new Map<number, number>();
  for (const t of model.lineTicks)
    ticksPerNode.set(t.node, (ticksPerNode.get(t.node) ?? 0) + t.ticks);
  const acc = new Map<string, Omit<LineCost, 'selfPct'> & { self: number; ticks: number }>();
  for (const t of model.lineTicks) {
    const frame = model.frames[model.stacks.frameOf[t.node]];
    const file = t.file ?? frame?.file;
    if (!file) continue;
    const fn =
      frame?.file === file && frame.line !== undefined
        ? { line: frame.line, ...(frame.column !== undefined ? { column: frame.column } : {}) }
        : undefined;
    const key = `${file}\u0000${t.line}\u0000${fn?.line ?? ''}\u0000${fn?.column ?? ''}`;
    let e = acc.get(key);
    if (!e)
      acc.set(
        key,
        (e = { file, line: t.line, self: 0, ticks: 0, ...(fn ? { function: fn } : {}) }),
      );
    e.ticks += t.ticks;
    e.self += (weight[t.node] * t.ticks) / ticksPerNode.get(t.node)!;
  }
  const sum = model.totalWeight;
  return [...acc.values()]
    .map((e) => ({ ...e, selfPct: sum > 0 ? (e.self / sum) * 100 : 0 }))
    .sort((a, b) => b.self - a.self || a.file.localeCompare(b.file) || a.line - b.line);
}

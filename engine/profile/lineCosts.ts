/**
 * Per-line self time from V8 `positionTicks`: within one stack node, the node's self time is
 * split across its lines in proportion to their ticks (ticks and samples are the same events, but
 * only the samples carry time).
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
}

export function lineCosts(model: ProfileModel): LineCost[] {
  const { weight } = nodeSelf(model);
  const ticksPerNode = new Map<number, number>();
  for (const t of model.lineTicks)
    ticksPerNode.set(t.node, (ticksPerNode.get(t.node) ?? 0) + t.ticks);
  const acc = new Map<string, { file: string; line: number; self: number; ticks: number }>();
  for (const t of model.lineTicks) {
    const file = t.file ?? model.frames[model.stacks.frameOf[t.node]]?.file;
    if (!file) continue;
    const key = `${file}\u0000${t.line}`;
    let e = acc.get(key);
    if (!e) acc.set(key, (e = { file, line: t.line, self: 0, ticks: 0 }));
    e.ticks += t.ticks;
    e.self += (weight[t.node] * t.ticks) / ticksPerNode.get(t.node)!;
  }
  const sum = model.totalWeight;
  return [...acc.values()]
    .map((e) => ({ ...e, selfPct: sum > 0 ? (e.self / sum) * 100 : 0 }))
    .sort((a, b) => b.self - a.self || a.file.localeCompare(b.file) || a.line - b.line);
}

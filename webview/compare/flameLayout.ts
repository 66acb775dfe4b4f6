/**
 * The differential flame graph's geometry and colour (pure, unit-tested): an icicle of the
 * treatment's tree — top-level frames on the first row, callees below — each node as wide as its
 * share of the treatment's CPU per second, coloured by how its total changed against the
 * baseline.
 */
import type { DiffFlame } from '../../protocol/compareView';

export interface FlameRect {
  readonly node: number;
  readonly depth: number;
  /** Left and right edges as fractions of the width (0…1). */
  readonly x0: number;
  readonly x1: number;
}

/** Rectangles in pre-order; a child starts where its previous sibling ended inside its parent. */
export function flameRects(f: DiffFlame): FlameRect[] {
  const total = f.treatmentTotal;
  if (!(total > 0)) return [];
  const n = f.names.length;
  const depth = new Int32Array(n);
  const x0 = new Float64Array(n);
  // Where the next child of each node (and of the top, index n) begins.
  const next = new Float64Array(n + 1);
  const rects: FlameRect[] = [];
  for (let i = 0; i < n; i++) {
    const p = f.parent[i];
    const slot = p < 0 ? n : p;
    depth[i] = p < 0 ? 0 : depth[p] + 1;
    x0[i] = next[slot];
    const x1 = x0[i] + f.treatment[i] / total;
    next[slot] = x1;
    next[i] = x0[i];
    rects.push({ node: i, depth: depth[i], x0: x0[i], x1 });
  }
  return rects;
}

/** Neutral (no change), slower and faster colours, as RGB. */
export const NEUTRAL: readonly [number, number, number] = [200, 200, 200];
export const SLOWER: readonly [number, number, number] = [230, 50, 40];
export const FASTER: readonly [number, number, number] = [50, 110, 230];

/**
 * Relative change of a node's CPU per second: (treatment − baseline) ÷ the larger of the two,
 * from −1 (gone) through 0 (same) to +1 (new).
 */
export function relativeChange(baseline: number, treatment: number): number {
  const m = Math.max(baseline, treatment);
  return m > 0 ? (treatment - baseline) / m : 0;
}

/** The colour of a change: neutral grey blended towards red (slower) or blue (faster). */
export function diffColour(baseline: number, treatment: number): [number, number, number] {
  const r = relativeChange(baseline, treatment);
  const to = r > 0 ? SLOWER : FASTER;
  const a = Math.min(1, Math.abs(r));
  return [0, 1, 2].map((k) => Math.round(NEUTRAL[k] + a * (to[k] - NEUTRAL[k]))) as [
    number,
    number,
    number,
  ];
}

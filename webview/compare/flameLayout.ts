/**
 * The differential flame graph's geometry and colour (pure, unit-tested): an icicle of the union
 * of both sides' trees — top-level frames on the first row, callees below — on one scale, CPU
 * ms per second of wall-clock, coloured by how each frame's total changed against the baseline.
 *
 * Widths. A frame the treatment has is as wide as its treatment CPU, so a solid bar reads as the
 * treatment's cost, as in any flame graph of the treatment. A frame only the baseline has (gone:
 * code the change removed) is as wide as its baseline CPU, in its place under its parent (after
 * the treatment's children), drawn in the gone style. Its present ancestors make room for it:
 * each spans its treatment CPU plus the baseline CPU of the gone frames below it, and that extra
 * part of their row — straight above the gone frame — is drawn as a gone column, not in the
 * ancestor's colour, so the coloured part of every bar stays exactly its treatment CPU.
 * Rejected: width = max(treatment, baseline) per frame (children of a frame that both grew and
 * shrank overflow their parent, and no bar reads as either side's cost); removed frames as a
 * separate root (their callers, where the work was removed from, are lost).
 */
import type { DiffFlame } from '../../protocol/compareView';

export interface FlameRect {
  readonly node: number;
  readonly depth: number;
  /** Left and right edges as fractions of the width (0…1). */
  readonly x0: number;
  readonly x1: number;
}

/** An ancestor's row straight above a gone frame: room kept for the removed work. */
export interface GoneColumn {
  readonly depth: number;
  readonly x0: number;
  readonly x1: number;
}

export interface FlameLayout {
  /** In pre-order; a child starts where its previous sibling ended inside its parent. */
  readonly rects: FlameRect[];
  /** Above each topmost gone frame, one per ancestor row. */
  readonly goneColumns: GoneColumn[];
  /** What the full width stands for: the treatment's total + the drawn gone frames' baseline. */
  readonly scale: number;
  /** Per node: baseline CPU of the gone frames below it (0 for a gone node), in the flame's unit. */
  readonly goneBelow: readonly number[];
}

export function flameLayout(f: DiffFlame): FlameLayout {
  const n = f.names.length;
  // Baseline CPU of the gone frames under each present node (index n: the top), counted at the
  // topmost gone frame of each removed subtree; parents come before children, so walk back.
  const goneBelow = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    const p = f.parent[i];
    const topmostGone = f.gone[i] && (p < 0 || !f.gone[p]);
    const add = topmostGone ? f.baseline[i] : f.gone[i] ? 0 : goneBelow[i];
    goneBelow[p < 0 ? n : p] += add;
  }
  const scale = f.treatmentTotal + goneBelow[n];
  const below = Array.from(goneBelow.subarray(0, n), (v, i) => (f.gone[i] ? 0 : v));
  if (!(scale > 0)) return { rects: [], goneColumns: [], scale: 0, goneBelow: below };
  const depth = new Int32Array(n);
  // Where the next child of each node (and of the top, index n) begins.
  const next = new Float64Array(n + 1);
  const rects: FlameRect[] = [];
  const goneColumns: GoneColumn[] = [];
  for (let i = 0; i < n; i++) {
    const p = f.parent[i];
    const slot = p < 0 ? n : p;
    depth[i] = p < 0 ? 0 : depth[p] + 1;
    const span = f.gone[i] ? f.baseline[i] : f.treatment[i] + goneBelow[i];
    const x0 = next[slot];
    const x1 = x0 + span / scale;
    next[slot] = x1;
    next[i] = x0;
    rects.push({ node: i, depth: depth[i], x0, x1 });
    if (f.gone[i] && p >= 0 && !f.gone[p])
      for (let d = depth[i] - 1; d >= 0; d--) goneColumns.push({ depth: d, x0, x1 });
  }
  return { rects, goneColumns, scale, goneBelow: below };
}

/** Neutral (no change), slower and faster colours, as RGB. */
export const NEUTRAL: readonly [number, number, number] = [200, 200, 200];
export const SLOWER: readonly [number, number, number] = [230, 50, 40];
export const FASTER: readonly [number, number, number] = [50, 110, 230];
/**
 * A frame gone in the treatment: a pale blue of its own, so it is not read as a frame that only
 * got faster (full blue); outlined in blue on the canvas.
 */
export const GONE: readonly [number, number, number] = [214, 226, 248];

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

/**
 * The differential flame graph, drawn on a canvas: the union of both sides' trees as an icicle
 * (top-level frames on top, callees below). A frame the treatment has is as wide as its CPU per
 * second in the treatment and coloured by its change against the baseline — red slower, blue
 * faster, grey the same; a frame only the baseline has (gone in the treatment) is as wide as its
 * baseline CPU, pale and outlined, with hatched room kept above it in its callers' rows (why:
 * flameLayout.ts). Hover shows the frame's baseline, treatment and Δ (total and self).
 * speedscope draws one profile only, so this view is ours. Frame names are drawn as canvas text
 * and shown as text nodes.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CompareData, DiffFlame } from '../../protocol/compareView';
import { ExcludedNote } from './ExcludedNote';
import { cssVar } from '../widgets/Chart';
import { fmt } from '../format';
import {
  FASTER,
  GONE,
  diffColour,
  flameLayout,
  relativeChange,
  type FlameLayout,
} from './flameLayout';

export const ROW_HEIGHT = 18;

function signed(x: number): string {
  return `${x > 0 ? '+' : x < 0 ? '−' : '±'}${fmt(Math.abs(x), 2)}`;
}

const rgb = ([r, g, b]: readonly number[]): string => `rgb(${r}, ${g}, ${b})`;

/** Thin diagonal stripes in the gone colour: the room a caller keeps for removed work. */
function hatch(ctx: CanvasRenderingContext2D): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 6;
  const t = tile.getContext('2d');
  if (!t) return rgb(GONE);
  t.strokeStyle = rgb(GONE);
  t.lineWidth = 1.5;
  t.beginPath();
  t.moveTo(0, 6);
  t.lineTo(6, 0);
  t.stroke();
  return ctx.createPattern(tile, 'repeat') ?? rgb(GONE);
}

function draw(canvas: HTMLCanvasElement, f: DiffFlame, layout: FlameLayout): void {
  const { rects, goneColumns } = layout;
  const width = canvas.parentElement?.clientWidth || 600;
  const depth = rects.reduce((m, r) => Math.max(m, r.depth), 0) + 1;
  const height = depth * ROW_HEIGHT;
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const font = cssVar('--vscode-editor-font-family', 'monospace');
  ctx.textBaseline = 'middle';
  for (const r of rects) {
    const x = r.x0 * width;
    const w = r.x1 * width - x;
    if (w < 0.5) continue;
    const gone = f.gone[r.node];
    ctx.fillStyle = rgb(gone ? GONE : diffColour(f.baseline[r.node], f.treatment[r.node]));
    // One pixel of background between frames, so neighbours stay apart.
    ctx.fillRect(x, r.depth * ROW_HEIGHT, Math.max(w - 1, 0.5), ROW_HEIGHT - 1);
    if (gone && w > 2) {
      ctx.strokeStyle = rgb(FASTER);
      ctx.lineWidth = 1;
      ctx.setLineDash([3, 2]);
      ctx.strokeRect(x + 0.5, r.depth * ROW_HEIGHT + 0.5, w - 2, ROW_HEIGHT - 2);
      ctx.setLineDash([]);
    }
  }
  // The callers' rows above a gone frame: their bar there is room kept, not their CPU.
  const stripes = hatch(ctx);
  for (const c of goneColumns) {
    const x = c.x0 * width;
    const w = c.x1 * width - x;
    if (w < 0.5) continue;
    ctx.clearRect(x, c.depth * ROW_HEIGHT, w, ROW_HEIGHT - 1);
    ctx.fillStyle = stripes;
    ctx.fillRect(x, c.depth * ROW_HEIGHT, w, ROW_HEIGHT - 1);
  }
  for (const r of rects) {
    const x = r.x0 * width;
    const w = r.x1 * width - x;
    if (w <= 30) continue;
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, r.depth * ROW_HEIGHT, w - 4, ROW_HEIGHT);
    ctx.clip();
    ctx.font = `${f.gone[r.node] ? 'italic ' : ''}11px ${font}`;
    ctx.fillStyle = '#111';
    ctx.fillText(f.names[r.node], x + 3, r.depth * ROW_HEIGHT + ROW_HEIGHT / 2);
    ctx.restore();
  }
}

/** The hover card's lines for one frame. */
function tipLines(f: DiffFlame, h: number, goneBelow: number): string[] {
  if (f.gone[h])
    return [
      `gone in the treatment: baseline ${fmt(f.baseline[h], 2)} ${f.unit}, treatment 0`,
      `self: baseline ${fmt(f.baselineSelf[h], 2)} ${f.unit}, treatment 0`,
    ];
  const lines = [
    `total: baseline ${fmt(f.baseline[h], 2)} → treatment ${fmt(f.treatment[h], 2)}, Δ ` +
      `${signed(f.treatment[h] - f.baseline[h])} ${f.unit} ` +
      `(${fmt(relativeChange(f.baseline[h], f.treatment[h]) * 100, 0)} % of the larger)`,
    `self: baseline ${fmt(f.baselineSelf[h], 2)} → treatment ${fmt(f.treatmentSelf[h], 2)}, Δ ` +
      `${signed(f.treatmentSelf[h] - f.baselineSelf[h])} ${f.unit}`,
  ];
  if (goneBelow > 0)
    lines.push(
      `hatched: ${fmt(goneBelow, 2)} ${f.unit} of the baseline's calls below, gone in the treatment`,
    );
  return lines;
}

export function DiffFlameView({
  f,
  theme,
  excluded,
}: {
  f: DiffFlame;
  theme: number;
  excluded?: CompareData['excluded'];
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const layout = useMemo(() => flameLayout(f), [f]);
  const [hover, setHover] = useState<
    { node: number; x: number; y: number; width: number } | undefined
  >();
  useEffect(() => {
    const c = canvas.current!;
    draw(c, f, layout);
    const ro = new ResizeObserver(() => draw(c, f, layout));
    ro.observe(c.parentElement!);
    return () => ro.disconnect();
  }, [f, layout, theme]);

  const onMove = (e: MouseEvent): void => {
    const c = canvas.current!;
    const box = c.getBoundingClientRect();
    const fx = (e.clientX - box.left) / box.width;
    const depth = Math.floor((e.clientY - box.top) / ROW_HEIGHT);
    const r = layout.rects.find((q) => q.depth === depth && q.x0 <= fx && fx < q.x1);
    setHover(
      r
        ? { node: r.node, x: e.clientX - box.left, y: e.clientY - box.top, width: box.width }
        : undefined,
    );
  };
  const h = hover?.node;
  const goneCount = f.gone.filter((g, i) => g && !(f.parent[i] >= 0 && f.gone[f.parent[i]])).length;
  return (
    <div class="diff-flame">
      <p class="basis">
        Both sides' call trees merged: the treatment's ({f.iterations[1]} profiled iteration(s)) and
        the baseline's ({f.iterations[0]}), in {f.unit} (CPU ms per second of wall-clock), frames
        matched by name and file along the path. Width: a frame's CPU in the treatment (total{' '}
        {fmt(f.treatmentTotal, 1)}; baseline {fmt(f.baselineTotal, 1)}). Colour:{' '}
        <span class="swatch slower">red</span> more CPU per second in the treatment,{' '}
        <span class="swatch faster">blue</span> less, <span class="swatch same">grey</span> the
        same.{' '}
        {goneCount > 0 ? (
          <>
            <span class="swatch gone">Outlined pale</span>: {goneCount} frame(s) gone in the
            treatment, as wide as their baseline CPU ({fmt(f.goneTotal, 1)} {f.unit} in all), placed
            under their callers, whose rows keep hatched room above them.
          </>
        ) : (
          'No frame of the baseline is gone in the treatment.'
        )}
        {f.omitted > 0 ? ` ${f.omitted} frame(s) under 0.1 % on both sides left out.` : ''}
      </p>
      {excluded && <ExcludedNote excluded={excluded} />}
      <div class="flame-box">
        <canvas
          ref={canvas}
          id="diff-flame-canvas"
          role="img"
          aria-label="Differential flame graph of the treatment against the baseline"
          onMouseMove={onMove}
          onMouseLeave={() => setHover(undefined)}
        />
        {h !== undefined && hover && (
          <div
            class="flame-tip"
            id="diff-flame-tip"
            // On the right half the card opens leftwards, so it is not squeezed at the edge.
            style={{
              ...(hover.x > hover.width / 2
                ? { right: `${hover.width - hover.x + 12}px` }
                : { left: `${hover.x + 12}px` }),
              top: `${hover.y + 12}px`,
            }}
          >
            <div class="tip-name">{f.names[h]}</div>
            {f.files[h] && <div class="tip-file">{f.files[h]}</div>}
            {tipLines(f, h, layout.goneBelow[h]).map((line, i) => (
              <div key={i}>{line}</div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

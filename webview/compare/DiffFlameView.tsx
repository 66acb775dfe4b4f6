/**
 * The differential flame graph, drawn on a canvas: the treatment's icicle (top-level frames on
 * top, callees below), each frame as wide as its share of the treatment's CPU per second and
 * coloured by its change against the baseline — red slower, blue faster, grey the same. Hover
 * shows the frame's baseline, treatment and Δ (total and self). speedscope draws one profile
 * only, so this view is ours. Frame names are drawn as canvas text and shown as text nodes.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DiffFlame } from '../../protocol/compareView';
import { cssVar } from '../widgets/Chart';
import { fmt } from '../format';
import { diffColour, flameRects, relativeChange, type FlameRect } from './flameLayout';

export const ROW_HEIGHT = 18;

function signed(x: number): string {
  return `${x > 0 ? '+' : x < 0 ? '−' : '±'}${fmt(Math.abs(x), 2)}`;
}

function draw(canvas: HTMLCanvasElement, f: DiffFlame, rects: readonly FlameRect[]): void {
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
  ctx.font = `11px ${cssVar('--vscode-editor-font-family', 'monospace')}`;
  ctx.textBaseline = 'middle';
  for (const r of rects) {
    const x = r.x0 * width;
    const w = r.x1 * width - x;
    if (w < 0.5) continue;
    const [red, green, blue] = diffColour(f.baseline[r.node], f.treatment[r.node]);
    ctx.fillStyle = `rgb(${red}, ${green}, ${blue})`;
    // One pixel of background between frames, so neighbours stay apart.
    ctx.fillRect(x, r.depth * ROW_HEIGHT, Math.max(w - 1, 0.5), ROW_HEIGHT - 1);
    if (w > 30) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(x, r.depth * ROW_HEIGHT, w - 4, ROW_HEIGHT);
      ctx.clip();
      ctx.fillStyle = '#111';
      ctx.fillText(f.names[r.node], x + 3, r.depth * ROW_HEIGHT + ROW_HEIGHT / 2);
      ctx.restore();
    }
  }
}

export function DiffFlameView({ f, theme }: { f: DiffFlame; theme: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const rects = useMemo(() => flameRects(f), [f]);
  const [hover, setHover] = useState<{ node: number; x: number; y: number } | undefined>();
  useEffect(() => {
    const c = canvas.current!;
    draw(c, f, rects);
    const ro = new ResizeObserver(() => draw(c, f, rects));
    ro.observe(c.parentElement!);
    return () => ro.disconnect();
  }, [f, rects, theme]);

  const onMove = (e: MouseEvent): void => {
    const c = canvas.current!;
    const box = c.getBoundingClientRect();
    const fx = (e.clientX - box.left) / box.width;
    const depth = Math.floor((e.clientY - box.top) / ROW_HEIGHT);
    const r = rects.find((q) => q.depth === depth && q.x0 <= fx && fx < q.x1);
    setHover(r ? { node: r.node, x: e.clientX - box.left, y: e.clientY - box.top } : undefined);
  };
  const h = hover?.node;
  return (
    <div class="diff-flame">
      <p class="basis">
        The treatment's call tree ({f.iterations[1]} profiled iteration(s)) against the baseline's (
        {f.iterations[0]}), in {f.unit} (CPU ms per second of wall-clock). Width: share of the
        treatment's {fmt(f.treatmentTotal, 1)} {f.unit} (baseline {fmt(f.baselineTotal, 1)}).
        Colour: <span class="swatch slower">red</span> more CPU per second in the treatment,{' '}
        <span class="swatch faster">blue</span> less, <span class="swatch same">grey</span> the
        same; frames matched by name and file.
        {f.omitted > 0 ? ` ${f.omitted} frame(s) under 0.1 % left out.` : ''}
      </p>
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
            style={{ left: `${hover.x + 12}px`, top: `${hover.y + 12}px` }}
          >
            <div class="tip-name">{f.names[h]}</div>
            {f.files[h] && <div class="tip-file">{f.files[h]}</div>}
            <div>
              total: baseline {fmt(f.baseline[h], 2)} → treatment {fmt(f.treatment[h], 2)}, Δ{' '}
              {signed(f.treatment[h] - f.baseline[h])} {f.unit} (
              {fmt(relativeChange(f.baseline[h], f.treatment[h]) * 100, 0)} % of the larger)
            </div>
            <div>
              self: baseline {fmt(f.baselineSelf[h], 2)} → treatment {fmt(f.treatmentSelf[h], 2)}, Δ{' '}
              {signed(f.treatmentSelf[h] - f.baselineSelf[h])} {f.unit}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

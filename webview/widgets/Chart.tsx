/**
 * One uPlot chart as a Preact component: created once per options key, fed by `setData` after
 * that, destroyed on unmount. uPlot draws on canvas and styles itself by assigning `el.style`
 * (allowed by the page's CSP); its stylesheet is loaded as a file by the page. Colours come from
 * VS Code's theme variables, read again when the theme changes (the `theme` prop).
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export const SYNC_KEY = 'perflens-time';

export function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

/** Series colours: the theme's chart palette (VS Code ≥ 1.70 defines --vscode-charts-*). */
export function palette(): string[] {
  return [
    cssVar('--vscode-charts-blue', '#3794ff'),
    cssVar('--vscode-charts-orange', '#d18616'),
    cssVar('--vscode-charts-green', '#89d185'),
    cssVar('--vscode-charts-purple', '#b180d7'),
    cssVar('--vscode-charts-red', '#f14c4c'),
    cssVar('--vscode-charts-yellow', '#cca700'),
  ];
}

export function axisStyle(): Pick<uPlot.Axis, 'stroke' | 'grid' | 'ticks'> {
  const fg = cssVar('--vscode-foreground', '#ccc');
  const grid = cssVar('--vscode-editorWidget-border', '#8884');
  return { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
}

/** Shades [0, endSec] on the x axis: the start-skip, before steady state. */
export function shadeStartSkip(endSec: number | undefined): uPlot.Plugin {
  return {
    hooks: {
      drawClear: (u: uPlot) => {
        if (endSec === undefined || endSec <= 0) return;
        const x0 = u.valToPos(u.scales.x.min ?? 0, 'x', true);
        const x1 = u.valToPos(Math.min(endSec, u.scales.x.max ?? endSec), 'x', true);
        if (x1 <= x0) return;
        const ctx = u.ctx;
        ctx.save();
        ctx.fillStyle = cssVar('--vscode-editor-inactiveSelectionBackground', '#8882');
        ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
        ctx.restore();
      },
    },
  };
}

export function Chart(props: {
  optionsKey: string;
  options: () => Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height?: number;
  label: string;
  onPick?: (index: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const pick = useRef(props.onPick);
  pick.current = props.onPick;
  useEffect(() => {
    const el = box.current!;
    const width = Math.max(300, el.clientWidth || 600);
    const u = new uPlot({ ...props.options(), width, height: props.height ?? 220 }, props.data, el);
    plot.current = u;
    const click = (): void => {
      const idx = u.cursor.idx;
      if (idx !== null && idx !== undefined) pick.current?.(idx);
    };
    u.over.addEventListener('click', click);
    const ro = new ResizeObserver(() =>
      u.setSize({ width: Math.max(300, el.clientWidth), height: props.height ?? 220 }),
    );
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.over.removeEventListener('click', click);
      u.destroy();
      plot.current = null;
    };
  }, [props.optionsKey]);
  useEffect(() => {
    plot.current?.setData(props.data);
  }, [props.data]);
  return <div class="chart" ref={box} role="img" aria-label={props.label} />;
}

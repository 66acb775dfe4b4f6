/**
 * Scaling: does Y grow with X? Per-window values of two counters (or a counter and CPU/RSS) as a
 * scatter, a least-squares line, its slope and R², and a sentence that says it plainly.
 */
import type uPlot from 'uplot';
import type { SourceData } from '../../protocol/sourceData';
import { fmt } from '../format';
import { describeFit, leastSquares } from '../logic/fit';
import { counterValues, resourcePerWindow, type Metric } from '../logic/series';
import { setUi, type UiState } from '../store';
import { Chart, axisStyle, palette } from '../widgets/Chart';
import { CopyMarkdown, Toolbar } from '../widgets/common';
import { scalingMarkdown } from './markdownTables';

/** An axis choice: `counter|<name>|<metric>` or `resource|cpuPct` / `resource|rssMiB`. */
interface Axis {
  readonly id: string;
  readonly label: string;
  /** What one unit of the axis is: `ms`, `call`, `block`, `%`, `MiB`. */
  readonly unit: string;
}

function axesFor(d: SourceData, process: number): Axis[] {
  const rows = d.counters?.rows.filter((r) => r.process === process) ?? [];
  const out: Axis[] = [];
  for (const r of rows) {
    if (r.kind === 'timer')
      out.push({ id: `counter|${r.name}|totalMs`, label: `${r.name} (ms per window)`, unit: 'ms' });
    const unit = r.unit ?? (r.kind === 'timer' ? 'calls' : 'count');
    out.push({
      id: `counter|${r.name}|count`,
      label: `${r.name} (${unit} per window)`,
      unit: unit.replace(/s$/, ''),
    });
  }
  if ((d.timeline?.resources.length ?? 0) > 0) {
    out.push({
      id: 'resource|cpuPct',
      label: 'CPU % (all processes, mean over the window)',
      unit: '% CPU',
    });
    out.push({
      id: 'resource|rssMiB',
      label: 'RSS MiB (all processes, mean over the window)',
      unit: 'MiB',
    });
  }
  return out;
}

function valuesOf(d: SourceData, process: number, id: string): (number | null)[] {
  const t = d.timeline!;
  const s = t.counters.find((x) => x.process === process);
  if (!s) return [];
  const interval = d.counters?.dumpIntervalMs ?? 5000;
  const [kind, a, b] = id.split('|');
  if (kind === 'counter') return counterValues(s, a, b as Metric, interval);
  return resourcePerWindow(s.timesMs, t.resources, a as 'cpuPct' | 'rssMiB', interval);
}

export function Scaling({ d, ui, theme }: { d: SourceData; ui: UiState; theme: number }) {
  const t = d.timeline;
  if (!t || t.counters.length === 0)
    return <p class="empty">Scaling needs counter windows; this source has none.</p>;
  const process = t.counters.some((s) => s.process === ui.scaling.process)
    ? ui.scaling.process
    : t.counters[0].process;
  const axes = axesFor(d, process);
  const x =
    axes.find((a) => a.id === ui.scaling.x) ?? axes.find((a) => a.id.endsWith('|count')) ?? axes[0];
  const y =
    axes.find((a) => a.id === ui.scaling.y) ??
    axes.find((a) => a.id.endsWith('|totalMs') && a.id !== x?.id) ??
    axes[1] ??
    axes[0];
  if (!x || !y) return <p class="empty">No counters to compare.</p>;
  const xv = valuesOf(d, process, x.id);
  const yv = valuesOf(d, process, y.id);
  const pairs = xv
    .map((v, i) => [v, yv[i]] as const)
    .filter((p): p is readonly [number, number] => p[0] !== null && p[1] !== null);
  pairs.sort((a, b) => a[0] - b[0]);
  const fit = leastSquares(
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  );
  const shortName = (a: Axis): string => a.label.replace(/ \(.*\)$/, '');
  const sentence = describeFit(y.label, x.label, fit);
  const colors = palette();
  const xs = pairs.map((p) => p[0]);
  const line = Number.isFinite(fit.slope)
    ? xs.map((v) => fit.slope * v + fit.intercept)
    : xs.map(() => null);
  const set = (patch: Partial<UiState['scaling']>): void =>
    setUi({ scaling: { ...ui.scaling, process, x: x.id, y: y.id, ...patch } });
  return (
    <div class="scaling">
      <Toolbar>
        <label>
          Process{' '}
          <select
            value={String(process)}
            onChange={(e) => set({ process: Number(e.currentTarget.value) })}
          >
            {t.counters.map((s) => (
              <option key={s.process} value={String(s.process)}>
                {d.counters?.processes[s.process]?.name ?? '?'}
              </option>
            ))}
          </select>
        </label>
        <label>
          X{' '}
          <select class="axis-x" value={x.id} onChange={(e) => set({ x: e.currentTarget.value })}>
            {axes.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Y{' '}
          <select class="axis-y" value={y.id} onChange={(e) => set({ y: e.currentTarget.value })}>
            {axes.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <CopyMarkdown
          tables={() =>
            scalingMarkdown(
              d,
              d.counters?.processes[process]?.name ?? '?',
              x.label,
              y.label,
              fit,
              sentence,
              pairs,
            )
          }
        />
      </Toolbar>
      <p class="fit-sentence">{sentence}</p>
      <dl class="facts fit">
        <dt>Slope</dt>
        <dd>
          {Number.isFinite(fit.slope)
            ? `${fmt(fit.slope, 3)} ${y.unit} of ${shortName(y)} per ${x.unit} of ${shortName(x)}`
            : '–'}
        </dd>
        <dt>Intercept</dt>
        <dd>{Number.isFinite(fit.intercept) ? fmt(fit.intercept, 3) : '–'}</dd>
        <dt>R²</dt>
        <dd>{Number.isFinite(fit.r2) ? fmt(fit.r2, 3) : '–'}</dd>
        <dt>Windows</dt>
        <dd>{fit.n}</dd>
      </dl>
      <Chart
        label={`Scatter of ${y.label} against ${x.label}`}
        optionsKey={`scatter|${x.id}|${y.id}|${process}|${theme}|${d.path}`}
        height={320}
        options={() => ({
          mode: 1,
          scales: { x: { time: false } },
          axes: [
            { ...axisStyle(), label: x.label },
            { ...axisStyle(), label: y.label, size: 60 },
          ],
          cursor: { drag: { x: false, y: false } },
          series: [
            { label: x.label },
            {
              label: 'windows',
              stroke: colors[0],
              paths: () => null,
              points: { show: true, size: 7, fill: colors[0] },
            },
            { label: 'least-squares line', stroke: colors[1], width: 1.5, points: { show: false } },
          ],
        })}
        data={[xs, pairs.map((p) => p[1]), line] as uPlot.AlignedData}
      />
      <p class="basis">
        Each point is one dump window of {d.counters?.processes[process]?.name}; the line is y =
        slope·x + intercept by least squares over those {fit.n} windows.
      </p>
    </div>
  );
}

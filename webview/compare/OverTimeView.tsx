/**
 * Counters over time, both sides overlaid: one line per iteration (baseline blue, treatment
 * orange) against seconds since that iteration started, and below it the CPU other processes
 * used (machine.tsv, written by `perflens ab`). Windows where others used more than the noise
 * threshold are shaded on both charts, in the colour of the side whose iteration they hit.
 */
import { useMemo } from 'preact/hooks';
import type uPlot from 'uplot';
import type { CompareData, CompareOverTime } from '../../protocol/compareView';
import { ExcludedNote } from './ExcludedNote';
import { fmt } from '../format';
import { Chart, axisStyle, cssVar } from '../widgets/Chart';
import { Toolbar } from '../widgets/common';
import { alignIterations, flaggedSpans } from './overTimeSeries';
import { setUi, type CompareUi } from './store';

const SYNC = 'perflens-compare-time';

function sideColour(side: 'baseline' | 'treatment'): string {
  return side === 'baseline'
    ? cssVar('--vscode-charts-blue', '#3794ff')
    : cssVar('--vscode-charts-orange', '#d18616');
}

/** Shades each flagged span across the plot, translucent, in its side's colour. */
function shadeSpans(
  spans: readonly { side: 'baseline' | 'treatment'; from: number; to: number }[],
): uPlot.Plugin {
  return {
    hooks: {
      drawClear: (u: uPlot) => {
        const ctx = u.ctx;
        ctx.save();
        ctx.globalAlpha = 0.18;
        for (const s of spans) {
          const x0 = u.valToPos(s.from, 'x', true);
          const x1 = u.valToPos(s.to, 'x', true);
          if (!(x1 > x0)) continue;
          ctx.fillStyle = sideColour(s.side);
          ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
        }
        ctx.restore();
      },
    },
  };
}

export function OverTimeView({
  o,
  ui,
  theme,
  excluded,
}: {
  o: CompareOverTime;
  ui: CompareUi;
  theme: number;
  excluded?: CompareData['excluded'];
}) {
  const index = Math.max(
    0,
    o.counters.findIndex((c) => c.name === ui.timeCounter),
  );
  const counter = o.counters[index];
  const its = o.iterations;
  const counterData = useMemo(
    () =>
      alignIterations(
        its.map((i) => i.windowT),
        its.map((i) => i.counters[index] ?? []),
      ),
    [o, index],
  );
  const machineIts = its.filter((i) => i.machineT.length > 0);
  const machineData = useMemo(
    () =>
      alignIterations(
        machineIts.map((i) => i.machineT),
        machineIts.map((i) => i.otherCores),
      ),
    [o],
  );
  const spans = useMemo(
    () =>
      its.flatMap((i) =>
        flaggedSpans(i.machineT, i.flagged).map(([from, to]) => ({ side: i.side, from, to })),
      ),
    [o],
  );
  const flaggedCount = its.reduce((a, i) => a + i.flagged.filter(Boolean).length, 0);
  const options =
    (unit: string, list: typeof its) => (): Omit<uPlot.Options, 'width' | 'height'> => ({
      scales: { x: { time: false } },
      axes: [
        { ...axisStyle(), label: 's since the iteration started' },
        { ...axisStyle(), label: unit, size: 60 },
      ],
      series: [
        { label: 's' },
        ...list.map((i) => ({
          label: `${i.side} ${i.label}`,
          stroke: sideColour(i.side),
          width: 1.5,
          spanGaps: true,
          ...(i.side === 'treatment' ? { dash: [6, 3] } : {}),
        })),
      ],
      cursor: { sync: { key: SYNC }, drag: { x: false, y: false } },
      legend: { live: true },
      plugins: [shadeSpans(spans)],
    });
  return (
    <div class="compare-time">
      <Toolbar>
        {o.counters.length > 0 && (
          <label class="picker-inline">
            Counter{' '}
            <select
              value={counter?.name}
              aria-label="Counter"
              onChange={(e) => setUi({ timeCounter: e.currentTarget.value })}
            >
              {o.counters.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <span class="count">
          {its.filter((i) => i.side === 'baseline').length} baseline and{' '}
          {its.filter((i) => i.side === 'treatment').length} treatment iteration(s)
        </span>
      </Toolbar>
      {excluded && <ExcludedNote excluded={excluded} />}
      {counter ? (
        <>
          <h2>
            {counter.name}{' '}
            <span class="basis-inline">
              ({counter.unit}, per dump window, all processes summed)
            </span>
          </h2>
          <Chart
            optionsKey={`c:${counter.name}:${theme}:${its.length}`}
            options={options(counter.unit, its)}
            data={counterData}
            label={`${counter.name} over time, baseline and treatment iterations`}
          />
        </>
      ) : (
        <p class="empty">No counter windows in either side.</p>
      )}
      <h2>
        Other processes' CPU <span class="basis-inline">(cores, from machine.tsv)</span>
      </h2>
      {machineIts.length > 0 ? (
        <Chart
          optionsKey={`m:${theme}:${machineIts.length}`}
          options={options('cores', machineIts)}
          data={machineData}
          label="CPU used by other processes during each iteration"
        />
      ) : (
        <p class="empty">No machine.tsv in these iterations (perflens ab records it).</p>
      )}
      <p class="basis" id="noisy-windows">
        {flaggedCount > 0
          ? `${flaggedCount} window(s) where other processes used more than ${fmt(o.noiseThreshold * 100, 0)} % of the cores are shaded (blue: a baseline iteration, orange: a treatment iteration).`
          : `No window where other processes used more than ${fmt(o.noiseThreshold * 100, 0)} % of the cores.`}{' '}
        Treatment lines are dashed.
      </p>
    </div>
  );
}

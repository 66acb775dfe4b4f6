/**
 * Over time: per-window counter totals or rates, CPU % and RSS per process, diagnostics fields
 * (DiagnosticsCharts.tsx) —
 * uPlot charts sharing one cursor, the start-skip shaded, values in the legend on hover. A click
 * on the counter, CPU or RSS chart picks that counter window; the Counters tab then shows only it.
 */
import type uPlot from 'uplot';
import type { SourceData } from '../../protocol/sourceData';
import type { MarkdownTable } from '../../protocol/webview';
import { fmt } from '../format';
import { alignResources, counterValues, type Metric } from '../logic/series';
import { startSkipNote } from '../logic/startSkip';
import { windowAt } from '../logic/windowAt';
import { setUi, type UiState } from '../store';
import { Chart, palette } from '../widgets/Chart';
import { base } from './overTimeOptions';
import { CopyMarkdown, Icon, Toolbar } from '../widgets/common';
import { diagnosticsMarkdown, overTimeMarkdown, resourceMarkdown } from './markdownTables';
import { DiagnosticsCharts, pickedDiagFields } from './DiagnosticsCharts';

const METRIC_LABEL: Record<Metric, string> = {
  totalMs: 'total ms per window',
  count: 'count per window',
  rate: 'per second',
};

export function defaultCounters(d: SourceData, process: number): string[] {
  const rows = d.counters?.rows.filter((r) => r.process === process && r.kind === 'timer') ?? [];
  return rows.slice(0, 3).map((r) => r.name);
}

export function OverTime({ d, ui, theme }: { d: SourceData; ui: UiState; theme: number }) {
  const t = d.timeline;
  if (!t)
    return (
      <p class="empty">
        Nothing over time in this source (no counter windows, samples or diagnostics).
      </p>
    );
  const c = d.counters;
  const skipNote = startSkipNote(t);
  const skipSec = skipNote.shadeEndSec;
  const s = t.counters.find((x) => x.process === ui.timeProcess) ?? t.counters[0];
  const names = ui.timeCounters.length
    ? ui.timeCounters.filter((n) => s && n in s.counts)
    : defaultCounters(d, s?.process ?? 0);
  const colors = palette();
  const interval = c?.dumpIntervalMs ?? 5000;
  const allNames = c
    ? c.rows.filter((r) => r.process === (s?.process ?? 0)).map((r) => r.name)
    : [];
  // A click on the CPU or RSS chart picks the counter window its time falls in, like the counter
  // chart's own points.
  const pickAt = s
    ? (ms: number): void => {
        const index = windowAt(s.timesMs, ms);
        if (index !== undefined) setUi({ window: { process: s.process, index } });
      }
    : undefined;
  // What is charted, as tables: the counters per window, CPU and RSS per process, diagnostics.
  const tables = (): MarkdownTable[] => {
    const out: MarkdownTable[] = [];
    if (s && c) {
      const values = names.map((n) => counterValues(s, n, ui.timeMetric, interval));
      const name = c.processes[s.process]?.name ?? '?';
      out.push(overTimeMarkdown(d, name, s, names, METRIC_LABEL[ui.timeMetric], values, interval));
    }
    const procNames = t.resources.map((r) => r.name);
    if (procNames.length > 0) {
      const cpu = alignResources(t.resources, 'cpuPct');
      const rss = alignResources(t.resources, 'rssMiB');
      out.push(
        resourceMarkdown(d, 'CPU % per process', '% of one core', procNames, cpu.xs, cpu.ys),
      );
      out.push(resourceMarkdown(d, 'RSS per process', 'MiB', procNames, rss.xs, rss.ys));
    }
    (t.diagnosticsFields ?? []).forEach((ds) =>
      out.push(diagnosticsMarkdown(d, ds, pickedDiagFields(ds, ui.timeDiagFields))),
    );
    return out;
  };
  return (
    <div class="over-time">
      <Toolbar>
        <CopyMarkdown tables={tables} />
      </Toolbar>
      {skipNote.text && <p class="basis start-skip">{skipNote.text}</p>}
      {s && c && (
        <section>
          <h2>Counters per window</h2>
          <Toolbar>
            <label>
              Process{' '}
              <select
                value={String(s.process)}
                onChange={(e) => setUi({ timeProcess: Number(e.currentTarget.value) })}
              >
                {t.counters.map((x) => (
                  <option key={x.process} value={String(x.process)}>
                    {c.processes[x.process]?.name ?? '?'}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Show{' '}
              <select
                value={ui.timeMetric}
                onChange={(e) => setUi({ timeMetric: e.currentTarget.value as Metric })}
              >
                {(Object.keys(METRIC_LABEL) as Metric[]).map((m) => (
                  <option key={m} value={m}>
                    {METRIC_LABEL[m]}
                  </option>
                ))}
              </select>
            </label>
            <details class="picker">
              <summary>
                <Icon name="list-selection" /> Counters ({names.length})
              </summary>
              <div class="picker-list">
                {allNames.map((n) => (
                  <label key={n} class="check">
                    <input
                      type="checkbox"
                      checked={names.includes(n)}
                      onChange={(e) =>
                        setUi({
                          timeCounters: e.currentTarget.checked
                            ? [...names, n]
                            : names.filter((x) => x !== n),
                        })
                      }
                    />{' '}
                    {n}
                  </label>
                ))}
              </div>
            </details>
          </Toolbar>
          <Chart
            label={`Counters per window of ${c.processes[s.process]?.name ?? ''}`}
            optionsKey={`counters|${s.process}|${names.join(',')}|${ui.timeMetric}|${theme}|${d.path}`}
            options={() => ({
              ...base(METRIC_LABEL[ui.timeMetric], skipSec, theme)(),
              series: [
                { label: 's' },
                ...names.map((n, i) => ({
                  label: n,
                  stroke: colors[i % colors.length],
                  width: 1.5,
                  points: { show: true, size: 4 },
                })),
              ],
            })}
            data={[
              s.timesMs.map((x) => x / 1000),
              ...names.map((n) => counterValues(s, n, ui.timeMetric, interval)),
            ]}
            onPick={(index) => setUi({ window: { process: s.process, index } })}
          />
          {ui.window ? (
            <p class="banner">
              <Icon name="pinned" /> Window {ui.window.index + 1} of{' '}
              {c.processes[ui.window.process]?.name} picked: the Counters tab shows only it.{' '}
              <button type="button" class="link" onClick={() => setUi({ tab: 'counters' })}>
                Show its counters
              </button>{' '}
              <button type="button" class="link" onClick={() => setUi({ window: undefined })}>
                Clear
              </button>
            </p>
          ) : (
            <p class="basis">
              Click a point to pick its window. Windows are {fmt(interval, 0)} ms dumps (each dump
              resets the counters).
            </p>
          )}
        </section>
      )}
      {t.resources.length > 0 && (
        <>
          <ResourceChart
            d={d}
            onPickMs={pickAt}
            field="cpuPct"
            title="CPU % per process"
            unit="% of one core"
            skipSec={skipSec}
            theme={theme}
          />
          <ResourceChart
            d={d}
            onPickMs={pickAt}
            field="rssMiB"
            title="RSS per process"
            unit="MiB"
            skipSec={skipSec}
            theme={theme}
          />
        </>
      )}
      {(t.diagnosticsFields ?? []).map((ds, k) => (
        <DiagnosticsCharts key={k} k={k} d={d} ds={ds} ui={ui} skipSec={skipSec} theme={theme} />
      ))}
    </div>
  );
}

function ResourceChart(props: {
  d: SourceData;
  /** Called with the clicked sample's time (ms since the origin). */
  onPickMs?: (ms: number) => void;
  field: 'cpuPct' | 'rssMiB';
  title: string;
  unit: string;
  skipSec: number | undefined;
  theme: number;
}) {
  const rs = props.d.timeline!.resources;
  const { xs, ys } = alignResources(rs, props.field);
  const colors = palette();
  return (
    <section>
      <h2>{props.title}</h2>
      <Chart
        label={props.title}
        optionsKey={`${props.field}|${rs.length}|${props.theme}|${props.d.path}`}
        options={() => ({
          ...base(props.unit, props.skipSec, props.theme)(),
          series: [
            { label: 's' },
            ...rs.map((r, i) => ({
              label: r.name,
              stroke: colors[i % colors.length],
              width: 1.5,
              spanGaps: true,
            })),
          ],
        })}
        data={[xs, ...ys] as uPlot.AlignedData}
        onPick={props.onPickMs && ((index) => props.onPickMs!(xs[index] * 1000))}
      />
    </section>
  );
}

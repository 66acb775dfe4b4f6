/**
 * Over time, diagnostics snapshots: a picker of every numeric field, counters charted as their
 * rate per second over each poll interval and gauges as their level, on two charts (a rate and a
 * level share no unit).
 */
import type { DiagnosticsSnapshots, SourceData } from '../../protocol/sourceData';
import { formatDuration } from '../../protocol/format';
import { setUi, type UiState } from '../store';
import { Chart, palette } from '../widgets/Chart';
import { Icon, Toolbar } from '../widgets/common';
import { base } from './overTimeOptions';

/** Shown before the user picks: a few of each kind, so both charts say something. */
const DEFAULT_PER_KIND = 3;

/** The fields charted: the picked ones this source has, else the first few rates and levels. */
export function pickedDiagFields(ds: DiagnosticsSnapshots, picked: readonly string[]): string[] {
  const here = picked.filter((p) => ds.fields.some((f) => f.path === p));
  if (here.length) return here;
  const first = (kind: 'rate' | 'level') =>
    ds.fields
      .filter((f) => f.kind === kind)
      .slice(0, DEFAULT_PER_KIND)
      .map((f) => f.path);
  return [...first('rate'), ...first('level')];
}

export function DiagnosticsCharts(props: {
  k: number;
  d: SourceData;
  ds: DiagnosticsSnapshots;
  ui: UiState;
  skipSec: number | undefined;
  theme: number;
}) {
  const { ds, ui, k } = props;
  const picked = pickedDiagFields(ds, ui.timeDiagFields);
  const colors = palette();
  const xs = ds.timesMs.map((x) => x / 1000);
  const chart = (kind: 'rate' | 'level', unit: string, title: string) => {
    const fields = ds.fields.filter((f) => f.kind === kind && picked.includes(f.path));
    if (fields.length === 0) return null;
    return (
      <>
        <h3>{title}</h3>
        <Chart
          label={`Diagnostics ${title}`}
          optionsKey={`diag|${k}|${kind}|${fields.map((f) => f.path).join(',')}|${props.theme}|${props.d.path}`}
          options={() => ({
            ...base(unit, props.skipSec, props.theme)(),
            series: [
              { label: 's' },
              ...fields.map((f, i) => ({
                label: f.path,
                stroke: colors[i % colors.length],
                width: 1.5,
                spanGaps: true,
                points: { show: true, size: 4 },
              })),
            ],
          })}
          data={[xs, ...fields.map((f) => [...f.values])]}
        />
      </>
    );
  };
  return (
    <section>
      <h2>Diagnostics snapshots</h2>
      <Toolbar>
        <details class="picker">
          <summary>
            <Icon name="list-selection" /> Fields ({picked.length} of {ds.fields.length})
          </summary>
          <div class="picker-list">
            {ds.fields.map((f) => (
              <label key={f.path} class="check">
                <input
                  type="checkbox"
                  checked={picked.includes(f.path)}
                  onChange={(e) =>
                    setUi({
                      timeDiagFields: e.currentTarget.checked
                        ? [...picked, f.path]
                        : picked.filter((x) => x !== f.path),
                    })
                  }
                />{' '}
                {f.path} <span class="count">({f.kind === 'rate' ? 'rate' : 'level'})</span>
              </label>
            ))}
          </div>
        </details>
      </Toolbar>
      <p class="basis">
        {ds.timesMs.length} snapshots polled every {formatDuration(ds.pollIntervalMs)} (median
        interval). Counters are charted as their rate per second over each poll interval; gauges as
        their level at each snapshot.
      </p>
      {chart('rate', 'per second', 'Rates (counters, per second over each poll interval)')}
      {chart('level', 'level', 'Levels (gauges)')}
    </section>
  );
}

/**
 * The comparison table `Metric | Baseline | Treatment | Δ | Δ% | CI | verdict`, every value with
 * its iteration count (cells written by the engine's formatter), sortable and filterable.
 */
import { useMemo } from 'preact/hooks';
import type { CompareData } from '../../protocol/compareView';
import { FilterBox, SortHeader, Toolbar } from '../widgets/common';
import { compareRows, groupsOf, type CompareSortKey } from './compareRows';
import type { SortState } from '../logic/rowOrder';
import { setUi, type CompareUi } from './store';

const COLUMNS: readonly { key: CompareSortKey; label: string; numeric: boolean }[] = [
  { key: 'name', label: 'Metric', numeric: false },
  { key: 'baseline', label: 'Baseline', numeric: true },
  { key: 'treatment', label: 'Treatment', numeric: true },
  { key: 'change', label: 'Δ', numeric: true },
  { key: 'changePct', label: 'Δ%', numeric: true },
  { key: 'ci', label: 'CI', numeric: true },
  { key: 'verdict', label: 'verdict', numeric: false },
];

export function MetricsTable({ d, ui }: { d: CompareData; ui: CompareUi }) {
  const rows = useMemo(
    () => compareRows(d.metrics, ui.filter, ui.group, ui.sort),
    [d, ui.filter, ui.group, ui.sort],
  );
  const groups = useMemo(() => groupsOf(d.metrics), [d]);
  const onSort = (s: SortState): void =>
    setUi({ sort: { key: s.key as CompareSortKey, desc: s.desc } });
  return (
    <div class="compare-metrics">
      <Toolbar>
        <FilterBox
          value={ui.filter}
          onInput={(v) => setUi({ filter: v })}
          placeholder="Filter metrics or verdicts"
        />
        <label class="picker-inline">
          Group{' '}
          <select
            value={ui.group}
            aria-label="Metric group"
            onChange={(e) => setUi({ group: e.currentTarget.value })}
          >
            <option value="">all</option>
            {groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <span class="count">
          {rows.length} of {d.metrics.length} metrics
        </span>
      </Toolbar>
      <div class="table-scroll">
        <table class="compare-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <SortHeader
                  key={c.label}
                  label={c.label}
                  sortKey={c.key}
                  sort={ui.sort}
                  numeric={c.numeric}
                  onSort={onSort}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.name}
                data-metric={r.name}
                class={`${r.primary ? 'primary ' : ''}verdict-${r.verdict}`}
              >
                <td class="name" title={r.name}>
                  {r.cells.metric}
                </td>
                <td class="num" title={r.baseline.values.join(', ')}>
                  {r.cells.baseline}
                </td>
                <td class="num" title={r.treatment.values.join(', ')}>
                  {r.cells.treatment}
                </td>
                <td class="num">{r.cells.change}</td>
                <td class="num">{r.cells.changePct}</td>
                <td class="num ci">{r.cells.ci}</td>
                <td class="verdict-cell">{r.cells.verdict}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="basis">
        Medians with iteration counts (hover for each iteration's value); Δ is the Hodges-Lehmann
        shift (treatment − baseline) with its {Math.round((1 - d.alpha) * 100)} % interval;
        Mann-Whitney U at alpha {d.alpha}; secondary metrics Benjamini-Hochberg-adjusted (q) as one
        family
        {typeof d.familyAlpha === 'number' &&
          `, flagged at q ≤ ${+d.familyAlpha.toPrecision(2)}${d.familyAlpha < d.alpha ? " (what the primary's exact test leaves of alpha)" : ''}`}
        ; changes under {d.threshold * 100} % count as same.
      </p>
    </div>
  );
}

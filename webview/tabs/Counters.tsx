/**
 * Counters: every counter of one process or all processes, sortable by every column, filterable,
 * grouped by family with a timer's parts under it; "% of wall" says its basis. The total row adds
 * no timer times up (timers nest): it shows how many counters and the wall-clock they are over.
 */
import type { SourceData } from '../../protocol/sourceData';
import { fmt, fmtSeconds } from '../format';
import {
  filterRows,
  groupRows,
  rowsFor,
  sortRows,
  type CounterRowView,
  type CounterSortKey,
} from '../logic/counterRows';
import { setUi, type UiState } from '../store';
import {
  CopyMarkdown,
  DottedName,
  FilterBox,
  Icon,
  InlineCostsButton,
  SortHeader,
  Toolbar,
} from '../widgets/common';
import {
  counterTable,
  counterTotalNote,
  totalWall,
  wallLabel,
  wallNote,
} from '../../protocol/markdownTables';
import { onTableKeyDown } from '../widgets/tableKeys';

export function counterView(d: SourceData, ui: UiState) {
  const c = d.counters!;
  // One process: "all processes" is that process (its own wall-clock, its name in the menu).
  const chosen = ui.window ? ui.window.process : ui.counterProcess;
  const process = chosen === -1 && c.processes.length === 1 ? 0 : chosen;
  const rows = sortRows(
    filterRows(rowsFor(c, process, d.timeline, ui.window), ui.counterFilter),
    ui.counterSort.key as CounterSortKey,
    ui.counterSort.desc,
  );
  const n = c.processes.length;
  const combined = process === -1 && n > 1;
  const label = ui.window ? '% of window' : wallLabel(c, process);
  const procName = process === -1 ? 'all processes' : (c.processes[process]?.name ?? '?');
  const windowNote = ui.window
    ? `Window ${ui.window.index + 1} of ${procName} only ` +
      `(${fmt(c.dumpIntervalMs, 0)} ms); % of window = total ms ÷ the ` +
      `window's length.`
    : undefined;
  // Over what wall-clock the rows are: the window, the one process's span, or the run's.
  const wall = ui.window
    ? { ms: c.dumpIntervalMs, basis: `one counter window of ${procName}` }
    : totalWall(c, process);
  const totalNote = counterTotalNote(rows.length, wall.ms, wall.basis);
  const notes = [windowNote ?? wallNote(c, process), totalNote];
  return { rows, wallLabel: label, wallMs: wall.ms, procName, notes, combined, process };
}

export function Counters({ d, ui }: { d: SourceData; ui: UiState }) {
  const c = d.counters;
  if (!c) return <p class="empty">No counter dumps in this source.</p>;
  const v = counterView(d, ui);
  const sort = ui.counterSort;
  const onSort = (s: typeof sort): void => setUi({ counterSort: s });
  const groups = ui.groupFamilies ? groupRows(v.rows) : [{ family: '', totalMs: 0, rows: v.rows }];
  // One tab stop: the selected row (else the first); arrows move the focus, which selects.
  const tabStop = v.rows.some((r) => r.name === ui.selectedCounter)
    ? ui.selectedCounter
    : v.rows[0]?.name;
  const row = (r: CounterRowView, child: boolean) => (
    <tr
      key={r.name}
      class={`${ui.selectedCounter === r.name ? 'selected ' : ''}${child ? 'child' : ''}`}
      tabIndex={r.name === tabStop ? 0 : -1}
      aria-selected={ui.selectedCounter === r.name}
      onClick={() => setUi({ selectedCounter: r.name })}
      onFocus={() => ui.selectedCounter !== r.name && setUi({ selectedCounter: r.name })}
    >
      <td class="name">
        {child && (
          <span class="indent" aria-hidden="true">
            └{' '}
          </span>
        )}
        <DottedName name={r.name} />
      </td>
      <td class="num">{fmt(r.count, 0)}</td>
      <td>{r.unit ?? (r.kind === 'timer' ? 'calls' : '')}</td>
      <td class="num">{r.kind === 'timer' ? `${fmt(r.totalMs, 1)} ms` : '–'}</td>
      <td class="num">{r.avgMs !== null ? `${fmt(r.avgMs, 2)} ms` : '–'}</td>
      <td class="num">
        {r.kind === 'timer' && Number.isFinite(r.maxMs) ? `${fmt(r.maxMs, 1)} ms` : '–'}
      </td>
      <td class="num">{`${fmt(r.perSec, 1)}/s`}</td>
      <td class="num">{r.wallPct !== null ? `${fmt(r.wallPct, 1)} %` : '–'}</td>
      <td class="num">
        {r.ofParentPct !== undefined
          ? `${fmt(r.ofParentPct, 1)} % of parent`
          : r.perParentCall !== undefined
            ? `${fmt(r.perParentCall, 2)} per call`
            : ''}
      </td>
      <td>
        <InlineCostsButton kind="counter" name={r.name} primary />
      </td>
    </tr>
  );
  return (
    <div class="counters">
      <Toolbar>
        <label>
          Process{' '}
          <select
            value={String(v.process)}
            onChange={(e) =>
              setUi({
                counterProcess: Number(e.currentTarget.value),
                window: undefined,
              })
            }
          >
            {c.processes.length > 1 && (
              <option value="-1">All {c.processes.length} processes</option>
            )}
            {c.processes.map((p, i) => (
              <option key={p.name} value={String(i)}>
                {p.name} ({fmtSeconds(p.wallClockMs)}, {p.windows} windows)
              </option>
            ))}
          </select>
        </label>
        <FilterBox
          value={ui.counterFilter}
          onInput={(v) => setUi({ counterFilter: v })}
          placeholder="Filter counters"
        />
        <label class="check">
          <input
            type="checkbox"
            checked={ui.groupFamilies}
            onChange={(e) => setUi({ groupFamilies: e.currentTarget.checked })}
          />{' '}
          Group by family
        </label>
        <CopyMarkdown
          tables={() => [counterTable(d, `Counters: ${v.procName}`, v.rows, v.wallLabel, v.notes)]}
        />
      </Toolbar>
      {ui.window && (
        <p class="banner">
          <Icon name="pinned" /> Showing window {ui.window.index + 1} of {v.procName} only.{' '}
          <button type="button" class="link" onClick={() => setUi({ window: undefined })}>
            Show the whole run
          </button>
        </p>
      )}
      <div class="table-scroll">
        <table class="counter-table" onKeyDown={onTableKeyDown}>
          <thead>
            <tr>
              <SortHeader label="Counter" sortKey="name" sort={sort} onSort={onSort} />
              <SortHeader label="Count" sortKey="count" sort={sort} onSort={onSort} numeric />
              <SortHeader label="Unit" sortKey="unit" sort={sort} onSort={onSort} />
              <SortHeader label="Total" sortKey="totalMs" sort={sort} onSort={onSort} numeric />
              <SortHeader label="Avg" sortKey="avgMs" sort={sort} onSort={onSort} numeric />
              <SortHeader label="Max" sortKey="maxMs" sort={sort} onSort={onSort} numeric />
              <SortHeader label="Rate" sortKey="perSec" sort={sort} onSort={onSort} numeric />
              <SortHeader
                label={v.wallLabel}
                sortKey="wallPct"
                sort={sort}
                onSort={onSort}
                numeric
                title={v.notes[0]}
              />
              <SortHeader
                label="Of parent"
                sortKey="ofParent"
                sort={sort}
                onSort={onSort}
                numeric
              />
              <th />
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.family}>
              {ui.groupFamilies && (
                <tr class="family">
                  <th colSpan={10} scope="rowgroup">
                    {g.family}.*{' '}
                    <span class="basis-inline">
                      {g.totalMs > 0 ? `${fmt(g.totalMs, 1)} ms` : ''}
                    </span>
                  </th>
                </tr>
              )}
              {g.rows.map((r) =>
                row(r, ui.groupFamilies && r.parent !== undefined && r.parent === g.family),
              )}
            </tbody>
          ))}
          <tfoot>
            <tr class="total" title={v.notes[1]}>
              <th>
                Total: {fmt(v.rows.length, 0)} counter{v.rows.length === 1 ? '' : 's'}
              </th>
              <td />
              <td />
              <td class="num">{fmtSeconds(v.wallMs)} wall-clock</td>
              <td />
              <td />
              <td />
              <td class="num">not added: timers nest</td>
              <td />
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      {v.notes.map((t) => (
        <p class="basis" key={t}>
          {t}
        </p>
      ))}
    </div>
  );
}

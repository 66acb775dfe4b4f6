/** Functions: self and total CPU per function, sortable, filterable, 50,000 rows windowed. */
import { useMemo } from 'preact/hooks';
import type { SourceData } from '../../protocol/sourceData';
import { fmt, fmtCost, shortFile } from '../format';
import { functionOrder, type FunctionSortKey } from '../logic/functionOrder';
import { setUi, type UiState } from '../store';
import { inVsCode, vscode } from '../vscodeApi';
import { CopyMarkdown, FilterBox, InlineCostsButton, SortHeader, Toolbar } from '../widgets/common';
import { VirtualRows } from '../widgets/VirtualRows';
import { functionTable, percentBasis } from '../../protocol/markdownTables';
import { COPIED_FUNCTIONS_LIMIT } from './markdownTables';

const COLUMNS: { key: FunctionSortKey; label: (ms: boolean) => string; numeric: boolean }[] = [
  { key: 'name', label: () => 'Function', numeric: false },
  { key: 'file', label: () => 'File:line', numeric: false },
  { key: 'self', label: (costed) => (costed ? 'Self' : 'Self samples'), numeric: true },
  { key: 'selfPct', label: () => 'Self %', numeric: true },
  { key: 'total', label: (costed) => (costed ? 'Total' : 'Total samples'), numeric: true },
  { key: 'totalPct', label: () => 'Total %', numeric: true },
  { key: 'samples', label: () => 'Samples', numeric: true },
];

export function Functions({ d, ui }: { d: SourceData; ui: UiState }) {
  const f = d.functions;
  const order = useMemo(
    () =>
      f
        ? functionOrder(
            f,
            ui.functionFilter,
            ui.functionSort.key as FunctionSortKey,
            ui.functionSort.desc,
          )
        : new Int32Array(0),
    [f, ui.functionFilter, ui.functionSort.key, ui.functionSort.desc],
  );
  if (!f) return <p class="empty">No CPU profile in this source.</p>;
  // Evented profiles (null counts) have intervals, not samples: no Samples column, costs shown.
  const counted = f.totalSamples !== null;
  const ms = f.unit !== 'samples' || !counted; // costs in ms, bytes or events, else sample counts
  const columns = counted ? COLUMNS : COLUMNS.filter((c) => c.key !== 'samples');
  const selectedPos =
    ui.selectedFunction === undefined ? undefined : order.indexOf(ui.selectedFunction);
  const open = (i: number): void => {
    const file = f.files[i];
    const line = f.lines[i];
    const native = f.natives?.[i];
    if (!inVsCode) return;
    if (file && line) vscode.postMessage({ type: 'openLocation', file, line });
    // A Rust frame without a file: the host finds its `fn` by qualified name (the inline matcher).
    else if (native) vscode.postMessage({ type: 'openNative', frame: native });
  };
  return (
    <div class={counted ? 'functions' : 'functions no-samples'}>
      <Toolbar>
        <FilterBox
          value={ui.functionFilter}
          onInput={(v) => setUi({ functionFilter: v, functionScroll: 0 })}
          placeholder="Filter functions or files"
        />
        <span class="count">
          {fmt(order.length, 0)} of {fmt(f.names.length, 0)} functions
        </span>
        <CopyMarkdown
          tables={() => [functionTable(d, 'Functions by CPU time', order, COPIED_FUNCTIONS_LIMIT)]}
        />
      </Toolbar>
      <div class="grid-head" role="row">
        {columns.map((c) => (
          <SortHeader
            key={c.key}
            label={c.label(ms)}
            sortKey={c.key}
            sort={ui.functionSort}
            numeric={c.numeric}
            cell="div"
            title={c.key === 'selfPct' || c.key === 'totalPct' ? percentBasis(f) : undefined}
            onSort={(s) => setUi({ functionSort: s })}
          />
        ))}
        <span />
      </div>
      <VirtualRows
        count={order.length}
        selected={selectedPos !== undefined && selectedPos >= 0 ? selectedPos : undefined}
        scrollTop={ui.functionScroll}
        label="Functions"
        onScroll={(t) => setUi({ functionScroll: t })}
        onSelect={(p) => setUi({ selectedFunction: order[p] })}
        onActivate={(p) => open(order[p])}
        renderRow={(p) => {
          const i = order[p];
          const file = f.files[i];
          const line = f.lines[i];
          return (
            <>
              <span role="gridcell" class="name" title={f.names[i]}>
                {f.names[i]}
              </span>
              <span role="gridcell" class="file" title={file ?? ''}>
                {file && line && inVsCode ? (
                  <a
                    href="#"
                    class="loc"
                    onClick={(e) => {
                      e.preventDefault();
                      open(i);
                    }}
                  >
                    {shortFile(file)}:{line}
                  </a>
                ) : file ? (
                  `${shortFile(file)}${line ? `:${line}` : ''}`
                ) : f.natives?.[i] && inVsCode ? (
                  <a
                    href="#"
                    class="loc"
                    title={`Find fn ${f.natives[i].name} in the workspace's Rust sources`}
                    onClick={(e) => {
                      e.preventDefault();
                      open(i);
                    }}
                  >
                    {f.natives[i].modulePath || 'crate'}
                  </a>
                ) : (
                  '—'
                )}
              </span>
              <span role="gridcell" class="num">
                {fmtCost(f, f.selfCost[i], f.selfSamples[i])}
              </span>
              <span role="gridcell" class="num">
                {fmt(f.selfPct[i], 1)} %
              </span>
              <span role="gridcell" class="num">
                {fmtCost(f, f.totalCost[i], f.totalSamplesOf[i])}
              </span>
              <span role="gridcell" class="num">
                {fmt(f.totalPct[i], 1)} %
              </span>
              {counted && (
                <span role="gridcell" class="num">
                  {fmt(f.selfSamples[i], 0)}
                </span>
              )}
              <span role="gridcell">
                <InlineCostsButton kind="function" name={f.names[i]} file={file} line={line} />
              </span>
            </>
          );
        }}
      />
      <p class="basis">
        {counted
          ? `${fmt(f.totalSamples, 0)} samples`
          : f.unit === 'bytes' || f.unit === 'events'
            ? 'No sample count in this format'
            : 'Evented profile, no samples'}
        {f.totalMs !== null ? `, ${fmt(f.totalMs, 1)} ms profiled` : ''} in {f.profiles.length}{' '}
        profile(s); Self % and Total %: {percentBasis(f)}; total counts recursion once. Double-click
        or Enter opens the source.
      </p>
    </div>
  );
}

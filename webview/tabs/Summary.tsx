/**
 * Summary: what ran, how long, how it ended, checks, the top five counters and functions, warnings.
 */
import type { SourceData } from '../../protocol/sourceData';
import type { MarkdownTable } from '../../protocol/webview';
import { costUnit, fmt, fmtCost, fmtSeconds, shortFile } from '../format';
import { CopyMarkdown, Icon, InlineCostsButton, SourceLink, Toolbar } from '../widgets/common';
import { counterTable, functionTable } from '../../protocol/markdownTables';
import { rowsFor } from '../logic/counterRows';
import { setUi } from '../store';
import { onTableKeyDown, rowTabIndex } from '../widgets/tableKeys';

function ownCode(file: string | null): boolean {
  return file !== null && !file.startsWith('node:') && !/[\\/]node_modules[\\/]/.test(file);
}

export function topOwnFunctions(d: SourceData, n: number): number[] {
  const f = d.functions;
  if (!f) return [];
  const out: number[] = [];
  // The engine sends functions sorted by self time; the first n of the user's own code.
  for (let i = 0; i < f.names.length && out.length < n; i++) if (ownCode(f.files[i])) out.push(i);
  return out;
}

export function summaryMarkdown(d: SourceData): MarkdownTable[] {
  const s = d.summary;
  const facts: MarkdownTable = {
    title: `PerfLens summary: ${d.title}`,
    context: [d.basis],
    columns: [
      { label: 'Fact', numeric: false },
      { label: 'Value', numeric: false },
    ],
    rows: [
      ['What ran', s.command ?? d.path],
      ...(s.durationMs !== undefined
        ? [['Duration', `${fmtSeconds(s.durationMs)} (${s.durationBasis ?? ''})`]]
        : []),
      ['Exit status', s.exitStatus ?? 'not recorded'],
      ...(s.assertions
        ? [['Assertions', `${s.assertions.pass} PASS, ${s.assertions.fail} FAIL`]]
        : []),
      ['Warnings', String(d.warnings.length)],
    ],
    notes: (s.assertions?.failures ?? []).map((f) => `FAIL at ${f.file}:${f.line}: ${f.text}`),
  };
  const tables = [facts];
  if (d.counters) {
    const n = d.counters.processes.length;
    tables.push(
      counterTable(
        d,
        'Top counters by total time',
        rowsFor(d.counters, -1, undefined, undefined)
          .filter((r) => r.kind === 'timer')
          .slice(0, 5),
        n > 1 ? `% of wall (summed over ${n} processes)` : '% of wall',
        [wallNote(d)],
      ),
    );
  }
  if (d.functions)
    tables.push(functionTable(d, 'Your code: top functions by self time', topOwnFunctions(d, 5)));
  return tables;
}

export function wallNote(d: SourceData): string {
  const c = d.counters!;
  const n = c.processes.length;
  return n > 1
    ? `% of wall: each process's counter time ÷ that process's wall-clock (${c.processes.map((p) => `${p.name} ${fmtSeconds(p.wallClockMs)}`).join(', ')}; ${c.wallClockBasis}), summed over ${n} processes, so it can pass 100 %.`
    : `% of wall: total ms ÷ the wall-clock ` +
        `of ${fmtSeconds(c.processes[0]?.wallClockMs)} (${c.wallClockBasis}); ` +
        `overlapping async calls can pass 100 %.`;
}

export function Summary({ d }: { d: SourceData }) {
  const s = d.summary;
  const c = d.counters;
  const topCounters = c
    ? rowsFor(c, -1, undefined, undefined)
        .filter((r) => r.kind === 'timer')
        .slice(0, 5)
    : [];
  const topFns = topOwnFunctions(d, 5);
  const f = d.functions;
  const n = c?.processes.length ?? 0;
  return (
    <div class="summary">
      <Toolbar>
        <CopyMarkdown tables={() => summaryMarkdown(d)} label="Copy summary as Markdown" />
        {f && inVsCode && (
          <button type="button" class="tool" data-action="openFlame" onClick={() => openFlame()}>
            <Icon name="flame" /> Open flame graph
          </button>
        )}
      </Toolbar>
      <dl class="facts">
        <dt>What ran</dt>
        <dd>{s.command}</dd>
        {s.startTime && (
          <>
            <dt>Started</dt>
            <dd>{s.startTime}</dd>
          </>
        )}
        <dt>Duration</dt>
        <dd>
          {fmtSeconds(s.durationMs)}{' '}
          {s.durationBasis && <span class="basis-inline">({s.durationBasis})</span>}
        </dd>
        <dt>Exit status</dt>
        <dd>{s.exitStatus ?? 'not recorded'}</dd>
        {s.assertions && (
          <>
            <dt>Assertions</dt>
            <dd class={s.assertions.fail > 0 ? 'fail' : s.assertions.pass > 0 ? 'pass' : undefined}>
              {s.assertions.pass + s.assertions.fail > 0 && (
                <Icon name={s.assertions.fail > 0 ? 'error' : 'pass'} />
              )}{' '}
              {s.assertions.pass} PASS, {s.assertions.fail} FAIL
              {s.assertions.pass + s.assertions.fail === 0 && (
                <span class="basis-inline"> (no PASS or FAIL lines in script.log)</span>
              )}
            </dd>
          </>
        )}
        {s.missing.length > 0 && (
          <>
            <dt>Missing</dt>
            <dd>{s.missing.join(', ')}</dd>
          </>
        )}
      </dl>
      {s.assertions && s.assertions.failures.length > 0 && (
        <section class="table-section failures">
          <h2>Failed checks</h2>
          <ul>
            {s.assertions.failures.map((x) => (
              <li key={`${x.file}:${x.line}`}>
                <SourceLink file={x.file} line={x.line} text={`script.log:${x.line}`} />{' '}
                <span class="logline">{x.text}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {c && (
        <section class="table-section">
          <h2>Top counters by total time</h2>
          <div class="table-scroll">
            <table onKeyDown={onTableKeyDown}>
              <thead>
                <tr>
                  <th>Counter</th>
                  <th class="num">Calls</th>
                  <th class="num">Total ms</th>
                  <th class="num">
                    {n > 1 ? `% of wall (summed over ${n} processes)` : '% of wall'}
                  </th>
                </tr>
              </thead>
              <tbody>
                {topCounters.map((r, k) => (
                  <tr
                    key={r.name}
                    tabIndex={rowTabIndex(k)}
                    class="clickable"
                    onClick={() =>
                      setUi({ tab: 'counters', counterFilter: '', selectedCounter: r.name })
                    }
                  >
                    <td>{r.name}</td>
                    <td class="num">{fmt(r.count, 0)}</td>
                    <td class="num">{fmt(r.totalMs, 1)} ms</td>
                    <td class="num">{fmt(r.wallPct, 1)} %</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="basis">{wallNote(d)}</p>
        </section>
      )}
      {f && (
        <section class="table-section">
          <h2>Your code: top functions by self time</h2>
          <div class="table-scroll">
            <table onKeyDown={onTableKeyDown}>
              <thead>
                <tr>
                  <th>Function</th>
                  <th>Location</th>
                  <th class="num">{f.unit === 'samples' ? 'Self' : `Self ${costUnit(f)}`}</th>
                  <th class="num">Self %</th>
                  {f.totalSamples !== null && <th class="num">Samples</th>}
                  <th />
                </tr>
              </thead>
              <tbody>
                {topFns.map((i, k) => (
                  <tr key={i} tabIndex={rowTabIndex(k)}>
                    <td>{f.names[i]}</td>
                    <td>
                      {f.files[i] && f.lines[i] ? (
                        <SourceLink
                          file={f.files[i]}
                          line={f.lines[i]}
                          text={`${shortFile(f.files[i])}:${f.lines[i]}`}
                        />
                      ) : (
                        (f.files[i] ?? '—')
                      )}
                    </td>
                    <td class="num">{fmtCost(f, f.selfCost[i], f.selfSamples[i])}</td>
                    <td class="num">{fmt(f.selfPct[i], 1)} %</td>
                    {f.totalSamples !== null && <td class="num">{fmt(f.selfSamples[i], 0)}</td>}
                    <td>
                      <InlineCostsButton
                        kind="function"
                        name={f.names[i]}
                        file={f.files[i]}
                        line={f.lines[i]}
                      />
                    </td>
                  </tr>
                ))}
                {topFns.length === 0 && (
                  <tr>
                    <td colSpan={6} class="empty">
                      no function of your own code in the profile
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <p class="basis">
            {f.totalSamples !== null
              ? `${fmt(f.totalSamples, 0)} samples`
              : f.unit === 'bytes' || f.unit === 'events'
                ? 'No sample count in this format'
                : 'Evented profile, no samples'}
            {f.totalMs !== null ? `, ${fmt(f.totalMs, 1)} ms profiled` : ''}, {f.profiles.length}{' '}
            profile(s); functions outside node: internals, node_modules and VM frames; % of all{' '}
            {f.totalSamples !== null ? 'samples' : 'profiled time'}
          </p>
        </section>
      )}
      {d.warnings.length > 0 && (
        <section class="table-section">
          <h2>Problems with the input</h2>
          <ul class="diagnostics">
            {d.warnings.map((w, k) => (
              <li key={k}>
                <Icon name={w.severity === 'error' ? 'error' : 'warning'} />{' '}
                {w.line ? (
                  <SourceLink file={w.file} line={w.line} column={w.column} text={w.text} />
                ) : (
                  <span>{w.text}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

import { inVsCode, vscode } from '../vscodeApi';
function openFlame(): void {
  vscode.postMessage({ type: 'action', id: 'openFlame' });
}

/**
 * Summary: what ran, how long, how it ended, checks, CPU and memory, the top five counters and
 * functions, warnings. Its facts and tables come from protocol/markdownTables.ts, the builder
 * `perflens report --markdown` uses too, so what is shown and what is copied say the same.
 */
import type { SourceData } from '../../protocol/sourceData';
import { costUnit, fmt, fmtCost, shortFile } from '../format';
import { CopyMarkdown, Icon, InlineCostsButton, SourceLink, Toolbar } from '../widgets/common';
import {
  OWN_CODE_NOTE,
  percentBasis,
  resourceNote,
  summaryFacts,
  summaryTables,
  topOwnFunctions,
  topTimers,
  wallLabel,
  wallNote,
} from '../../protocol/markdownTables';
import { setUi } from '../store';
import { onTableKeyDown, rowTabIndex } from '../widgets/tableKeys';
import { ProblemList } from '../widgets/problemList';

export function Summary({ d }: { d: SourceData }) {
  const s = d.summary;
  const c = d.counters;
  const topCounters = c ? topTimers(c) : [];
  const topFns = topOwnFunctions(d, 5);
  const f = d.functions;
  const facts = new Map(summaryFacts(d));
  const fact = (label: string) =>
    facts.has(label) && (
      <>
        <dt>{label}</dt>
        <dd>{facts.get(label)}</dd>
      </>
    );
  return (
    <div class="summary">
      <Toolbar>
        <CopyMarkdown tables={() => summaryTables(d)} label="Copy summary as Markdown" />
        {f && inVsCode && (
          <button type="button" class="tool" data-action="openFlame" onClick={() => openFlame()}>
            <Icon name="flame" /> Open flame graph
          </button>
        )}
      </Toolbar>
      <dl class="facts">
        {fact('What ran')}
        {fact('Started')}
        {fact('Duration')}
        {fact('Exit status')}
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
        {fact('Missing files')}
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
      {s.resources && (
        <section class="table-section resources">
          <h2>CPU and memory</h2>
          <div class="table-scroll">
            <table onKeyDown={onTableKeyDown}>
              <thead>
                <tr>
                  <th>Process</th>
                  <th class="num">Samples</th>
                  <th class="num">Avg CPU</th>
                  <th class="num">Max CPU</th>
                  <th class="num">Avg RSS</th>
                  <th class="num">Max RSS</th>
                </tr>
              </thead>
              <tbody>
                {s.resources.rows.map((r, k) => (
                  <tr key={r.name} tabIndex={rowTabIndex(k)}>
                    <td>{r.name}</td>
                    <td class="num">{fmt(r.samples, 0)}</td>
                    <td class="num">{fmt(r.avgCpuPct, 1)} %</td>
                    <td class="num">{fmt(r.maxCpuPct, 1)} %</td>
                    <td class="num">{fmt(r.avgRssMiB, 1)} MiB</td>
                    <td class="num">{fmt(r.maxRssMiB, 1)} MiB</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="basis">{resourceNote(s.resources.basis)}</p>
        </section>
      )}
      {c && (
        <section class="table-section top-counters">
          <h2>Top counters by total time</h2>
          <div class="table-scroll">
            <table onKeyDown={onTableKeyDown}>
              <thead>
                <tr>
                  <th>Counter</th>
                  <th class="num">Calls</th>
                  <th class="num">Total ms</th>
                  <th class="num">{wallLabel(c, -1)}</th>
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
          <p class="basis">{wallNote(c, -1)}</p>
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
            profile(s); Self %: {percentBasis(f)}. {OWN_CODE_NOTE}
          </p>
        </section>
      )}
      {d.warnings.length > 0 && (
        <section class="table-section">
          <h2>Problems with the input</h2>
          <ProblemList problems={d.warnings} />
        </section>
      )}
    </div>
  );
}

import { inVsCode, vscode } from '../vscodeApi';
function openFlame(): void {
  vscode.postMessage({ type: 'action', id: 'openFlame' });
}

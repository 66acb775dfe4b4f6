/**
 * The Compare view: the verdict line on top (the verdict, why, iteration counts), correctness,
 * the warnings (noisy windows, too few iterations), Copy as Markdown, and the tabs.
 */
import type { CompareData } from '../../protocol/compareView';
import { formatDiagnostic } from '../../protocol/diagnostics';
import { Icon } from '../widgets/common';
import { NoticeLine, TabBar, TabPanel, type TabEntry } from '../widgets/pageLayout';
import { inVsCode, post } from './host';
import { MetricsTable } from './MetricsTable';
import { FunctionsDiff } from './FunctionsDiff';
import { DiffFlameView } from './DiffFlameView';
import { OverTimeView } from './OverTimeView';
import { ExcludedNote } from './ExcludedNote';
import { setUi, useStore, type CompareTab, type CompareUi } from './store';

const VERDICT_ICON: Record<string, string> = {
  better: 'pass',
  worse: 'error',
  'failed-correctness': 'error',
  'no-difference': 'circle-large-outline',
  inconclusive: 'question',
};

function VerdictLine({ d }: { d: CompareData }) {
  return (
    <p class={`verdict verdict-${d.verdict}`} id="compare-verdict">
      <Icon name={VERDICT_ICON[d.verdict] ?? 'info'} /> <strong>{d.verdict}</strong> — {d.reason}{' '}
      <span class="basis-inline">
        ({d.iterations.baseline} baseline vs {d.iterations.treatment} treatment iterations)
      </span>
    </p>
  );
}

function Correctness({ d }: { d: CompareData }) {
  const c = d.correctness;
  const side = (name: string, s: typeof c.baseline) =>
    `${name} ${s.pass} PASS / ${s.fail} FAIL, ${s.badExits} bad exit(s) ` +
    `in ${s.iterations} iteration(s)`;
  return (
    <div class="correctness">
      <p>
        Correctness: {side('baseline', c.baseline)}; {side('treatment', c.treatment)}
        {c.verdict === 'ok'
          ? ' — nothing new fails.'
          : c.verdict === 'inconclusive'
            ? ' — fails more often, too few iterations to tell:'
            : ' — new failures:'}
      </p>
      {c.newFailures.length + (c.unclearFailures ?? []).length > 0 && (
        <ul class="failures">
          {[...c.newFailures, ...(c.unclearFailures ?? [])].slice(0, 10).map((f, i) => (
            <li key={i} class="logline">
              {f}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What was wrong in the compared folders' files, placed as compilers print it (as text). */
function InputProblems({ d }: { d: CompareData }) {
  const list = d.diagnostics ?? [];
  if (list.length === 0) return null;
  return (
    <div class="input-problems">
      <p>
        <Icon name="warning" /> Input problems ({list.length}, also in the Problems panel):
      </p>
      <ul>
        {list.slice(0, 20).map((p, i) => (
          <li key={i} class="logline">
            {formatDiagnostic(p)}
          </li>
        ))}
      </ul>
    </div>
  );
}

const TABS: readonly TabEntry<CompareTab>[] = [
  { id: 'metrics', label: 'Metrics', icon: 'list-ordered' },
  { id: 'functions', label: 'Functions diff', icon: 'symbol-method' },
  { id: 'time', label: 'Over time', icon: 'graph-line' },
  { id: 'flame', label: 'Differential flame', icon: 'flame' },
];

function Body({ d, ui, theme }: { d: CompareData; ui: CompareUi; theme: number }) {
  if (ui.tab === 'functions') return <FunctionsDiff d={d} />;
  const excluded = d.excluded && <ExcludedNote excluded={d.excluded} />;
  if (ui.tab === 'time')
    return d.overTime ? (
      <OverTimeView o={d.overTime} ui={ui} theme={theme} excluded={d.excluded} />
    ) : (
      <>
        <p class="empty">No counter windows or machine.tsv in these iterations.</p>
        {excluded}
      </>
    );
  if (ui.tab === 'flame')
    return d.flame ? (
      <DiffFlameView f={d.flame} theme={theme} excluded={d.excluded} />
    ) : (
      <>
        <p class="empty">
          No timed CPU profile on both sides (profiles/*.cpuprofile or a 0x folder in the
          iterations).
        </p>
        {excluded}
      </>
    );
  return <MetricsTable d={d} ui={ui} />;
}

function Sides({ baseline, treatment }: { baseline: string; treatment: string }) {
  return (
    <p class="sides">
      <span title={baseline}>baseline {baseline}</span> ↔{' '}
      <span title={treatment}>treatment {treatment}</span>
    </p>
  );
}

export function CompareApp() {
  const { data, failure, ui, notice, theme } = useStore();
  if (!data && failure)
    return (
      <header>
        <h1>PerfLens: Compare</h1>
        <Sides {...failure.sides} />
        <p class="banner error" id="compare-failure" role="alert">
          <Icon name="error" /> {failure.message}
        </p>
      </header>
    );
  if (!data) return <p class="loading">PerfLens is comparing…</p>;
  return (
    <>
      <header>
        <h1>PerfLens: Compare</h1>
        <Sides baseline={data.baselinePath} treatment={data.treatmentPath} />
        <VerdictLine d={data} />
        <Correctness d={data} />
        {data.warnings.map((w, i) => (
          <p key={i} class="banner warning">
            <Icon name="warning" /> {w}
          </p>
        ))}
        <InputProblems d={data} />
        <div class="toolbar">
          {inVsCode && (
            <button
              type="button"
              class="tool copy-markdown"
              title="Copy the whole comparison as GitHub Markdown (what perflens compare --markdown prints)"
              onClick={() => post({ type: 'copyComparison' })}
            >
              <Icon name="copy" /> Copy as Markdown
            </button>
          )}
        </div>
        <TabBar tabs={TABS} current={ui.tab} onSelect={(tab) => setUi({ tab })} />
      </header>
      <TabPanel current={ui.tab}>
        <Body d={data} ui={ui} theme={theme} />
      </TabPanel>
      <NoticeLine notice={notice} />
    </>
  );
}

/**
 * PerfLens: Compare Runs and PerfLens: A/B Soak. The comparison itself runs in the language
 * server (`perflens/compare`); here the sides are picked, the A/B iterations started (runner/,
 * trusted workspaces only, captured with no analysis: the server follows each iteration's log and
 * writes its counter totals, as for Profile Run), and the result shown in the Compare view
 * (verdict line, metrics table, functions diff, differential flame), the verdict in a
 * notification, and Copy as Markdown.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Compare } from '../../protocol/server';
import type { CompareData, CompareSides } from '../../protocol/compareView';
import { formatDiagnostic } from '../../protocol/diagnostics';
import { runAb, type AbIteration, type AbProgress, type AbResult } from '../../runner/ab/runAb';
import { targetFolder, type LiveRunChannel } from '../run/runController';
import { abRunOptionsFor } from '../run/runOptions';
import { requireTrust } from '../run/trust';
import type { SourceProblems } from '../problems';
import type { RunSettings, Settings } from '../settings';
import { askAbPlan, type AbArgs, type AbPlan } from './abSoakPlan';
import { ComparePanel } from './comparePanel';

export interface CompareHost {
  client(): Promise<LanguageClient>;
  runsRoot(): string | undefined;
  readonly output: vscode.LogOutputChannel;
  /** The language server's follower of run folders (counters parsed there, not here). */
  readonly liveRuns: LiveRunChannel;
  readonly extension: vscode.ExtensionContext;
  /** PerfLens settings read without a folder (the comparison's, not the run's). */
  readonly settings: Settings;
  /**
   * `perflens.run.*` as a workspace folder has them: they apply to each A/B iteration as to a
   * Profile Run in that folder (several are per-folder in a multi-root workspace).
   */
  runSettingsFor(folder: string): RunSettings;
  /** The Problems panel: the compared folders' input problems go there. */
  readonly problems: Pick<SourceProblems, 'show'>;
}

/** The Problems panel's key for the problems of the comparison shown (one at a time). */
const COMPARE_PROBLEMS = 'perflens-compare';

/** The input problems of the comparison shown, in the Problems panel (replacing the last's). */
function showProblems(host: CompareHost, data: CompareData): void {
  host.problems.show(COMPARE_PROBLEMS, data.diagnostics ?? []);
}

export interface ComparisonShown {
  readonly verdict: string;
  readonly reason: string;
  readonly exitCode: number;
  readonly markdown: string;
  readonly abDir?: string;
}

let lastMarkdown: string | undefined;
let panel: ComparePanel | undefined;

/** The Compare view: created, or adopted from VS Code after a window reload. */
function comparePanel(host: CompareHost, existing?: vscode.WebviewPanel): ComparePanel {
  if (existing || !panel || panel.disposed) {
    if (existing && panel && !panel.disposed) panel.dispose();
    panel = new ComparePanel(
      host.extension.extensionUri,
      host.output,
      (md) => Promise.resolve(vscode.env.clipboard.writeText(md)),
      existing,
    );
  }
  return panel;
}

/**
 * A Compare view VS Code kept across a window reload, with the sides its page saved: the server
 * compares them again (the folders may have changed since; nothing of the old result is kept)
 * and the view shows the result, or why there is none (a side that vanished), quietly: no
 * notification, no focus taken.
 */
export async function restoreComparison(
  host: CompareHost,
  existing: vscode.WebviewPanel,
  sides: CompareSides,
): Promise<void> {
  const view = comparePanel(host, existing);
  let why: string;
  try {
    const r = await (
      await host.client()
    ).sendRequest(Compare.type, {
      ...sides,
      excludeNoisy: host.settings.compareExcludeNoisy,
    });
    if (r.data) {
      lastMarkdown = r.markdown;
      view.show(r.data, false);
      showProblems(host, r.data);
      return;
    }
    why = r.error ?? r.reason;
  } catch (err) {
    why = err instanceof Error ? err.message : String(err);
  }
  host.output.warn(`compare ${sides.baseline} ↔ ${sides.treatment} after a reload: ${why}`);
  view.fail(sides, `These runs could not be compared again: ${why}`);
}

/** The last comparison shown, for Copy as Markdown. */
export function lastComparisonMarkdown(): string | undefined {
  return lastMarkdown;
}

export async function copyComparisonMarkdown(): Promise<string | undefined> {
  if (lastMarkdown === undefined) {
    void vscode.window.showWarningMessage('PerfLens: no comparison yet (run Compare Runs first).');
    return undefined;
  }
  await vscode.env.clipboard.writeText(lastMarkdown);
  return lastMarkdown;
}

/** A path from a command argument: a Uri, a run-history element `{ dir }`, or a string. */
function pathOf(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.fsPath;
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && typeof (arg as { dir?: unknown }).dir === 'string')
    return (arg as { dir: string }).dir;
  return undefined;
}

async function pickFolder(title: string, root: string | undefined): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: title,
    title: `PerfLens: ${title} (a run folder, a soak folder or a folder of iterations)`,
    defaultUri: root ? vscode.Uri.file(root) : undefined,
  });
  return picked?.[0]?.fsPath;
}

async function show(
  host: CompareHost,
  baseline: string,
  treatment: string,
  abDir?: string,
): Promise<ComparisonShown> {
  const client = await host.client();
  const r = await client.sendRequest(Compare.type, {
    baseline,
    treatment,
    excludeNoisy: host.settings.compareExcludeNoisy,
  });
  if (r.error) {
    void vscode.window.showErrorMessage(`PerfLens: cannot compare: ${r.error}`);
    return { ...r, abDir };
  }
  lastMarkdown = r.markdown;
  if (r.data) {
    comparePanel(host).show(r.data);
    showProblems(host, r.data);
  }
  host.output.info(`compare ${baseline} ↔ ${treatment}: ${r.verdict} — ${r.reason}`);
  void vscode.window
    .showInformationMessage(
      `PerfLens A/B: ${r.verdict} — ${r.reason} (${r.iterations.baseline} vs ${r.iterations.treatment} iterations)`,
      'Copy as Markdown',
    )
    .then((choice) => (choice ? copyComparisonMarkdown() : undefined));
  return { ...r, abDir };
}

/**
 * Compare Runs: `{ baseline, treatment }` paths (tests, other commands), a run-history element
 * or folder Uri as the treatment (then the baseline is asked for), or both asked for.
 */
export async function compareRuns(
  host: CompareHost,
  ...args: unknown[]
): Promise<ComparisonShown | undefined> {
  const first = args[0];
  let baseline: string | undefined;
  let treatment: string | undefined;
  if (first && typeof first === 'object' && 'baseline' in first && 'treatment' in first) {
    baseline = pathOf((first as { baseline: unknown }).baseline);
    treatment = pathOf((first as { treatment: unknown }).treatment);
  } else {
    treatment = pathOf(first);
    const root = host.runsRoot();
    baseline = await pickFolder('Baseline', root);
    if (!baseline) return undefined;
    treatment ??= await pickFolder('Treatment', root);
  }
  if (!baseline || !treatment) return undefined;
  return show(host, baseline, treatment);
}

/** Each iteration is followed by the server while it runs (counters parsed there). */
function followIteration(host: CompareHost, e: AbProgress): void {
  if (e.kind !== 'start') return;
  host.liveRuns
    .follow(e.runDir)
    .catch((err: unknown) =>
      host.output.warn(`[${e.side} ${e.index}] not followed: ${String(err)}`),
    );
}

/**
 * Each iteration is finished by the server (totals.tsv, summary-metrics.json) before the next
 * starts, so the comparison reads complete folders.
 */
async function finishIteration(host: CompareHost, it: AbIteration): Promise<void> {
  try {
    const done = await host.liveRuns.finish(it.runDir);
    for (const d of done.diagnostics.slice(0, 20))
      host.output.warn(`[${it.side} ${it.index}] counters: ${formatDiagnostic(d)}`);
  } catch (err) {
    host.output.warn(`[${it.side} ${it.index}] counter totals not written: ${String(err)}`);
  }
}

/** Runs the plan's iterations under a cancellable notification (Cancel stops the A/B). */
function runAbWithProgress(
  host: CompareHost,
  plan: AbPlan,
  where: { readonly folder: string; readonly cwd: string; readonly runsRoot: string },
  profiler: AbArgs['profiler'],
): Thenable<AbResult> {
  const { refs } = plan;
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: 'PerfLens A/B Soak',
      cancellable: true,
    },
    (progress, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      return runAb({
        baseline: {
          command: plan.baseline,
          ...(refs.baselineRef ? { ref: refs.baselineRef } : {}),
        },
        treatment: {
          command: plan.treatment,
          ...(refs.treatmentRef ? { ref: refs.treatmentRef } : {}),
        },
        ...(refs.setup ? { setup: refs.setup } : {}),
        iterations: plan.iterations,
        outDir: where.runsRoot,
        cwd: where.cwd,
        ...abRunOptionsFor(host.runSettingsFor(where.folder), profiler),
        signal: ac.signal,
        onLine: (side, i, line) => host.output.info(`[${side} ${i}] ${line}`),
        afterIteration: (it) => finishIteration(host, it),
        onProgress: (e) => {
          followIteration(host, e);
          if (e.kind === 'start')
            progress.report({
              message: `${e.side} run-${e.index} (${e.step}/${e.steps})`,
              increment: 100 / e.steps,
            });
        },
      });
    },
  );
}

/** A/B Soak: both commands alternately, N iterations a side, then their comparison. */
export async function abSoak(
  host: CompareHost,
  arg?: unknown,
): Promise<ComparisonShown | undefined> {
  if (!requireTrust('A/B Soak', 'runs the two commands you give it')) return undefined;
  const given = (arg && typeof arg === 'object' ? arg : {}) as AbArgs;
  const runsRoot = host.runsRoot();
  if (!runsRoot || (vscode.workspace.workspaceFolders ?? []).length === 0) {
    void vscode.window.showErrorMessage('PerfLens: A/B Soak needs an open folder.');
    return undefined;
  }
  // The workspace folder whose run settings apply: the same rule as Profile Run's.
  const folder = await targetFolder(given.cwd);
  if (!folder) return undefined;
  const cwd = given.cwd ?? folder;
  const plan = await askAbPlan(given, cwd);
  if (!plan) return undefined;
  const result = await runAbWithProgress(host, plan, { folder, cwd, runsRoot }, given.profiler);
  if (result.error) {
    void vscode.window.showErrorMessage(`PerfLens A/B Soak: ${result.error}`);
    return undefined;
  }
  if (result.finished.baseline === 0 || result.finished.treatment === 0) {
    void vscode.window.showWarningMessage(
      `PerfLens A/B Soak: stopped before both sides had an iteration (${path.basename(result.abDir)}).`,
    );
    return undefined;
  }
  return show(host, result.baselineDir, result.treatmentDir, result.abDir);
}

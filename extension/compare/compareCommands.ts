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
import { formatDiagnostic } from '../../protocol/diagnostics';
import { runAb } from '../../runner/ab/runAb';
import type { LiveRunChannel } from '../run/runController';
import { abRunOptionsFor } from '../run/runOptions';
import { requireTrust } from '../run/trust';
import type { Settings } from '../settings';
import { askSideRefs, type SideRefs } from './abRefs';
import { ComparePanel } from './comparePanel';

export interface CompareHost {
  client(): Promise<LanguageClient>;
  runsRoot(): string | undefined;
  readonly output: vscode.LogOutputChannel;
  /** The language server's follower of run folders (counters parsed there, not here). */
  readonly liveRuns: LiveRunChannel;
  readonly extension: vscode.ExtensionContext;
  /** `perflens.run.*` apply to each A/B iteration as to a Profile Run. */
  readonly settings: Settings;
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

function comparePanel(host: CompareHost): ComparePanel {
  if (!panel || panel.disposed)
    panel = new ComparePanel(host.extension.extensionUri, host.output, (md) =>
      Promise.resolve(vscode.env.clipboard.writeText(md)),
    );
  return panel;
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
  const r = await client.sendRequest(Compare.type, { baseline, treatment });
  if (r.error) {
    void vscode.window.showErrorMessage(`PerfLens: cannot compare: ${r.error}`);
    return { ...r, abDir };
  }
  lastMarkdown = r.markdown;
  if (r.data) comparePanel(host).show(r.data);
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

interface AbArgs extends SideRefs {
  readonly baseline?: string;
  readonly treatment?: string;
  readonly iterations?: number;
  readonly profiler?: 'cpu-prof' | '0x' | 'none';
  /** The folder the commands run in and refs are taken from (default: the workspace folder). */
  readonly cwd?: string;
}

/** A/B Soak: both commands alternately, N iterations a side, then their comparison. */
export async function abSoak(
  host: CompareHost,
  arg?: unknown,
): Promise<ComparisonShown | undefined> {
  if (!requireTrust('A/B Soak', 'runs the two commands you give it')) return undefined;
  const given = (arg && typeof arg === 'object' ? arg : {}) as AbArgs;
  const folder = given.cwd ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const root = host.runsRoot();
  if (!folder || !root) {
    void vscode.window.showErrorMessage('PerfLens: A/B Soak needs an open folder.');
    return undefined;
  }
  // Refs given (a test, another command) or, when nothing is given, asked for.
  const refs: SideRefs | undefined =
    given.baseline !== undefined || given.baselineRef || given.treatmentRef
      ? given
      : await askSideRefs(folder);
  if (!refs) return undefined;
  const where = (ref: string | undefined): string =>
    ref ? `in a git worktree of ${ref}` : 'in the workspace folder';
  const baseline =
    given.baseline ??
    (await vscode.window.showInputBox({
      title: 'PerfLens A/B Soak: baseline command',
      prompt: `run by /bin/sh ${where(refs.baselineRef)}`,
      ignoreFocusOut: true,
    }));
  if (!baseline) return undefined;
  const treatment =
    given.treatment ??
    (await vscode.window.showInputBox({
      title: 'PerfLens A/B Soak: treatment command',
      prompt: `run by /bin/sh ${where(refs.treatmentRef)}`,
      value: baseline,
      ignoreFocusOut: true,
    }));
  if (!treatment) return undefined;
  let iterations = given.iterations;
  if (iterations === undefined) {
    const text = await vscode.window.showInputBox({
      title: 'PerfLens A/B Soak: iterations a side',
      value: '5',
      prompt: 'at least 4 a side can reach p ≤ 0.05; 5 or more to find a ~10 % change',
      validateInput: (v) => (/^[1-9]\d*$/.test(v.trim()) ? undefined : 'a whole number ≥ 1'),
      ignoreFocusOut: true,
    });
    if (!text) return undefined;
    iterations = Number(text);
  }
  const n = iterations;
  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: 'PerfLens A/B Soak',
      cancellable: true,
    },
    async (progress, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      return runAb({
        baseline: { command: baseline, ...(refs.baselineRef ? { ref: refs.baselineRef } : {}) },
        treatment: {
          command: treatment,
          ...(refs.treatmentRef ? { ref: refs.treatmentRef } : {}),
        },
        ...(refs.setup ? { setup: refs.setup } : {}),
        iterations: n,
        outDir: root,
        cwd: folder,
        ...abRunOptionsFor(host.settings.run, given.profiler),
        signal: ac.signal,
        onLine: (side, i, line) => host.output.info(`[${side} ${i}] ${line}`),
        // Each iteration is followed by the server while it runs and finished (totals.tsv,
        // summary-metrics.json) before the next starts, so the comparison reads complete folders.
        afterIteration: async ({ side, index, runDir }) => {
          try {
            const done = await host.liveRuns.finish(runDir);
            for (const d of done.diagnostics.slice(0, 20))
              host.output.warn(`[${side} ${index}] counters: ${formatDiagnostic(d)}`);
          } catch (err) {
            host.output.warn(`[${side} ${index}] counter totals not written: ${String(err)}`);
          }
        },
        onProgress: (e) => {
          if (e.kind !== 'start') return;
          host.liveRuns
            .follow(e.runDir)
            .catch((err: unknown) =>
              host.output.warn(`[${e.side} ${e.index}] not followed: ${String(err)}`),
            );
          progress.report({
            message: `${e.side} run-${e.index} (${e.step}/${e.steps})`,
            increment: 100 / e.steps,
          });
        },
      });
    },
  );
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

/**
 * The command table: `perflens.<id>` → a factory over the context (after rust-analyzer's `main.ts`).
 * Titles, categories and `when` clauses live in package.json.
 */
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { statusPanelModel } from './panel/statusModel';
import { runProfileWindow } from './run/profileWindow';
import { abSoak, compareRuns, copyComparisonMarkdown } from './compare/compareCommands';
import { ClearInlineCosts } from '../protocol/server';
import { LineHeatDecorations } from './inline/lineHeat';

/** One line-heat decorator per context, created on first toggle. */
const lineHeats = new WeakMap<Ctx, LineHeatDecorations>();
function lineHeatOf(ctx: Ctx): LineHeatDecorations {
  let heat = lineHeats.get(ctx);
  if (!heat) {
    heat = new LineHeatDecorations(() => ctx.client());
    lineHeats.set(ctx, heat);
    ctx.extension.subscriptions.push(heat);
  }
  return heat;
}
import { showInlineCosts } from './panel/inlineCosts';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof vscode.Uri);

type CommandFactory = (ctx: Ctx) => (...args: unknown[]) => unknown;

export const commandTable: Record<string, CommandFactory> = {
  /**
   * Open the source of a function (file, line) or of a counter (its call site) where the
   * CodeLens show its measured cost. Arguments: { kind: 'function' | 'counter', name, file?, line? }.
   */
  showInlineCosts: (ctx) => async (arg?: unknown) => {
    if (!isRecord(arg) || typeof arg.name !== 'string') return undefined;
    return showInlineCosts(
      {
        kind: arg.kind === 'counter' ? 'counter' : 'function',
        name: arg.name,
        ...(typeof arg.file === 'string' ? { file: arg.file } : {}),
        ...(typeof arg.line === 'number' ? { line: arg.line } : {}),
      },
      () => ctx.client(),
      (line) => ctx.output.info(line),
    );
  },

  /** Open the PerfLens panel; shows the server's status and what it has loaded. */
  showPanel: (ctx) => async () => {
    const panel = ctx.showPanel();
    const status = await ctx.serverStatus();
    panel.show(statusPanelModel(status));
    return status;
  },

  /**
   * Draw a profile as a flame graph (speedscope). Takes a file URI (Explorer menu, tests),
   * else the active editor's file when it is a profile, else asks.
   */
  openFlameGraph: (ctx) => async (arg?: unknown) => {
    const uri =
      arg instanceof vscode.Uri
        ? arg
        : (activeProfileUri() ?? (await pickSource('Open Flame Graph', false)));
    return uri ? ctx.openFlame(uri.fsPath) : undefined;
  },

  /**
   * Open a profile, a log with counter dumps, a run folder or a soak folder: tables in the
   * panel, CodeLens in the source. Opening artefacts runs nothing, so it works in Restricted Mode.
   */
  openSource: (ctx) => async (arg?: unknown) => {
    const uri = arg instanceof vscode.Uri ? arg : await pickSource('Open in PerfLens', true);
    return uri ? ctx.openSource(uri.fsPath) : undefined;
  },

  /** Profile a run: pick a target and a profiler, capture a run folder, open it when it ends. */
  profileRun: (ctx) => async (args?: unknown) => {
    void vscode.commands.executeCommand('setContext', 'perflens.runActive', true);
    try {
      return await ctx.runs.profileRun(isRecord(args) ? args : {});
    } finally {
      void vscode.commands.executeCommand(
        'setContext',
        'perflens.runActive',
        ctx.runs.current !== undefined,
      );
    }
  },

  /** Stop the run in progress: the whole process tree, gracefully, then SIGKILL after the grace period. */
  stopRun: (ctx) => () => ctx.runs.stop(),

  refreshRuns: (ctx) => () => ctx.history.refresh(),

  /** A CPU profile of N seconds from a Node process that is already running, through its inspector. */
  profileWindow: (ctx) => async (args?: unknown) => {
    const root = ctx.runsRoot();
    const serverPid = await ctx.serverStatus().then(
      (s) => s.pid,
      () => undefined,
    );
    const done = await runProfileWindow(isRecord(args) ? args : {}, root, serverPid, ctx.output);
    ctx.history.refresh();
    if (done) await ctx.openSource(done.dir);
    return done;
  },

  /** Compare two runs or soaks (A/B verdict, Markdown); from the palette or a run in the history. */
  compareRuns:
    (ctx) =>
    (...args: unknown[]) =>
      compareRuns(ctx, ...args),

  /** Run both commands alternately N times a side, then compare (trusted workspaces only). */
  abSoak: (ctx) => async (arg?: unknown) => {
    const shown = await abSoak(ctx, arg);
    ctx.history.refresh();
    return shown;
  },

  copyComparisonMarkdown: () => () => copyComparisonMarkdown(),
  /**
   * What a CodeLens runs when clicked: the PerfLens panel on the source its numbers come from
   * (revealed when open, else opened), its Functions tab on the function the lens stands for
   * (`FunctionIdentity` in protocol/server.ts).
   */
  showFunction: (ctx) => async (arg?: unknown) => {
    if (!isRecord(arg) || typeof arg.source !== 'string' || typeof arg.name !== 'string') return;
    await ctx.focusFunction(arg.source, {
      name: arg.name,
      ...(typeof arg.owner === 'string' ? { owner: arg.owner } : {}),
      ...(typeof arg.file === 'string' ? { file: arg.file } : {}),
      ...(typeof arg.line === 'number' ? { line: arg.line } : {}),
    });
    ctx.output.info(
      `CodeLens: ${typeof arg.owner === 'string' ? `${arg.owner}.` : ''}${arg.name} (${String(arg.file)}:${String(arg.line)}) from ${arg.source}`,
    );
    return arg;
  },

  /** Remove every inline cost (CodeLens, hovers, line heat) until a source is opened again. */
  clearInlineCosts: (ctx) => async () => {
    await (await ctx.client()).sendRequest(ClearInlineCosts.type, {});
    await lineHeats.get(ctx)?.refresh();
  },

  /** Per-line self time from the profile as a subtle background, on or off. */
  toggleLineHeat: (ctx) => () => lineHeatOf(ctx).toggle(),

  /** Ask the language server how it is; proves it answers. */
  serverStatus: (ctx) => async () => {
    const status = await ctx.serverStatus();
    const msg = `PerfLens language server ${status.serverVersion} (pid ${status.pid}, ${status.transport}, Node ${status.nodeVersion}), ${status.loadedSources.length} source(s) loaded`;
    ctx.output.info(msg);
    void vscode.window.showInformationMessage(msg);
    return status;
  },
};

const PROFILE_EXTENSIONS = ['cpuprofile', 'json', 'folded', 'collapsed', 'txt', 'speedscope.json'];

function activeProfileUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input as
    { uri?: unknown } | undefined;
  const uri =
    input?.uri instanceof vscode.Uri ? input.uri : vscode.window.activeTextEditor?.document.uri;
  return uri && /\.(cpuprofile|folded|collapsed)$|speedscope\.json$/.test(uri.path)
    ? uri
    : undefined;
}

async function pickSource(openLabel: string, folders: boolean): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    canSelectFiles: true,
    canSelectFolders: folders,
    openLabel,
    filters: folders ? undefined : { Profiles: PROFILE_EXTENSIONS, 'All files': ['*'] },
  });
  return picked?.[0];
}

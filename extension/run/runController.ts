/**
 * Profile Run in the editor: choose what to run and how, start it through the runner, show it
 * live (status bar, notification with Stop, output channel), and open the result when it ends.
 *
 * Launching a process is code execution: it requires a trusted workspace. In Restricted Mode
 * the command stays visible and says why it will not run.
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { startRun, RunSetupError, isNodeCommand, ZEROX_LOG_GROWTH_MB_PER_S } from '../../runner';
import type { ProfilerMode, RunHandle, RunResult } from '../../runner';
import { formatElapsed, formatTopCounters } from './liveStatus';
import type { FinishRun, RunProgress } from '../../protocol/server';
import { formatDiagnostic } from '../../protocol/diagnostics';
import { durationOf, profilerOrder, runFolderFor, runOptionsFor } from './runOptions';
import {
  orderWithRemembered,
  targetFromFile,
  targetFromLaunchConfig,
  targetFromSettings,
  targetsFromPackageJson,
  type RunTarget,
} from './runTarget';
import type { RunSettings } from '../settings';
import { requireTrust } from './trust';

/** Options a caller (a test, a task, another extension) may pass instead of answering prompts. */
export interface ProfileRunArgs {
  readonly command?: readonly string[];
  readonly shell?: boolean;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly profiler?: ProfilerMode;
  readonly durationS?: number;
  readonly label?: string;
}

const REMEMBERED_TARGET = 'perflens.run.lastTarget';
const REMEMBERED_PROFILER = 'perflens.run.lastProfiler';

/**
 * The language server's side of a live run: it follows the run folder and parses the counters
 * (the extension host only runs the process tree and writes the folder).
 */
export interface LiveRunChannel {
  follow(runDir: string): Promise<void>;
  /**
   * After the run ended: the server writes totals.tsv and summary-metrics.json; the problems it
   * met are shown in the Problems panel (and returned).
   */
  finish(runDir: string): Promise<FinishRun.Result>;
  onProgress(listener: (progress: RunProgress.Params) => void): vscode.Disposable;
}

export interface ActiveRun {
  readonly handle: RunHandle;
  readonly target: RunTarget;
  readonly profiler: ProfilerMode;
}

export class RunController implements vscode.Disposable {
  private active: ActiveRun | undefined;
  private readonly statusItem: vscode.StatusBarItem;
  private readonly runOutput: vscode.OutputChannel;
  private readonly endedEmitter = new vscode.EventEmitter<RunResult>();
  /** Fires when a run has ended and its files are complete. */
  readonly onDidEndRun = this.endedEmitter.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    private readonly openResult: (runDir: string) => Promise<unknown>,
    /** `perflens.run.*` of a workspace folder as they are now (read once per Profile Run). */
    private readonly runSettings: (folder: string) => RunSettings,
    private readonly live: LiveRunChannel,
  ) {
    this.statusItem = vscode.window.createStatusBarItem(
      'perflens.run',
      vscode.StatusBarAlignment.Left,
      9,
    );
    this.statusItem.name = 'PerfLens run';
    this.statusItem.command = 'perflens.stopRun';
    this.runOutput = vscode.window.createOutputChannel('PerfLens Run');
  }

  get current(): ActiveRun | undefined {
    return this.active;
  }

  /** The palette command. Returns the run's result, or undefined when nothing was started. */
  async profileRun(args: ProfileRunArgs = {}): Promise<RunResult | undefined> {
    if (!requireTrust('Profile Run', 'starts a process from this workspace')) return undefined;
    if (this.active) {
      void vscode.window.showWarningMessage(
        `PerfLens: a run is already in progress (${this.active.target.label}); stop it first.`,
      );
      return undefined;
    }
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showErrorMessage(
        'PerfLens: open a folder to profile a run in; its run folders are kept inside it.',
      );
      return undefined;
    }
    const folder = await targetFolder(args.cwd);
    if (!folder) return undefined;
    const settings = this.runSettings(folder);
    const target = args.command
      ? this.targetFromArgs(args, folder)
      : await this.pickTarget(settings, folder);
    if (!target) return undefined;
    const profiler = args.profiler ?? (await this.pickProfiler(settings.profiler));
    if (!profiler) return undefined;
    const durationS = durationOf(settings, args.durationS);
    if (profiler === '0x' && !args.profiler && !(await this.confirmZeroX(target, durationS)))
      return undefined;
    await this.state.update(REMEMBERED_TARGET, target.id);
    await this.state.update(REMEMBERED_PROFILER, profiler);

    const runDir = runFolderFor(settings, folder, target.label, new Date());
    let handle: RunHandle;
    try {
      handle = startRun(
        runOptionsFor(settings, target, profiler, runDir, {
          ...(args.durationS !== undefined ? { durationS: args.durationS } : {}),
          ...(args.env ? { env: args.env } : {}),
        }),
      );
    } catch (err) {
      const why = err instanceof RunSetupError ? err.message : String(err);
      void vscode.window.showErrorMessage(`PerfLens: could not start ${target.label}: ${why}`);
      return undefined;
    }
    this.active = { handle, target, profiler };
    return this.watch(this.active);
  }

  /** Stop the active run (status bar, notification, palette). */
  async stop(): Promise<RunResult | undefined> {
    if (!this.active) {
      void vscode.window.showInformationMessage('PerfLens: no run in progress.');
      return undefined;
    }
    return this.active.handle.stop();
  }

  private targetFromArgs(args: ProfileRunArgs, folder: string): RunTarget {
    const command = [...(args.command ?? [])];
    return {
      kind: 'setting',
      id: `args:${command.join(' ')}`,
      label: args.label ?? command.join(' '),
      description: 'given',
      command,
      shell: args.shell ?? false,
      cwd: args.cwd ?? folder,
      env: args.env ?? {},
    };
  }

  private async gatherTargets(settings: RunSettings, folder: string): Promise<RunTarget[]> {
    const targets: RunTarget[] = [];
    const fromSettings = targetFromSettings(settings, folder);
    if (fromSettings) targets.push(fromSettings);
    try {
      const pkg = await vscode.workspace.fs.readFile(
        vscode.Uri.file(path.join(folder, 'package.json')),
      );
      targets.push(...targetsFromPackageJson(Buffer.from(pkg).toString('utf8'), folder));
    } catch {
      /* no package.json: no scripts to offer */
    }
    const launches =
      vscode.workspace
        .getConfiguration('launch', vscode.Uri.file(folder))
        .get<unknown[]>('configurations') ?? [];
    for (const c of launches) {
      const t = typeof c === 'object' && c !== null ? targetFromLaunchConfig(c, folder) : undefined;
      if (t) targets.push(t);
    }
    return orderWithRemembered(targets, this.state.get<string>(REMEMBERED_TARGET));
  }

  private async pickTarget(settings: RunSettings, folder: string): Promise<RunTarget | undefined> {
    const targets = await this.gatherTargets(settings, folder);
    const remembered = this.state.get<string>(REMEMBERED_TARGET);
    type Item = vscode.QuickPickItem & { target?: RunTarget; pickFile?: true };
    const items: Item[] = targets.map((t) => ({
      label: t.label,
      description: t.id === remembered ? `last used · ${t.description}` : t.description,
      target: t,
    }));
    items.push({
      label: 'Pick a file to run…',
      description: 'a .js/.mjs/.cjs file runs with node, a .sh with sh',
      pickFile: true,
    });
    const picked = await vscode.window.showQuickPick(items, {
      title: 'PerfLens: what to profile',
      placeHolder: 'a package.json script, a launch configuration, perflens.run.command, or a file',
      // Result panels of earlier runs open and refresh without warning; a pick that closed
      // when one took focus would drop the user's choice halfway through.
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    if (picked.target) return picked.target;
    const file = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Profile This File',
      defaultUri: vscode.Uri.file(folder),
    });
    if (!file?.[0]) return undefined;
    const t = targetFromFile(file[0].fsPath, folder);
    if (typeof t === 'string') {
      void vscode.window.showErrorMessage(`PerfLens: ${t}`);
      return undefined;
    }
    return t;
  }

  private async pickProfiler(setting: ProfilerMode): Promise<ProfilerMode | undefined> {
    const modes: { mode: ProfilerMode; label: string; detail: string }[] = [
      {
        mode: 'cpu-prof',
        label: 'CPU profile (every Node process)',
        detail:
          'V8 sampling profiler in each Node process of the tree; one .cpuprofile per pid in profiles/',
      },
      {
        mode: '0x',
        label: '0x',
        detail: `0x flame graph of the top Node process; its V8 log grows about ${ZEROX_LOG_GROWTH_MB_PER_S} MB/s`,
      },
      { mode: 'none', label: 'No CPU profiler', detail: 'counters, resources and output only' },
    ];
    const order = profilerOrder(setting, this.state.get<ProfilerMode>(REMEMBERED_PROFILER));
    const picked = await vscode.window.showQuickPick(
      order.map(({ mode, lastUsed }) => {
        const m = modes.find((x) => x.mode === mode)!;
        return { label: m.label, detail: m.detail, description: lastUsed ? 'last used' : '', mode };
      }),
      { title: 'PerfLens: profiler', ignoreFocusOut: true },
    );
    return picked?.mode;
  }

  private async confirmZeroX(target: RunTarget, durationS: number | undefined): Promise<boolean> {
    if (!isNodeCommand(target.command[0] ?? '') || target.shell) {
      void vscode.window.showErrorMessage(
        `PerfLens: 0x profiles a command that starts with 'node'; '${target.label}' does not. Use the CPU profile mode, which follows every Node process of a tree.`,
      );
      return false;
    }
    if (durationS !== undefined && durationS <= 60) return true;
    const est =
      durationS === undefined
        ? 'with no duration limit it grows until stopped'
        : `about ${Math.round(ZEROX_LOG_GROWTH_MB_PER_S * durationS)} MB for ${durationS} s`;
    const go = await vscode.window.showWarningMessage(
      `0x writes a V8 tick log of about ${ZEROX_LOG_GROWTH_MB_PER_S} MB/s (${est}). Continue?`,
      { modal: true },
      'Run with 0x',
    );
    return go === 'Run with 0x';
  }

  private async watch(run: ActiveRun): Promise<RunResult> {
    const { handle, target, profiler } = run;
    let progress: RunProgress.Params | undefined;
    const progressSub = this.live.onProgress((p) => {
      if (p.runDir === handle.runDir) progress = p;
    });
    this.live
      .follow(handle.runDir)
      .catch((err: unknown) =>
        this.log.warn(`live counters unavailable (language server): ${String(err)}`),
      );
    this.runOutput.appendLine(`── ${target.label} (${profiler}) → ${handle.runDir}`);
    handle.on('line', (line) => this.runOutput.appendLine(line));
    handle.on('warning', (m) => this.log.warn(`run: ${m}`));

    const render = () => {
      const top = formatTopCounters(progress?.top ?? []);
      this.statusItem.text = `$(debug-stop) PerfLens ${formatElapsed(Date.now() - handle.startTimeMs)}${top ? ` · ${top}` : ''}`;
      this.statusItem.tooltip = `Profiling ${target.label} (${profiler}) into ${handle.runDir}\n${progress?.windows ?? 0} counter window(s) so far. Click to stop.`;
    };
    render();
    this.statusItem.show();
    const timer = setInterval(render, 1000);

    void vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `PerfLens: profiling ${target.label}`,
        cancellable: true,
      },
      (bar, token) => {
        token.onCancellationRequested(() => void handle.stop());
        const tick = setInterval(() => {
          const top = formatTopCounters(progress?.top ?? []);
          bar.report({
            message: `${formatElapsed(Date.now() - handle.startTimeMs)}${top ? ` · ${top}` : ''}`,
          });
        }, 1000);
        return handle.result.finally(() => clearInterval(tick));
      },
    );

    const result = await handle.result;
    clearInterval(timer);
    this.statusItem.hide();
    this.active = undefined;
    // The server reads the rest of the log and writes totals.tsv / summary-metrics.json.
    let windows = progress?.windows ?? 0;
    try {
      const finished = await this.live.finish(result.runDir);
      windows = finished.windows;
      // In the Problems panel already (the channel shows them); the first few in the log too.
      for (const d of finished.diagnostics.slice(0, 20))
        this.log.warn(`counters: ${formatDiagnostic(d)}`);
    } catch (err) {
      this.log.warn(`counter totals not written (language server): ${String(err)}`);
    }
    progressSub.dispose();
    const what =
      result.status === 'completed'
        ? 'completed'
        : result.status === 'stopped'
          ? 'stopped'
          : `${result.status}${result.exitCode !== null ? ` (exit ${result.exitCode})` : result.signal ? ` (${result.signal})` : ''}`;
    // What the run did not yield (a profile from a killed process) is part of how it ended.
    const lost = result.lost?.length
      ? `; lost: ${result.lost.map((l) => `${l.what}${l.pid !== undefined ? ` of pid ${l.pid}` : ''}`).join(', ')}`
      : '';
    const summary = `PerfLens: ${target.label} ${what} after ${(result.durationMs / 1000).toFixed(1)} s — ${result.profiles.length} profile(s), ${windows} counter window(s)${result.leftovers.length ? `, process(es) ${result.leftovers.join(', ')} left behind` : ''}${lost}`;
    this.log.info(summary);
    for (const w of result.warnings) this.log.warn(`run: ${w}`);
    this.endedEmitter.fire(result);
    if (result.status === 'failed' || result.status === 'interrupted')
      void vscode.window.showWarningMessage(summary);
    else void vscode.window.showInformationMessage(summary);
    await this.openResult(result.runDir).catch((err: unknown) =>
      this.log.error(`opening ${result.runDir}: ${String(err)}`),
    );
    return result;
  }

  /** The folder of the run in progress, if one is. */
  get activeRunDir(): string | undefined {
    return this.active?.handle.runDir;
  }

  dispose(): void {
    // VS Code is closing: stop the run so no process is left behind; what was captured is on disk.
    void this.active?.handle.stop();
    this.statusItem.dispose();
    this.runOutput.dispose();
    this.endedEmitter.dispose();
  }
}

/**
 * The workspace folder a run belongs to (its run settings, its runs folder): the folder of the
 * given working directory, else of the active editor's file, else the only folder, else the one
 * the user picks. A/B Soak follows the same rule.
 */
export async function targetFolder(cwd: string | undefined): Promise<string | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].uri.fsPath;
  const hint = cwd ? vscode.Uri.file(cwd) : vscode.window.activeTextEditor?.document.uri;
  const own = hint ? vscode.workspace.getWorkspaceFolder(hint) : undefined;
  if (own) return own.uri.fsPath;
  const picked = await vscode.window.showWorkspaceFolderPick({
    placeHolder: 'PerfLens: which folder to profile a run in (its run settings and runs folder)',
    ignoreFocusOut: true,
  });
  return picked?.uri.fsPath;
}

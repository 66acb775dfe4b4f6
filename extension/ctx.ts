/**
 * The extension's context: what every command may rely on (after rust-analyzer's `ctx.ts`).
 *
 * `client()` waits for the language server, so a command run during start-up waits for the
 * server instead of failing.
 */
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { watchEventLoop } from './eventLoopWatch';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './languageClient';
import { ServerTraceChannel } from './serverTrace';
import { serverSettingsOf, type RunSettings, type Settings } from './settings';
import { SettingsSource, type SettingsChange } from './settingsSource';
import { SourceProblems } from './problems';
import { PerfLensPanel, type PanelHandlers } from './panel/perflensPanel';
import { openLocation } from './panel/openLocation';
import { showInlineCosts } from './panel/inlineCosts';
import { FlamePanel } from './panel/flamePanel';
import {
  Status,
  OpenSource,
  FlameDataRequest,
  DidChangeSettings,
  FollowRun,
  FinishRun,
  RunProgress,
  LiveRunData,
  LocateNative,
  Markdown,
  type ServerStatus,
  type SourceView,
} from '../protocol/server';
import type { FlameState, FunctionFocus, PanelState } from '../protocol/webview';
import { formatDiagnostic } from '../protocol/diagnostics';
import { RunController, type LiveRunChannel } from './run/runController';
import { RunHistoryView, runsRoot } from './run/runHistoryView';
import { listRunFolders } from './run/runFolders';

export class Ctx {
  readonly output: vscode.LogOutputChannel;
  /** The language client's message trace (`perflens.trace.server`), into `output`. */
  readonly serverTrace: ServerTraceChannel;
  private clientStarting: Promise<LanguageClient> | undefined;
  /** The panel of the server's status. */
  private panel: PerfLensPanel | undefined;
  /** One panel per source (path → panel). */
  private readonly sourcePanels = new Map<string, PerfLensPanel>();
  private flame: FlamePanel | undefined;
  readonly runs: RunController;
  /** The language server's side of live runs (Profile Run and each A/B iteration). */
  readonly liveRuns: LiveRunChannel;
  readonly history: RunHistoryView;
  private readonly settingsSource: SettingsSource;
  /** The runs folder the runs view shows (it moves when `perflens.run.outputDir` changes). */
  private shownRunsRoot: string | undefined;
  /** `perflens/runProgress` from the server, for the live run's status bar. */
  private readonly runProgress = new vscode.EventEmitter<RunProgress.Params>();
  /** Problems with opened sources, in the Problems panel (one collection per source). */
  readonly problems = new SourceProblems();

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('PerfLens', { log: true });
    this.settingsSource = new SettingsSource();
    this.serverTrace = new ServerTraceChannel(this.output, this.settings.traceServer);
    extension.subscriptions.push(
      this.output,
      this.serverTrace,
      this.settingsSource,
      this.problems,
      this.runProgress,
    );
    this.liveRuns = {
      follow: async (runDir) => (await this.client()).sendRequest(FollowRun.type, { runDir }),
      // Problems met over the whole run (bad dumps, unreadable samples) go to the Problems
      // panel, for Profile Run and each A/B iteration alike.
      finish: async (runDir) => {
        const finished = await (await this.client()).sendRequest(FinishRun.type, { runDir });
        this.problems.show(runDir, finished.diagnostics, 'run');
        return finished;
      },
      onProgress: (listener) => this.runProgress.event(listener),
    };
    this.runs = new RunController(
      extension.workspaceState,
      this.output,
      (runDir) => this.openSource(runDir),
      (folder) => this.runSettingsFor(folder),
      this.liveRuns,
    );
    this.shownRunsRoot = this.runsRoot();
    this.history = new RunHistoryView(() => this.runsRoot());
    extension.subscriptions.push(
      this.runs,
      this.history,
      vscode.window.registerTreeDataProvider('perflens.runs', this.history),
      this.runs.onDidEndRun(() => this.history.refresh()),
      this.settingsSource.onDidChange((change) => void this.applySettings(change)),
    );
  }

  /** The current PerfLens settings (kept up to date by a configuration listener). */
  get settings(): Settings {
    return this.settingsSource.current;
  }

  /** `perflens.run.*` as `folder` has them (per-folder settings in a multi-root workspace). */
  runSettingsFor(folder: string): RunSettings {
    return this.settingsSource.runFor(vscode.Uri.file(folder));
  }

  /** A settings change, applied live: the server gets its part, the runs view its folder. */
  private async applySettings({ previous, current }: SettingsChange): Promise<void> {
    this.serverTrace.apply(current.traceServer);
    const root = this.runsRoot();
    if (root !== this.shownRunsRoot) {
      this.shownRunsRoot = root;
      this.history.rootChanged();
    }
    const server = serverSettingsOf(current);
    if (JSON.stringify(server) === JSON.stringify(serverSettingsOf(previous))) return;
    try {
      await (await this.client()).sendNotification(DidChangeSettings.type, { settings: server });
    } catch (err) {
      this.output.error(`could not send the new settings to the language server: ${String(err)}`);
    }
  }

  async start(): Promise<void> {
    const client = await this.client();
    // A visible sign that PerfLens is up (server started); also the way into the panel.
    const item = vscode.window.createStatusBarItem(
      'perflens.status',
      vscode.StatusBarAlignment.Left,
      10,
    );
    item.name = 'PerfLens';
    item.text = '$(flame) PerfLens';
    item.tooltip = `PerfLens language server running (${client.initializeResult?.serverInfo?.version ?? '?'})`;
    item.command = 'perflens.showPanel';
    item.show();
    this.extension.subscriptions.push(item);
    if (this.settings.openLatestOnStartup) await this.openLatestRun();
  }

  /**
   * Where this workspace's run folders are: the first folder's `perflens.run.outputDir` (a
   * setting each folder may have its own of), or undefined without a folder.
   */
  runsRoot(): string | undefined {
    const first = vscode.workspace.workspaceFolders?.[0];
    return first ? runsRoot(this.settingsSource.runFor(first.uri).outputDir) : undefined;
  }

  /** Show the newest run folder of the workspace, if there is one. */
  async openLatestRun(): Promise<SourceView | undefined> {
    const root = this.runsRoot();
    const latest = root ? listRunFolders(root)[0] : undefined;
    return latest ? this.openSource(latest.dir) : undefined;
  }

  /** The running language client; starts it on first use. */
  client(): Promise<LanguageClient> {
    if (!this.clientStarting) {
      const client = createLanguageClient(this.extension, this.output, this.serverTrace, {
        settings: serverSettingsOf(this.settings),
      });
      this.clientStarting = client.start().then(
        () => {
          client.onNotification(RunProgress.type, (p) => this.runProgress.fire(p));
          // Any open panel of a followed run, opened before or during it, merges the new windows.
          client.onNotification(LiveRunData.type, ({ runDir, update }) =>
            this.openPanelOf(runDir)?.applyLive(update),
          );
          this.output.info(
            `language server started (${this.extension.asAbsolutePath('dist/server.js')})`,
          );
          return client;
        },
        (err: unknown) => {
          this.clientStarting = undefined;
          this.output.error(`language server failed to start: ${String(err)}`);
          throw err;
        },
      );
    }
    return this.clientStarting;
  }

  /** Ask the language server how it is. */
  async serverStatus(): Promise<ServerStatus> {
    return (await this.client()).sendRequest(Status.type, {});
  }

  private panelHandlers(): PanelHandlers {
    return {
      openLocation: (file, line, column) => openLocation(file, line, column),
      openFlame: (path) => this.openFlame(path),
      openNative: async (frame) => {
        const files = await vscode.workspace.findFiles(
          '**/*.rs',
          '{**/target/**,**/node_modules/**}',
          5000,
        );
        const client = await this.client();
        const r = await client.sendRequest(LocateNative.type, {
          frame,
          files: files.map((u) => u.fsPath),
        });
        const [first] = r.found;
        if (!first) throw new Error(r.reason ?? 'not found');
        if (r.found.length > 1)
          this.output.info(
            `${frame.name}: ${r.found.length} definitions fit (${r.found.map((f) => `${f.file}:${f.line}`).join(', ')}); opened the first`,
          );
        await openLocation(first.file, first.line, first.column);
      },
      copyMarkdown: async (tables) => {
        const md = await (await this.client()).sendRequest(Markdown.type, { tables });
        await vscode.env.clipboard.writeText(md);
        return md;
      },
      showInlineCosts: (request) =>
        showInlineCosts(
          request,
          () => this.client(),
          (line) => this.output.info(line),
        ),
      resync: (path) => this.refreshSource(path, this.isLiveRun(path)),
    };
  }

  /** The open panel showing `path` (however the path was spelled when it was opened). */
  private openPanelOf(path: string): PerfLensPanel | undefined {
    const want = resolve(path);
    for (const [p, panel] of this.sourcePanels)
      if (!panel.disposed && resolve(p) === want) return panel;
    return undefined;
  }

  /** Whether `path` is the folder of the run in progress (its panel follows it). */
  private isLiveRun(path: string): boolean {
    const dir = this.runs.activeRunDir;
    return dir !== undefined && resolve(dir) === resolve(path);
  }

  /** The panel of one source: created, revealed, or adopted from VS Code after a reload. */
  sourcePanel(path: string, title: string, existing?: vscode.WebviewPanel): PerfLensPanel {
    let panel = this.openPanelOf(path);
    if (existing || !panel || panel.disposed) {
      if (existing && panel && !panel.disposed) panel.dispose();
      panel = new PerfLensPanel(
        this.extension.extensionUri,
        this.output,
        this.panelHandlers(),
        `PerfLens: ${title}`,
        existing,
      );
      this.sourcePanels.set(path, panel);
    } else {
      panel.reveal();
    }
    return panel;
  }

  /** A source panel VS Code kept across a window reload: read its source again. */
  async restorePanel(panel: vscode.WebviewPanel, { source }: PanelState): Promise<void> {
    this.sourcePanel(source, panel.title, panel);
    await this.openSource(source);
  }

  /** The panel of the server's status, created or revealed. */
  showPanel(): PerfLensPanel {
    if (!this.panel || this.panel.disposed) {
      this.panel = new PerfLensPanel(
        this.extension.extensionUri,
        this.output,
        this.panelHandlers(),
      );
    } else {
      this.panel.reveal();
    }
    return this.panel;
  }

  /** The folder the server writes flame files into; the flame page may read it. */
  private flameCacheDir(): vscode.Uri {
    return vscode.Uri.joinPath(this.extension.globalStorageUri, 'flame');
  }

  /** The flame-graph panel: created, revealed, or adopted from VS Code after a window reload. */
  private flamePanel(existing?: vscode.WebviewPanel): FlamePanel {
    if (existing || !this.flame || this.flame.disposed) {
      if (existing && this.flame && !this.flame.disposed) this.flame.dispose();
      this.flame = new FlamePanel(
        this.extension.extensionUri,
        this.output,
        this.speedscopeVersion(),
        this.flameCacheDir(),
        existing,
      );
    } else {
      this.flame.reveal();
    }
    return this.flame;
  }

  /** A flame panel VS Code kept across a window reload: draw its source again. */
  async restoreFlame(panel: vscode.WebviewPanel, { source }: FlameState): Promise<void> {
    await this.openFlame(source, panel);
  }

  /**
   * Load a profile, log, run or soak folder: the server reads it (CodeLens follow), the panel
   * shows its tables. Returns what the server made of it.
   */
  async openSource(path: string): Promise<SourceView> {
    const client = await this.client();
    const view = await client.sendRequest(OpenSource.type, { path, withPanelData: true });
    this.problems.show(path, view.diagnostics);
    if (view.panelData)
      this.sourcePanel(path, view.panelData.title).showSource(view.panelData, this.isLiveRun(path));
    return view;
  }

  /**
   * A clicked CodeLens: the panel of `source` revealed (opened, with the source read, only when
   * none shows it yet) and `fn` focused in its Functions tab.
   */
  async focusFunction(source: string, fn: FunctionFocus): Promise<void> {
    let panel = this.openPanelOf(source);
    if (panel && !panel.disposed) panel.reveal();
    else {
      await this.openSource(source);
      panel = this.openPanelOf(source);
    }
    panel?.focusFunction(fn);
  }

  /** Re-read a source and refresh its open panel (keeps its UI state); a live panel's resync. */
  async refreshSource(path: string, live: boolean): Promise<void> {
    const panel = this.openPanelOf(path);
    if (!panel || panel.disposed) return;
    const client = await this.client();
    const view = await client.sendRequest(OpenSource.type, { path, withPanelData: true });
    if (view.panelData) panel.showSource(view.panelData, live);
  }

  /**
   * Draw every profile at `path` as a flame graph, from the engine's model (source-mapped frames).
   * The panel opens at once and says what it is doing; the server writes a compact speedscope
   * file and only its path comes back. Failures are shown in the panel with their reason.
   * Logs how long it took and how long the extension host's event loop was held up meanwhile.
   */
  async openFlame(path: string, existing?: vscode.WebviewPanel): Promise<FlamePanel> {
    const panel = this.flamePanel(existing);
    const name = path.replace(/[\\/]+$/, '').replace(/^.*[\\/]/, '');
    panel.status(path, `Reading ${name}…`);
    const watch = watchEventLoop();
    try {
      const client = await this.client();
      const data = await client.sendRequest(FlameDataRequest, {
        path,
        cacheDir: this.flameCacheDir().fsPath,
      });
      this.problems.show(path, data.diagnostics, 'flame');
      const problems = data.diagnostics.map(formatDiagnostic);
      for (const d of problems) this.output.warn(d);
      if (!data.file) {
        watch.stop();
        const why = problems.length
          ? problems.join('\n')
          : `${path}: no CPU profile PerfLens can read (a .cpuprofile, 0x folder, speedscope file, folded stacks or perf script text)`;
        panel.fail(path, `No flame graph: ${why}`);
        return panel;
      }
      const serverMs = watch.elapsedMs();
      panel.load(path, data.file, data.note);
      const drawn = panel.onDidReport((m) => {
        if (m.type !== 'flameLoaded' && m.type !== 'flameError') return;
        drawn.dispose();
        const r = watch.stop();
        this.output.info(
          `flame graph of ${path}: ${m.type === 'flameLoaded' ? 'drawn' : 'failed'} ${r.elapsedMs.toFixed(0)} ms after the command ` +
            `(server ${serverMs.toFixed(0)} ms, flame file ${(data.bytes / 1e6).toFixed(1)} MB); ` +
            `extension host event loop: longest delay ${r.maxDelayMs.toFixed(0)} ms` +
            (m.type === 'flameLoaded' && m.fetchMs !== undefined && m.drawMs !== undefined
              ? `; page: fetch ${m.fetchMs} ms, speedscope import and draw ${m.drawMs} ms`
              : ''),
        );
      });
    } catch (err) {
      watch.stop();
      const message = err instanceof Error ? err.message : String(err);
      this.output.error(`flame graph of ${path}: ${message}`);
      panel.fail(path, `${path}: the flame graph could not be built: ${message}`);
    }
    return panel;
  }

  private speedscopeVersion(): string {
    try {
      const raw = readFileSync(
        this.extension.asAbsolutePath('dist/speedscope/version.json'),
        'utf8',
      );
      const version = (JSON.parse(raw) as { speedscope?: unknown }).speedscope;
      return typeof version === 'string' ? version : 'unknown';
    } catch {
      return 'unknown';
    }
  }

  async dispose(): Promise<void> {
    this.panel?.dispose();
    for (const p of this.sourcePanels.values()) p.dispose();
    this.flame?.dispose();
    const starting = this.clientStarting;
    this.clientStarting = undefined;
    if (starting) await (await starting.catch(() => undefined))?.stop();
  }
}

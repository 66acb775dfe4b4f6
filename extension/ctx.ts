/**
 * The extension's context: what every command may rely on (after rust-analyzer's `ctx.ts`).
 *
 * `client()` waits for the language server, so a command run during start-up waits for the
 * server instead of failing.
 */
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './languageClient';
import { serverSettingsOf, type Settings } from './settings';
import { SettingsSource, type SettingsChange } from './settingsSource';
import { SourceProblems } from './problems';
import { PerfLensPanel } from './panel/perflensPanel';
import { FlamePanel } from './panel/flamePanel';
import {
  Status,
  OpenSource,
  FlameDataRequest,
  DidChangeSettings,
  type ServerStatus,
  type SourceView,
} from '../protocol/server';
import { sourcePanelModel } from './panel/sourceModel';
import { RunController } from './run/runController';
import { RunHistoryView, runsRoot } from './run/runHistoryView';
import { listRunFolders } from './run/runFolders';

export class Ctx {
  readonly output: vscode.LogOutputChannel;
  private clientStarting: Promise<LanguageClient> | undefined;
  private panel: PerfLensPanel | undefined;
  private flame: FlamePanel | undefined;
  readonly runs: RunController;
  readonly history: RunHistoryView;
  private readonly settingsSource: SettingsSource;
  /** Problems with opened sources, in the Problems panel (one collection per source). */
  readonly problems = new SourceProblems();

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('PerfLens', { log: true });
    this.settingsSource = new SettingsSource();
    extension.subscriptions.push(this.output, this.settingsSource, this.problems);
    this.runs = new RunController(
      extension.workspaceState,
      this.output,
      (runDir) => this.openSource(runDir),
      () => this.settings.run,
    );
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

  /** A settings change, applied live: the server gets its part, the runs view its folder. */
  private async applySettings({ previous, current }: SettingsChange): Promise<void> {
    if (previous.run.outputDir !== current.run.outputDir) this.history.rootChanged();
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

  /** Where this workspace's run folders are (`perflens.run.outputDir`), or undefined without a folder. */
  runsRoot(): string | undefined {
    return runsRoot(this.settings.run.outputDir);
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
      const client = createLanguageClient(this.extension, this.output, {
        settings: serverSettingsOf(this.settings),
      });
      this.clientStarting = client.start().then(
        () => {
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

  /** The single PerfLens panel, created or revealed. */
  showPanel(): PerfLensPanel {
    if (!this.panel || this.panel.disposed) {
      this.panel = new PerfLensPanel(this.extension.extensionUri, this.output, {
        openLocation: (loc) => this.openLocation(loc.file, loc.line),
        openFlame: (path) => this.openFlame(path),
      });
    } else {
      this.panel.reveal();
    }
    return this.panel;
  }

  /** The flame-graph panel, created or revealed, drawing `base64` (any format speedscope reads). */
  showFlame(fileName: string, base64: string): FlamePanel {
    if (!this.flame || this.flame.disposed) {
      this.flame = new FlamePanel(
        this.extension.extensionUri,
        this.output,
        this.speedscopeVersion(),
      );
    } else {
      this.flame.reveal();
    }
    this.flame.load(fileName, base64);
    return this.flame;
  }

  /**
   * Load a profile, log, run or soak folder: the server reads it (CodeLens follow), the panel
   * shows its tables. Returns what the server made of it.
   */
  async openSource(path: string): Promise<SourceView> {
    const client = await this.client();
    const view = await client.sendRequest(OpenSource.type, { path });
    this.problems.show(path, view.diagnostics);
    this.showPanel().show(sourcePanelModel(view), path);
    return view;
  }

  /** Draw every profile at `path` as a flame graph, from the engine's model (source-mapped frames). */
  async openFlame(path: string): Promise<FlamePanel | undefined> {
    const client = await this.client();
    const data = await client.sendRequest(FlameDataRequest, { path });
    if (data.profiles === 0) {
      void vscode.window.showWarningMessage(
        `PerfLens: no CPU profile found in ${path}${data.diagnostics.length ? ` — ${data.diagnostics[0]}` : ''}`,
      );
      return undefined;
    }
    for (const d of data.diagnostics) this.output.warn(d);
    return this.showFlame(data.fileName, data.base64);
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

  private async openLocation(file: string, line: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const pos = new vscode.Position(line - 1, 0);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
  }

  async dispose(): Promise<void> {
    this.panel?.dispose();
    this.flame?.dispose();
    const starting = this.clientStarting;
    this.clientStarting = undefined;
    if (starting) await (await starting.catch(() => undefined))?.stop();
  }
}

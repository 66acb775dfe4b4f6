/**
 * Hosts one PerfLens webview panel: creates it, sends it data, and checks what it sends back.
 * There is one panel per source (profile, log, run, soak) and one for the server's status.
 *
 * The host keeps the latest data and re-sends it whenever the page (re)loads — after being hidden
 * (no retainContextWhenHidden) or a window reload — while the page restores its own UI state
 * (tab, sort, filter, scroll, selection) through the webview state API.
 */
import * as vscode from 'vscode';
import {
  parseFromWebview,
  type FromWebview,
  type MarkdownTable,
  type PanelModel,
  type ToWebview,
} from '../../protocol/webview';
import type { LiveUpdate, NativeFrame, SourceData } from '../../protocol/sourceData';
import { newNonce, panelHtml } from './html';

export interface PanelHandlers {
  openLocation(file: string, line: number, column?: number): Promise<void>;
  openFlame(path: string): Promise<unknown>;
  /** Find a native (Rust) frame's definition in the workspace and open it. */
  openNative(frame: NativeFrame): Promise<void>;
  /** Returns the Markdown it put on the clipboard. */
  copyMarkdown(tables: readonly MarkdownTable[]): Promise<string>;
  showInlineCosts(request: Extract<FromWebview, { type: 'showInlineCosts' }>): Promise<void>;
  /** The page could not merge a live update: read the source again and send it whole. */
  resync(path: string): Promise<void>;
}

export class PerfLensPanel {
  static readonly viewType = 'perflens.panel';
  private readonly panel: vscode.WebviewPanel;
  private ready = false;
  /** The last message sent; re-sent whenever the page (re)loads, e.g. after being hidden. */
  private latest: ToWebview | undefined;
  /** Live updates since `latest`, re-sent after it when the page reloads (each holds only new windows). */
  private liveUpdates: ToWebview[] = [];
  private readonly renderedEmitter = new vscode.EventEmitter<{ tables: number; rows: number }>();
  /** Fires when the page reports it has drawn a model. */
  readonly onDidRender = this.renderedEmitter.event;
  private readonly copiedEmitter = new vscode.EventEmitter<string>();
  /** Fires with the Markdown put on the clipboard. */
  readonly onDidCopy = this.copiedEmitter.event;
  disposed = false;
  /** The source (profile, run folder, …) the panel shows, for its action buttons. */
  private source: string | undefined;

  constructor(
    extensionUri: vscode.Uri,
    private readonly output: vscode.LogOutputChannel,
    private readonly handlers: PanelHandlers,
    title = 'PerfLens',
    existing?: vscode.WebviewPanel,
  ) {
    const bundleRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    // preserveFocus: results open when a run ends, often while the user is typing elsewhere
    // (the palette, an editor); the panel must not take the keyboard from them.
    this.panel =
      existing ??
      vscode.window.createWebviewPanel(
        PerfLensPanel.viewType,
        title,
        { viewColumn: vscode.ViewColumn.Active, preserveFocus: true },
        { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [bundleRoot] },
      );
    const webview = this.panel.webview;
    webview.options = { enableScripts: true, localResourceRoots: [bundleRoot] };
    const uri = (...p: string[]): string =>
      webview.asWebviewUri(vscode.Uri.joinPath(bundleRoot, ...p)).toString();
    webview.html = panelHtml(
      {
        cspSource: webview.cspSource,
        scriptUri: uri('main.js'),
        styleUri: uri('main.css'),
        extraStyleUris: [uri('uPlot.min.css'), uri('codicons', 'codicon.css')],
      },
      newNonce(),
    );
    webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
    // A hidden webview is torn down (no retainContextWhenHidden) and reloads when shown again.
    this.panel.onDidChangeViewState(({ webviewPanel }) => {
      if (!webviewPanel.visible) this.ready = false;
    });
    this.panel.onDidDispose(() => {
      this.disposed = true;
      this.renderedEmitter.dispose();
      this.copiedEmitter.dispose();
    });
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  get sourcePath(): string | undefined {
    return this.source;
  }

  /** Generic tables (the server's status). */
  show(model: PanelModel, source?: string): void {
    this.source = source;
    this.panel.title = model.title;
    this.post({ type: 'show', model });
  }

  /** One source's tabs; `live` while its run is still writing. */
  showSource(data: SourceData, live = false): void {
    this.source = data.path;
    this.panel.title = `PerfLens: ${data.title}`;
    this.post({ type: 'source', data, live });
  }

  /** A followed run's new windows and rows: merged by the page into what it shows. */
  applyLive(update: LiveUpdate): void {
    if (!this.source || this.latest?.type !== 'source') return;
    const message: ToWebview = { type: 'live', path: this.source, update };
    this.liveUpdates.push(message);
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private post(message: ToWebview): void {
    // The page drops messages sent before its script runs; it gets the latest when it says ready.
    if (message.type !== 'notice') {
      this.latest = message;
      this.liveUpdates = [];
    }
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private notice(text: string, error: boolean): void {
    if (error) this.output.warn(text);
    if (this.ready) void this.panel.webview.postMessage({ type: 'notice', text, error });
  }

  private receive(raw: unknown): void {
    const message = parseFromWebview(raw);
    if (!message) {
      this.output.warn(
        `ignored a malformed message from the PerfLens webview: ${JSON.stringify(raw)?.slice(0, 200)}`,
      );
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.latest) void this.panel.webview.postMessage(this.latest);
        for (const u of this.liveUpdates) void this.panel.webview.postMessage(u);
        break;
      case 'resync':
        if (this.source)
          void this.handlers
            .resync(this.source)
            .catch((err: unknown) =>
              this.output.warn(`live update of ${this.source}: ${String(err)}`),
            );
        break;
      case 'rendered':
        this.renderedEmitter.fire({ tables: message.tables, rows: message.rows });
        break;
      case 'openLocation':
        this.handlers.openLocation(message.file, message.line, message.column).then(
          () => undefined,
          (err: unknown) => {
            const why = err instanceof Error ? err.message : String(err);
            this.notice(`Could not open ${message.file}:${message.line}: ${why}`, true);
            void vscode.window.showWarningMessage(
              `PerfLens: could not open ${message.file}:${message.line} — ${why}`,
            );
          },
        );
        break;
      case 'openNative':
        this.handlers.openNative(message.frame).catch((err: unknown) => {
          const why = err instanceof Error ? err.message : String(err);
          this.notice(`Could not open ${message.frame.name}: ${why}`, true);
          void vscode.window.showWarningMessage(
            `PerfLens: could not open ${message.frame.name} — ${why}`,
          );
        });
        break;
      case 'copyMarkdown':
        this.handlers.copyMarkdown(message.tables).then(
          (md) => {
            this.copiedEmitter.fire(md);
            this.notice(
              `Copied ${message.tables.length === 1 ? `“${message.tables[0].title}”` : `${message.tables.length} tables`} as Markdown (${md.split('\n').length} lines)`,
              false,
            );
          },
          (err: unknown) => this.notice(`Copy as Markdown failed: ${String(err)}`, true),
        );
        break;
      case 'showInlineCosts':
        this.handlers
          .showInlineCosts(message)
          .catch((err: unknown) =>
            this.notice(
              `Could not show inline costs of ${message.name}: ${err instanceof Error ? err.message : String(err)}`,
              true,
            ),
          );
        break;
      case 'action':
        if (message.id === 'openFlame' && this.source) {
          void this.handlers
            .openFlame(this.source)
            .catch((err: unknown) =>
              this.output.error(`flame graph of ${this.source}: ${String(err)}`),
            );
        }
        break;
    }
  }

  dispose(): void {
    this.panel.dispose();
  }
}

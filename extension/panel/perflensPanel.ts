/**
 * Hosts the PerfLens webview panel: creates it, sends it models, and checks what it sends back.
 */
import * as vscode from 'vscode';
import { parseFromWebview, type PanelModel, type ToWebview } from '../../protocol/webview';
import { newNonce, panelHtml } from './html';

export class PerfLensPanel {
  static readonly viewType = 'perflens.panel';
  private readonly panel: vscode.WebviewPanel;
  private ready = false;
  /** The last message sent; re-sent whenever the page (re)loads, e.g. after being hidden. */
  private latest: ToWebview | undefined;
  private readonly renderedEmitter = new vscode.EventEmitter<{ tables: number; rows: number }>();
  /** Fires when the page reports it has drawn a model. */
  readonly onDidRender = this.renderedEmitter.event;
  disposed = false;

  constructor(
    extensionUri: vscode.Uri,
    private readonly output: vscode.LogOutputChannel,
    private readonly handlers: {
      openLocation(loc: { file: string; line: number }): Promise<void>;
      openFlame(path: string): Promise<unknown>;
    },
  ) {
    const bundleRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    // preserveFocus: results open when a run ends, often while the user is typing elsewhere
    // (the palette, an editor); the panel must not take the keyboard from them.
    this.panel = vscode.window.createWebviewPanel(
      PerfLensPanel.viewType,
      'PerfLens',
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: true },
      {
        enableScripts: true,
        retainContextWhenHidden: false,
        localResourceRoots: [bundleRoot],
      },
    );
    const webview = this.panel.webview;
    webview.html = panelHtml(
      {
        cspSource: webview.cspSource,
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(bundleRoot, 'main.js')).toString(),
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(bundleRoot, 'main.css')).toString(),
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
    });
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /** The source (profile, run folder, …) the panel shows, for its action buttons. */
  private source: string | undefined;

  show(model: PanelModel, source?: string): void {
    this.source = source;
    this.panel.title = model.title;
    this.post({ type: 'show', model });
  }

  private post(message: ToWebview): void {
    // The page drops messages sent before its script runs; it gets the latest when it says ready.
    this.latest = message;
    if (this.ready) void this.panel.webview.postMessage(message);
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
        break;
      case 'rendered':
        this.renderedEmitter.fire({ tables: message.tables, rows: message.rows });
        break;
      case 'openLocation':
        void this.handlers
          .openLocation(message)
          .catch((err: unknown) =>
            this.output.warn(`could not open ${message.file}:${message.line}: ${String(err)}`),
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

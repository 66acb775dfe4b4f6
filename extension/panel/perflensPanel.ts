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
  private pending: ToWebview | undefined;
  private readonly renderedEmitter = new vscode.EventEmitter<{ tables: number; rows: number }>();
  /** Fires when the page reports it has drawn a model. */
  readonly onDidRender = this.renderedEmitter.event;
  disposed = false;

  constructor(
    extensionUri: vscode.Uri,
    private readonly output: vscode.LogOutputChannel,
    private readonly openLocation: (loc: { file: string; line: number }) => Promise<void>,
  ) {
    const bundleRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    this.panel = vscode.window.createWebviewPanel(PerfLensPanel.viewType, 'PerfLens', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [bundleRoot],
    });
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
    this.panel.onDidDispose(() => {
      this.disposed = true;
      this.renderedEmitter.dispose();
    });
  }

  reveal(): void {
    this.panel.reveal();
  }

  show(model: PanelModel): void {
    this.panel.title = model.title;
    this.post({ type: 'show', model });
  }

  private post(message: ToWebview): void {
    // The page drops messages sent before its script runs; hold the latest until it says ready.
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.pending = message;
  }

  private receive(raw: unknown): void {
    const message = parseFromWebview(raw);
    if (!message) {
      this.output.warn(`ignored a malformed message from the PerfLens webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.pending) {
          void this.panel.webview.postMessage(this.pending);
          this.pending = undefined;
        }
        break;
      case 'rendered':
        this.renderedEmitter.fire({ tables: message.tables, rows: message.rows });
        break;
      case 'openLocation':
        void this.openLocation(message).catch((err: unknown) => this.output.warn(`could not open ${message.file}:${message.line}: ${String(err)}`));
        break;
    }
  }

  dispose(): void {
    this.panel.dispose();
  }
}

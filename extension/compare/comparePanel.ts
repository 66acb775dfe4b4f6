/**
 * Hosts the Compare view: one webview panel showing the latest comparison (the verdict line, the
 * metrics table, the functions diff). The page is the Compare bundle of the PerfLens webview
 * (dist/webview/compare.js) behind the same strict CSP as the source panels; data arrives by
 * `postMessage` after the page says it is ready, and is sent again whenever the page reloads
 * (a hidden webview is torn down).
 */
import * as vscode from 'vscode';
import { parseFromCompare, type CompareData, type ToCompare } from '../../protocol/compareView';
import { newNonce, panelHtml } from '../panel/html';

export class ComparePanel {
  static readonly viewType = 'perflens.compare';
  private readonly panel: vscode.WebviewPanel;
  private ready = false;
  private data: CompareData | undefined;
  disposed = false;

  constructor(
    extensionUri: vscode.Uri,
    private readonly output: vscode.LogOutputChannel,
    private readonly copy: (markdown: string) => Promise<void>,
  ) {
    const bundleRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    this.panel = vscode.window.createWebviewPanel(
      ComparePanel.viewType,
      'PerfLens: Compare',
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: true },
      { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [bundleRoot] },
    );
    const webview = this.panel.webview;
    const uri = (...p: string[]): string =>
      webview.asWebviewUri(vscode.Uri.joinPath(bundleRoot, ...p)).toString();
    webview.html = panelHtml(
      {
        cspSource: webview.cspSource,
        scriptUri: uri('compare.js'),
        styleUri: uri('compare.css'),
        extraStyleUris: [uri('uPlot.min.css'), uri('codicons', 'codicon.css'), uri('main.css')],
      },
      newNonce(),
    );
    webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
    this.panel.onDidChangeViewState(({ webviewPanel }) => {
      if (!webviewPanel.visible) this.ready = false;
    });
    this.panel.onDidDispose(() => {
      this.disposed = true;
    });
  }

  show(data: CompareData): void {
    this.data = data;
    this.panel.title = `PerfLens: Compare (${data.verdict})`;
    this.panel.reveal(undefined, true);
    this.post({ type: 'compare', data });
  }

  private post(message: ToCompare): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const message = parseFromCompare(raw);
    if (!message) {
      this.output.warn(
        `ignored a malformed message from the Compare view: ${JSON.stringify(raw)?.slice(0, 200)}`,
      );
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.data) this.post({ type: 'compare', data: this.data });
        break;
      case 'rendered':
        break;
      case 'copyComparison': {
        const md = this.data?.markdown;
        if (md === undefined) break;
        this.copy(md).then(
          () =>
            this.post({
              type: 'notice',
              text: `Copied the comparison as Markdown (${md.split('\n').length} lines)`,
              error: false,
            }),
          (err: unknown) =>
            this.post({
              type: 'notice',
              text: `Copy as Markdown failed: ${String(err)}`,
              error: true,
            }),
        );
        break;
      }
    }
  }

  dispose(): void {
    this.panel.dispose();
  }
}

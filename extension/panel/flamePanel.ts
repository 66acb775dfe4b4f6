/**
 * Hosts the flame-graph webview: speedscope's app, fed through its `loadFileFromBase64` hook.
 */
import * as vscode from 'vscode';
import { parseFromFlame, type FromFlame, type ToFlame } from '../../protocol/webview';
import { flameHtml, newNonce } from './html';

export class FlamePanel {
  static readonly viewType = 'perflens.flame';
  private readonly panel: vscode.WebviewPanel;
  private ready = false;
  private pending: ToFlame | undefined;
  private readonly events = new vscode.EventEmitter<FromFlame>();
  /** Every validated message from the page (flameReady, flameLoaded, flameError). */
  readonly onDidReport = this.events.event;
  disposed = false;

  constructor(
    extensionUri: vscode.Uri,
    private readonly output: vscode.LogOutputChannel,
    speedscopeVersion: string,
  ) {
    const webviewRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    const speedscopeRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'speedscope');
    this.panel = vscode.window.createWebviewPanel(
      FlamePanel.viewType,
      'PerfLens Flame Graph',
      vscode.ViewColumn.Active,
      {
        enableScripts: true,
        localResourceRoots: [webviewRoot, speedscopeRoot],
      },
    );
    const w = this.panel.webview;
    w.html = flameHtml(
      {
        cspSource: w.cspSource,
        bootstrapUri: w.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'flame.js')).toString(),
        speedscopeScriptUri: w
          .asWebviewUri(vscode.Uri.joinPath(speedscopeRoot, 'speedscope.js'))
          .toString(),
        speedscopeStyleUri: w
          .asWebviewUri(vscode.Uri.joinPath(speedscopeRoot, 'speedscope.css'))
          .toString(),
        speedscopeVersion,
      },
      newNonce(),
    );
    w.onDidReceiveMessage((raw: unknown) => this.receive(raw));
    this.panel.onDidDispose(() => {
      this.disposed = true;
      this.events.dispose();
    });
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Draw a profile: base64 of a file in any format speedscope imports, named so speedscope can sniff it. */
  load(fileName: string, base64: string): void {
    this.panel.title = `Flame: ${fileName.replace(/\.speedscope\.json$/, '')}`;
    const message: ToFlame = { type: 'loadProfile', fileName, base64 };
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.pending = message;
  }

  private receive(raw: unknown): void {
    const message = parseFromFlame(raw);
    if (!message) {
      this.output.warn(
        `ignored a malformed message from the flame-graph webview: ${JSON.stringify(raw)?.slice(0, 200)}`,
      );
      return;
    }
    if (message.type === 'flameReady') {
      this.ready = true;
      if (this.pending) void this.panel.webview.postMessage(this.pending);
      this.pending = undefined;
    } else if (message.type === 'flameError') {
      this.output.error(`flame graph: ${message.message}`);
      void vscode.window.showErrorMessage(`PerfLens flame graph: ${message.message}`);
    }
    this.events.fire(message);
  }

  dispose(): void {
    this.panel.dispose();
  }
}

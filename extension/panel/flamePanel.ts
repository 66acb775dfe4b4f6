/**
 * Hosts the flame-graph webview: speedscope's app, fed through its `loadFileFromBase64` hook
 * with a file the language server wrote (the page fetches it through a webview URI; see
 * webview/flame/bootstrap.ts).
 *
 * The page (webviewHost.ts) gets the last thing shown (a profile to draw, a status, or a failure)
 * again whenever it (re)starts: a hidden webview is discarded, and shown again it starts from
 * scratch, so this is what makes the flame redraw after hide/show. After a window reload the
 * serializer hands back the page's state (`FlameState`) and the extension redraws the same source.
 */
import * as vscode from 'vscode';
import { parseFromFlame, type FromFlame, type ToFlame } from '../../protocol/webview';
import { flameHtml, newNonce } from './html';
import { WebviewHost } from './webviewHost';

export class FlamePanel {
  static readonly viewType = 'perflens.flame';
  private readonly page: WebviewHost<ToFlame, FromFlame>;
  /** The page has been sent a profile to draw (speedscope holds one profile per page). */
  private pageHasProfile = false;
  /** Every validated message from the page (flameReady, flameLoaded, flameError). */
  readonly onDidReport: vscode.Event<FromFlame>;

  /** A new panel, or (`existing`) one VS Code restored after a reload. */
  constructor(
    extensionUri: vscode.Uri,
    output: vscode.LogOutputChannel,
    speedscopeVersion: string,
    /** The folder the server writes flame files into (must be readable by the page). */
    readonly cacheDir: vscode.Uri,
    existing?: vscode.WebviewPanel,
  ) {
    const webviewRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    const speedscopeRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'speedscope');
    this.page = new WebviewHost({
      viewType: FlamePanel.viewType,
      title: 'PerfLens Flame Graph',
      roots: [webviewRoot, speedscopeRoot, cacheDir],
      html: (w) => {
        const uri = (root: vscode.Uri, file: string) =>
          w.asWebviewUri(vscode.Uri.joinPath(root, file)).toString();
        return flameHtml(
          {
            cspSource: w.cspSource,
            bootstrapUri: uri(webviewRoot, 'flame.js'),
            styleUri: uri(webviewRoot, 'flame.css'),
            speedscopeScriptUri: uri(speedscopeRoot, 'speedscope.js'),
            speedscopeStyleUri: uri(speedscopeRoot, 'speedscope.css'),
            speedscopeVersion,
          },
          newNonce(),
        );
      },
      parse: parseFromFlame,
      readyType: 'flameReady',
      name: 'the flame-graph webview',
      output,
      showOptions: vscode.ViewColumn.Active,
      existing,
    });
    this.onDidReport = this.page.onDidReceive;
    this.page.onDidReceive((m) => {
      if (m.type === 'flameError') output.error(`flame graph: ${m.message}`);
    });
  }

  get disposed(): boolean {
    return this.page.disposed;
  }

  /** A fresh page: speedscope keeps one profile per page, and a reused one would have to undo it. */
  private render(): void {
    this.pageHasProfile = false;
    this.page.load();
  }

  reveal(): void {
    this.page.reveal();
  }

  /** Say what is happening (shown over the graph until the next message). */
  status(source: string, text: string): void {
    this.clearOther(source);
    this.page.show({ type: 'status', source, text });
  }

  /** A graph of another source must not stay on screen under a new status or failure. */
  private clearOther(source: string): void {
    if (this.pageHasProfile && this.page.latest?.source !== source) this.render();
  }

  /** Show why there is nothing to draw. */
  fail(source: string, message: string): void {
    this.page.title = `Flame: ${basename(source)}`;
    if (this.pageHasProfile) this.render();
    this.page.show({ type: 'failed', source, message });
  }

  /** Draw the speedscope file at `file` (written by the server under `cacheDir`). */
  load(source: string, file: string, note?: string): void {
    const name = basename(source);
    this.page.title = `Flame: ${name}`;
    if (this.pageHasProfile) this.render();
    this.pageHasProfile = true;
    this.page.show({
      type: 'loadProfile',
      source,
      fileName: `${name}.speedscope.json`,
      url: this.page.webview.asWebviewUri(vscode.Uri.file(file)).toString(),
      ...(note ? { note } : {}),
    });
  }

  dispose(): void {
    this.page.dispose();
  }
}

function basename(path: string): string {
  return path.replace(/[\\/]+$/, '').replace(/^.*[\\/]/, '');
}

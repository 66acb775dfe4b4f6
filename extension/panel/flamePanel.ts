/**
 * Hosts the flame-graph webview: speedscope's app, fed through its `loadFileFromBase64` hook
 * with a file the language server wrote (the page fetches it through a webview URI; see
 * webview/flame/bootstrap.ts).
 *
 * The panel keeps the last thing it showed (a profile to draw, a status, or a failure) and sends
 * it again whenever the page (re)starts: a hidden webview is discarded, and shown again it starts
 * from scratch, so this is what makes the flame redraw after hide/show. After a window reload the
 * serializer hands back the page's state (`FlameState`) and the extension redraws the same source.
 */
import * as vscode from 'vscode';
import { parseFromFlame, type FromFlame, type ToFlame } from '../../protocol/webview';
import { flameHtml, newNonce } from './html';

export class FlamePanel {
  static readonly viewType = 'perflens.flame';
  private ready = false;
  /** The page has been sent a profile to draw (speedscope holds one profile per page). */
  private pageHasProfile = false;
  private current: ToFlame | undefined;
  private readonly events = new vscode.EventEmitter<FromFlame>();
  /** Every validated message from the page (flameReady, flameLoaded, flameError). */
  readonly onDidReport = this.events.event;
  disposed = false;

  /** A new panel, or (`existing`) one VS Code restored after a reload. */
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly output: vscode.LogOutputChannel,
    private readonly speedscopeVersion: string,
    /** The folder the server writes flame files into (must be readable by the page). */
    readonly cacheDir: vscode.Uri,
    existing?: vscode.WebviewPanel,
  ) {
    this.panel =
      existing ??
      vscode.window.createWebviewPanel(
        FlamePanel.viewType,
        'PerfLens Flame Graph',
        vscode.ViewColumn.Active,
        this.options(),
      );
    const w = this.panel.webview;
    w.options = this.options();
    w.onDidReceiveMessage((raw: unknown) => this.receive(raw));
    this.panel.onDidDispose(() => {
      this.disposed = true;
      this.events.dispose();
    });
    this.render();
  }

  private readonly panel: vscode.WebviewPanel;

  private roots() {
    return {
      webview: vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'),
      speedscope: vscode.Uri.joinPath(this.extensionUri, 'dist', 'speedscope'),
    };
  }

  private options(): vscode.WebviewOptions {
    const r = this.roots();
    return { enableScripts: true, localResourceRoots: [r.webview, r.speedscope, this.cacheDir] };
  }

  private render(): void {
    const w = this.panel.webview;
    const r = this.roots();
    const uri = (root: vscode.Uri, file: string) =>
      w.asWebviewUri(vscode.Uri.joinPath(root, file)).toString();
    this.ready = false;
    this.pageHasProfile = false;
    w.html = flameHtml(
      {
        cspSource: w.cspSource,
        bootstrapUri: uri(r.webview, 'flame.js'),
        styleUri: uri(r.webview, 'flame.css'),
        speedscopeScriptUri: uri(r.speedscope, 'speedscope.js'),
        speedscopeStyleUri: uri(r.speedscope, 'speedscope.css'),
        speedscopeVersion: this.speedscopeVersion,
      },
      newNonce(),
    );
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /** Say what is happening (shown over the graph until the next message). */
  status(source: string, text: string): void {
    this.clearOther(source);
    this.send({ type: 'status', source, text });
  }

  /** A graph of another source must not stay on screen under a new status or failure. */
  private clearOther(source: string): void {
    if (this.pageHasProfile && this.current?.source !== source) this.render();
  }

  /** Show why there is nothing to draw. */
  fail(source: string, message: string): void {
    this.panel.title = `Flame: ${basename(source)}`;
    if (this.pageHasProfile) this.render();
    this.send({ type: 'failed', source, message });
  }

  /** Draw the speedscope file at `file` (written by the server under `cacheDir`). */
  load(source: string, file: string, note?: string): void {
    const name = basename(source);
    this.panel.title = `Flame: ${name}`;
    // A fresh page load each time: speedscope keeps one profile per page, and a reused page
    // would have to undo its previous import.
    if (this.pageHasProfile) this.render();
    this.pageHasProfile = true;
    this.send({
      type: 'loadProfile',
      source,
      fileName: `${name}.speedscope.json`,
      url: this.panel.webview.asWebviewUri(vscode.Uri.file(file)).toString(),
      ...(note ? { note } : {}),
    });
  }

  private send(message: ToFlame): void {
    this.current = message;
    if (this.ready) void this.panel.webview.postMessage(message);
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
      if (this.current) void this.panel.webview.postMessage(this.current);
    } else if (message.type === 'flameError') {
      this.output.error(`flame graph: ${message.message}`);
    }
    this.events.fire(message);
  }

  dispose(): void {
    this.panel.dispose();
  }
}

function basename(path: string): string {
  return path.replace(/[\\/]+$/, '').replace(/^.*[\\/]/, '');
}

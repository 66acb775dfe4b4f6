/**
 * One typed webview page: the panel with its strict-CSP HTML, the page's "ready" handshake, the
 * replay of what it last showed, and (with `pageSerializer`) its return after a window reload.
 * Every PerfLens webview (the source panels, the Compare view, the flame graph) is one of these,
 * so the rules below hold for all of them alike:
 *
 * - No `retainContextWhenHidden`: a hidden page is torn down and starts again when shown. The host
 *   keeps the latest message (`show`) and what was added since (`append`, e.g. a live run's new
 *   windows) and sends them again whenever the page says it is ready; before that, messages would
 *   be lost, so they wait. Transient messages (`notify`: a notice) are sent only to a ready page;
 *   one-time requests (`once`: focus a row) wait for the next ready page, then are dropped.
 * - Every message from the page is validated (`parse`) before anything acts on it; the rest is
 *   logged and ignored.
 * - After a window reload VS Code hands back the panel and the state the page saved through the
 *   webview state API; `pageSerializer` checks that state and lets the owner show the same thing.
 */
import * as vscode from 'vscode';
import { newNonce, panelHtml } from './html';

export interface WebviewHostOptions<From extends { readonly type: string }> {
  readonly viewType: string;
  readonly title: string;
  /** The only folders the page may load from. */
  readonly roots: readonly vscode.Uri[];
  /** The page's HTML for one load (a fresh nonce each time). */
  readonly html: (webview: vscode.Webview) => string;
  /** Validates a message from the page; `undefined` for anything else. */
  readonly parse: (raw: unknown) => From | undefined;
  /** The message type with which the page says it listens. */
  readonly readyType: From['type'];
  /** The page's name in the log ("the Compare view"). */
  readonly name: string;
  readonly output: vscode.LogOutputChannel;
  /** Where a new panel opens; by default beside the focus, without taking it. */
  readonly showOptions?:
    vscode.ViewColumn | { viewColumn: vscode.ViewColumn; preserveFocus?: boolean };
  /** A panel VS Code restored after a window reload, adopted instead of a new one. */
  readonly existing?: vscode.WebviewPanel;
}

export class WebviewHost<To, From extends { readonly type: string }> {
  readonly panel: vscode.WebviewPanel;
  private ready = false;
  /** The last `show`n message and the `append`ed ones after it: what a (re)loaded page gets. */
  private replay: To[] = [];
  /** Messages for the next page that listens, after the replay, then dropped (`once`). */
  private pending: To[] = [];
  private readonly received = new vscode.EventEmitter<From>();
  /** Every validated message from the page, the ready handshake included. */
  readonly onDidReceive = this.received.event;
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;
  disposed = false;

  constructor(private readonly options: WebviewHostOptions<From>) {
    const webviewOptions = { enableScripts: true, localResourceRoots: [...options.roots] };
    // preserveFocus: results open when a run ends, often while the user is typing elsewhere
    // (the palette, an editor); a panel must not take the keyboard from them.
    this.panel =
      options.existing ??
      vscode.window.createWebviewPanel(
        options.viewType,
        options.title,
        options.showOptions ?? { viewColumn: vscode.ViewColumn.Active, preserveFocus: true },
        { ...webviewOptions, retainContextWhenHidden: false },
      );
    this.panel.webview.options = webviewOptions;
    this.panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
    // A hidden webview is torn down and says ready again once it is shown and listening.
    this.panel.onDidChangeViewState(({ webviewPanel }) => {
      if (!webviewPanel.visible) this.ready = false;
    });
    this.panel.onDidDispose(() => {
      this.disposed = true;
      this.disposedEmitter.fire();
      this.received.dispose();
      this.disposedEmitter.dispose();
    });
    this.load();
  }

  get webview(): vscode.Webview {
    return this.panel.webview;
  }

  set title(title: string) {
    this.panel.title = title;
  }

  /** The latest thing shown, and the messages appended to it since. */
  get latest(): To | undefined {
    return this.replay[0];
  }

  /** (Re)load the page from scratch: it will say ready and get the latest message again. */
  load(): void {
    this.ready = false;
    this.panel.webview.html = this.options.html(this.panel.webview);
  }

  /** What the page shows from now on: sent now if it listens, else when it says ready. */
  show(message: To): void {
    this.replay = [message];
    this.send(message);
  }

  /** An addition to what is shown (kept and replayed after it); ignored with nothing shown. */
  append(message: To): void {
    if (this.replay.length === 0) return;
    this.replay.push(message);
    this.send(message);
  }

  /**
   * A one-time request to the page (focus a row): sent now if it listens, else after the replay
   * when it says ready — never again on a later reload, where it would undo what the user did.
   */
  once(message: To): void {
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.pending.push(message);
  }

  /** A message for the page as it is now (a notice): not kept, dropped if it is not listening. */
  notify(message: To): void {
    this.send(message);
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  dispose(): void {
    this.panel.dispose();
  }

  private send(message: To): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const message = this.options.parse(raw);
    if (!message) {
      this.options.output.warn(
        `ignored a malformed message from ${this.options.name}: ${JSON.stringify(raw)?.slice(0, 200)}`,
      );
      return;
    }
    if (message.type === this.options.readyType) {
      this.ready = true;
      for (const m of [...this.replay, ...this.pending]) void this.panel.webview.postMessage(m);
      this.pending = [];
    }
    this.received.fire(message);
  }
}

/**
 * The serializer of one kind of page: VS Code hands back a panel and the state its page saved;
 * state that does not validate (an older page, a damaged profile) closes the panel rather than
 * leaving an empty one.
 */
export function pageSerializer<S>(
  parseState: (raw: unknown) => S | undefined,
  restore: (panel: vscode.WebviewPanel, state: S) => Promise<unknown>,
): vscode.WebviewPanelSerializer {
  return {
    deserializeWebviewPanel: async (panel, raw) => {
      const state = parseState(raw);
      if (state === undefined) panel.dispose();
      else await restore(panel, state);
    },
  };
}

/**
 * The HTML of a page of the webview bundle (`dist/webview`): its script and stylesheets behind
 * the panels' strict CSP, a fresh nonce per load.
 */
export function bundlePage(
  bundleRoot: vscode.Uri,
  script: string,
  styles: readonly (readonly string[])[],
): (webview: vscode.Webview) => string {
  return (webview) => {
    const uri = (p: readonly string[]): string =>
      webview.asWebviewUri(vscode.Uri.joinPath(bundleRoot, ...p)).toString();
    return panelHtml(
      {
        cspSource: webview.cspSource,
        scriptUri: uri([script]),
        styleUri: uri(styles[styles.length - 1]),
        extraStyleUris: styles.slice(0, -1).map(uri),
      },
      newNonce(),
    );
  };
}

/**
 * Hosts one PerfLens webview panel: creates it, sends it data, and checks what it sends back.
 * There is one panel per source (profile, log, run, soak) and one for the server's status.
 *
 * The page (webviewHost.ts) gets the latest data again whenever it (re)loads — after being hidden
 * or a window reload — with a followed run's updates since, while it restores its own UI state
 * (tab, sort, filter, scroll, selection) through the webview state API.
 */
import * as vscode from 'vscode';
import {
  parseFromWebview,
  type FromWebview,
  type FunctionFocus,
  type MarkdownTable,
  type PanelModel,
  type ToWebview,
} from '../../protocol/webview';
import type { LiveUpdate, NativeFrame, SourceData } from '../../protocol/sourceData';
import { WebviewHost, bundlePage } from './webviewHost';

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
  private readonly page: WebviewHost<ToWebview, FromWebview>;
  private readonly renderedEmitter = new vscode.EventEmitter<{ tables: number; rows: number }>();
  /** Fires when the page reports it has drawn a model. */
  readonly onDidRender = this.renderedEmitter.event;
  private readonly copiedEmitter = new vscode.EventEmitter<string>();
  /** Fires with the Markdown put on the clipboard. */
  readonly onDidCopy = this.copiedEmitter.event;
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
    this.page = new WebviewHost({
      viewType: PerfLensPanel.viewType,
      title,
      roots: [bundleRoot],
      html: bundlePage(bundleRoot, 'main.js', [
        ['uPlot.min.css'],
        ['codicons', 'codicon.css'],
        ['main.css'],
      ]),
      parse: parseFromWebview,
      readyType: 'ready',
      name: 'the PerfLens webview',
      output,
      existing,
    });
    this.page.onDidReceive((m) => this.receive(m));
    this.page.onDidDispose(() => {
      this.renderedEmitter.dispose();
      this.copiedEmitter.dispose();
    });
  }

  get disposed(): boolean {
    return this.page.disposed;
  }

  reveal(): void {
    this.page.reveal();
  }

  get sourcePath(): string | undefined {
    return this.source;
  }

  /** Generic tables (the server's status). */
  show(model: PanelModel, source?: string): void {
    this.source = source;
    this.page.title = model.title;
    this.page.show({ type: 'show', model });
  }

  /** One source's tabs; `live` while its run is still writing. */
  showSource(data: SourceData, live = false): void {
    this.source = data.path;
    this.page.title = `PerfLens: ${data.title}`;
    this.page.show({ type: 'source', data, live });
  }

  /** Show one function in the Functions tab of the source shown (a clicked CodeLens). */
  focusFunction(fn: FunctionFocus): void {
    this.page.once({ type: 'focus', fn });
  }

  /** A followed run's new windows and rows: merged by the page into what it shows. */
  applyLive(update: LiveUpdate): void {
    if (!this.source || this.page.latest?.type !== 'source') return;
    this.page.append({ type: 'live', path: this.source, update });
  }

  private notice(text: string, error: boolean): void {
    if (error) this.output.warn(text);
    this.page.notify({ type: 'notice', text, error });
  }

  private receive(message: FromWebview): void {
    switch (message.type) {
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
    this.page.dispose();
  }
}

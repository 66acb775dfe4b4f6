/**
 * Hosts the Compare view: one webview panel showing the latest comparison (the verdict line, the
 * metrics table, the functions diff, …). The page is the Compare bundle of the PerfLens webview
 * (dist/webview/compare.js), hosted like the source panels (../panel/webviewHost.ts): strict CSP,
 * data by `postMessage` once the page says it is ready, sent again whenever the page reloads.
 * The page saves the two sides it compares; after a window reload the comparison is made again
 * from them (compareCommands.ts `restoreComparison`).
 */
import * as vscode from 'vscode';
import {
  parseFromCompare,
  type CompareData,
  type CompareSides,
  type FromCompare,
  type ToCompare,
} from '../../protocol/compareView';
import { WebviewHost, bundlePage } from '../panel/webviewHost';

export class ComparePanel {
  static readonly viewType = 'perflens.compare';
  private readonly page: WebviewHost<ToCompare, FromCompare>;
  private data: CompareData | undefined;

  constructor(
    extensionUri: vscode.Uri,
    output: vscode.LogOutputChannel,
    private readonly copy: (markdown: string) => Promise<void>,
    existing?: vscode.WebviewPanel,
  ) {
    const bundleRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    this.page = new WebviewHost({
      viewType: ComparePanel.viewType,
      title: 'PerfLens: Compare',
      roots: [bundleRoot],
      html: bundlePage(bundleRoot, 'compare.js', [
        ['uPlot.min.css'],
        ['codicons', 'codicon.css'],
        ['main.css'],
        ['compare.css'],
      ]),
      parse: parseFromCompare,
      readyType: 'ready',
      name: 'the Compare view',
      output,
      existing,
    });
    this.page.onDidReceive((m) => {
      if (m.type === 'copyComparison') this.copyComparison();
    });
  }

  get disposed(): boolean {
    return this.page.disposed;
  }

  /** Show a comparison; `reveal` brings the panel to the front (not when restored after a reload). */
  show(data: CompareData, reveal = true): void {
    this.data = data;
    this.page.title = `PerfLens: Compare (${data.verdict})`;
    if (reveal) this.page.reveal();
    this.page.show({ type: 'compare', data });
  }

  /** Say in the panel why these sides could not be compared (it keeps them for the next try). */
  fail(sides: CompareSides, message: string): void {
    this.data = undefined;
    this.page.title = 'PerfLens: Compare (unavailable)';
    this.page.show({ type: 'failed', sides, message });
  }

  private copyComparison(): void {
    const md = this.data?.markdown;
    if (md === undefined) return;
    this.copy(md).then(
      () =>
        this.page.notify({
          type: 'notice',
          text: `Copied the comparison as Markdown (${md.split('\n').length} lines)`,
          error: false,
        }),
      (err: unknown) =>
        this.page.notify({
          type: 'notice',
          text: `Copy as Markdown failed: ${String(err)}`,
          error: true,
        }),
    );
  }

  dispose(): void {
    this.page.dispose();
  }
}

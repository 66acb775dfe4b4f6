/**
 * Per-line heat: each line's self time (from the profile's `positionTicks`) as a subtle
 * whole-line background whose strength follows the line's share of the hottest line in the file.
 * Toggled by **PerfLens: Toggle Line Heat**; follows the visible editors while on.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LineHeatRequest, type LineHeat } from '../../protocol/server';

/** Five strengths: enough to see where the time is without painting the file. */
const LEVELS = [0.06, 0.1, 0.15, 0.21, 0.28];

export class LineHeatDecorations implements vscode.Disposable {
  private readonly types = LEVELS.map((alpha) =>
    vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      backgroundColor: `rgba(255, 120, 0, ${alpha})`,
      overviewRulerColor: `rgba(255, 120, 0, ${Math.min(1, alpha * 3)})`,
      overviewRulerLane: vscode.OverviewRulerLane.Right,
    }),
  );
  private readonly listeners: vscode.Disposable[] = [];
  private on = false;

  constructor(private readonly client: () => Promise<LanguageClient>) {}

  get enabled(): boolean {
    return this.on;
  }

  async toggle(): Promise<boolean> {
    this.on = !this.on;
    if (this.on) {
      this.listeners.push(vscode.window.onDidChangeVisibleTextEditors(() => void this.paintAll()));
      await this.paintAll();
    } else {
      this.clear();
    }
    return this.on;
  }

  /** Repaint (after a new source is opened or inline costs are cleared). */
  async refresh(): Promise<void> {
    if (this.on) await this.paintAll();
  }

  private clear(): void {
    for (const l of this.listeners.splice(0)) l.dispose();
    for (const e of vscode.window.visibleTextEditors)
      for (const t of this.types) e.setDecorations(t, []);
  }

  private async paintAll(): Promise<void> {
    const client = await this.client();
    await Promise.all(vscode.window.visibleTextEditors.map((e) => this.paint(client, e)));
  }

  private async paint(client: LanguageClient, editor: vscode.TextEditor): Promise<void> {
    const heat: LineHeat = await client
      .sendRequest(LineHeatRequest.type, { uri: editor.document.uri.toString() })
      .catch(() => ({ unit: 'ms' as const, lines: [] }));
    const buckets: vscode.DecorationOptions[][] = LEVELS.map(() => []);
    const max = Math.max(0, ...heat.lines.map((l) => l.self));
    for (const l of heat.lines) {
      if (l.line < 1 || l.line > editor.document.lineCount || max <= 0 || l.self <= 0) continue;
      const level = Math.min(LEVELS.length - 1, Math.floor((l.self / max) * LEVELS.length));
      const amount =
        heat.unit === 'ms' ? `${l.self.toFixed(1)} ms` : `${Math.round(l.self)} samples`;
      const range = editor.document.lineAt(l.line - 1).range;
      buckets[level].push({
        range,
        hoverMessage: `PerfLens: self ${amount} on this line (${l.pct.toFixed(1)} % of the profile, ${l.ticks} ticks)`,
      });
    }
    if (!this.on) return;
    this.types.forEach((t, i) => editor.setDecorations(t, buckets[i]));
  }

  dispose(): void {
    this.clear();
    for (const t of this.types) t.dispose();
  }
}

/**
 * PerfLens extension entry point: start the language server, register the command table.
 */
import * as vscode from 'vscode';
import { Ctx } from './ctx';
import { commandTable } from './commands';
import { FlamePanel } from './panel/flamePanel';
import { PerfLensPanel } from './panel/perflensPanel';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<PerfLensApi> {
  ctx = new Ctx(context);
  for (const [id, factory] of Object.entries(commandTable)) {
    context.subscriptions.push(vscode.commands.registerCommand(`perflens.${id}`, factory(ctx)));
  }
  // Registered before the language server starts: VS Code restores flame panels right away.
  const restoring = ctx;
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(FlamePanel.viewType, {
      deserializeWebviewPanel: (panel, state) => restoring.restoreFlame(panel, state),
    }),
    vscode.window.registerWebviewPanelSerializer(PerfLensPanel.viewType, {
      deserializeWebviewPanel: (panel, state) => restoring.restorePanel(panel, state),
    }),
  );
  await ctx.start();
  return { ctx };
}

export async function deactivate(): Promise<void> {
  await ctx?.dispose();
  ctx = undefined;
}

/** What `activate` returns: lets integration tests reach the running context. */
export interface PerfLensApi {
  readonly ctx: Ctx;
}

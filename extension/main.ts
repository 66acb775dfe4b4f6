/**
 * PerfLens extension entry point: start the language server, register the command table.
 */
import * as vscode from 'vscode';
import { Ctx } from './ctx';
import { commandTable } from './commands';
import { FlamePanel } from './panel/flamePanel';
import { PerfLensPanel } from './panel/perflensPanel';
import { pageSerializer } from './panel/webviewHost';
import { ComparePanel } from './compare/comparePanel';
import { restoreComparison } from './compare/compareCommands';
import { parseFlameState, parsePanelState } from '../protocol/webview';
import { parseCompareSides } from '../protocol/compareView';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<PerfLensApi> {
  ctx = new Ctx(context);
  for (const [id, factory] of Object.entries(commandTable)) {
    context.subscriptions.push(vscode.commands.registerCommand(`perflens.${id}`, factory(ctx)));
  }
  // Registered before the language server starts: VS Code restores panels right away. Each
  // page saved what it showed (webview state API); the serializer checks it and shows it again.
  const restoring = ctx;
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(
      FlamePanel.viewType,
      pageSerializer(parseFlameState, (panel, state) => restoring.restoreFlame(panel, state)),
    ),
    vscode.window.registerWebviewPanelSerializer(
      PerfLensPanel.viewType,
      pageSerializer(parsePanelState, (panel, state) => restoring.restorePanel(panel, state)),
    ),
    vscode.window.registerWebviewPanelSerializer(
      ComparePanel.viewType,
      pageSerializer(parseCompareSides, (panel, sides) =>
        restoreComparison(restoring, panel, sides),
      ),
    ),
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

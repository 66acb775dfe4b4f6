/**
 * The command table: `perflens.<id>` → a factory over the context (after rust-analyzer's `main.ts`).
 * Titles, categories and `when` clauses live in package.json.
 */
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { statusPanelModel } from './panel/statusModel';

type CommandFactory = (ctx: Ctx) => (...args: unknown[]) => unknown;

export const commandTable: Record<string, CommandFactory> = {
  /** Open the PerfLens panel; shows the server's status and what it has loaded. */
  showPanel: (ctx) => async () => {
    const panel = ctx.showPanel();
    const status = await ctx.serverStatus();
    panel.show(statusPanelModel(status));
    return status;
  },

  /** Ask the language server how it is; proves it answers. */
  serverStatus: (ctx) => async () => {
    const status = await ctx.serverStatus();
    const msg = `PerfLens language server ${status.serverVersion} (pid ${status.pid}, ${status.transport}, Node ${status.nodeVersion}), ${status.loadedSources.length} source(s) loaded`;
    ctx.output.info(msg);
    void vscode.window.showInformationMessage(msg);
    return status;
  },
};

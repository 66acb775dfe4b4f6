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

  /**
   * Draw a profile as a flame graph (speedscope). Takes a file URI (Explorer menu, tests),
   * else the active editor's file when it is a profile, else asks.
   */
  openFlameGraph: (ctx) => async (arg?: unknown) => {
    const uri = arg instanceof vscode.Uri ? arg : activeProfileUri() ?? (await pickProfile());
    if (!uri) return undefined;
    const bytes = await vscode.workspace.fs.readFile(uri);
    const name = uri.path.split('/').pop() ?? 'profile';
    return ctx.showFlame(name, bytes);
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

const PROFILE_EXTENSIONS = ['cpuprofile', 'json', 'folded', 'collapsed', 'txt', 'speedscope.json'];

function activeProfileUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: unknown } | undefined;
  const uri = input?.uri instanceof vscode.Uri ? input.uri : vscode.window.activeTextEditor?.document.uri;
  return uri && /\.(cpuprofile|folded|collapsed)$|speedscope\.json$/.test(uri.path) ? uri : undefined;
}

async function pickProfile(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Open Flame Graph',
    filters: { Profiles: PROFILE_EXTENSIONS, 'All files': ['*'] },
  });
  return picked?.[0];
}

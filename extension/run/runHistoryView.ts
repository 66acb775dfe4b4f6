/**
 * The "PerfLens Runs" view: run folders of the workspace, newest first, with their status.
 * A run whose runner vanished while it was 'running' shows as interrupted (run.json's runnerPid).
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { listRunFolders, type RunFolderInfo } from './runFolders';

const ICONS: Record<string, string> = {
  completed: 'pass',
  stopped: 'debug-stop',
  failed: 'error',
  interrupted: 'warning',
  running: 'loading~spin',
  unknown: 'question',
};

export class RunHistoryView implements vscode.TreeDataProvider<RunFolderInfo>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private watcher: vscode.FileSystemWatcher | undefined;

  constructor(private readonly root: () => string | undefined) {
    this.watch();
  }

  /** The runs folder moved (`perflens.run.outputDir` changed): watch and list the new one. */
  rootChanged(): void {
    this.watch();
    this.refresh();
  }

  private watch(): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    const dir = this.root();
    if (!dir) return;
    this.watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(dir), '*/run.json'),
    );
    this.watcher.onDidCreate(() => this.refresh());
    this.watcher.onDidChange(() => this.refresh());
    this.watcher.onDidDelete(() => this.refresh());
  }

  refresh(): void {
    this.changed.fire();
  }

  getChildren(element?: RunFolderInfo): RunFolderInfo[] {
    if (element) return [];
    const dir = this.root();
    return dir ? listRunFolders(dir) : [];
  }

  getTreeItem(run: RunFolderInfo): vscode.TreeItem {
    const item = new vscode.TreeItem(run.name, vscode.TreeItemCollapsibleState.None);
    const m = run.manifest;
    const seconds =
      m?.endTime && m.startTime
        ? ((Date.parse(m.endTime) - Date.parse(m.startTime)) / 1000).toFixed(1)
        : undefined;
    const exit =
      m?.exitCode !== undefined && m.exitCode !== null
        ? `exit ${m.exitCode}`
        : m?.signal
          ? m.signal
          : undefined;
    item.description = [run.status, m?.profiler, seconds ? `${seconds} s` : undefined, exit]
      .filter(Boolean)
      .join(' · ');
    item.tooltip = new vscode.MarkdownString().appendText(
      `${run.dir}\n${m ? `${m.command.join(' ')}\n${m.endReason ?? ''}` : 'no run.json'}`,
    );
    item.iconPath = new vscode.ThemeIcon(ICONS[run.status] ?? 'question');
    item.resourceUri = vscode.Uri.file(run.dir);
    item.contextValue = `perflensRun.${run.status}`;
    item.command = {
      command: 'perflens.openSource',
      title: 'Open Run',
      arguments: [vscode.Uri.file(run.dir)],
    };
    return item;
  }

  dispose(): void {
    this.watcher?.dispose();
    this.changed.dispose();
  }
}

export function runsRoot(outputDir: string): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return folder ? path.resolve(folder, outputDir) : undefined;
}

/**
 * The one place that reads PerfLens's configuration from VS Code, and the listener that keeps
 * it current: everything else asks `SettingsSource.current` or subscribes to its changes.
 */
import * as vscode from 'vscode';
import { readRunSettings, readSettings, type RunSettings, type Settings } from './settings';

export interface SettingsChange {
  readonly previous: Settings;
  readonly current: Settings;
}

export class SettingsSource implements vscode.Disposable {
  private value = SettingsSource.read();
  private readonly changed = new vscode.EventEmitter<SettingsChange>();
  /** Fires after any `perflens.*` setting changed (user, workspace or folder scope). */
  readonly onDidChange = this.changed.event;
  private readonly listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('perflens')) return;
    const previous = this.value;
    this.value = SettingsSource.read();
    this.changed.fire({ previous, current: this.value });
  });

  get current(): Settings {
    return this.value;
  }

  /**
   * `perflens.run.*` as `folder` has them. Several of them are `"scope": "resource"` (command,
   * args, cwd, env, outputDir): in a multi-root workspace each folder may set its own, which a
   * read without the folder (`current.run`) does not see.
   */
  runFor(folder: vscode.Uri): RunSettings {
    return readRunSettings(vscode.workspace.getConfiguration('perflens.run', folder));
  }

  private static read(): Settings {
    return readSettings(vscode.workspace.getConfiguration('perflens'));
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}

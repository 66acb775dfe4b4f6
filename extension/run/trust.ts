/**
 * Launching or signalling a process is code execution: the run commands require a trusted
 * workspace, and in Restricted Mode they say why they will not act instead of vanishing.
 */
import * as vscode from 'vscode';

/** True in a trusted workspace; otherwise shows why `what` (which `does` …) is unavailable. */
export function requireTrust(what: string, does: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showErrorMessage(
    `PerfLens: ${what} ${does}, which is code execution, so it is unavailable in Restricted Mode. Trust the workspace (Manage Workspace Trust) to use it; opening saved profiles and run folders works without trust.`,
  );
  return false;
}

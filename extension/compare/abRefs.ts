/**
 * A/B Soak's sides as git refs: where each side runs — the workspace as it is, or a git worktree
 * of a branch, tag or commit (the users compare a branch against `main`) — and an optional setup
 * command run in each worktree first (`npm ci && npm run build`). The same choices as the CLI's
 * `--baseline-ref`, `--treatment-ref` and `--setup`.
 */
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';

export interface SideRefs {
  readonly baselineRef?: string;
  readonly treatmentRef?: string;
  readonly setup?: string;
}

const AS_IS = '$(folder) The workspace as it is';

/** Branches and tags of the repository at `cwd`, most recently committed first; [] outside git. */
export function gitRefs(cwd: string): Promise<string[]> {
  return new Promise((resolve) => {
    execFile(
      'git',
      [
        'for-each-ref',
        '--sort=-committerdate',
        '--format=%(refname:short)',
        'refs/heads',
        'refs/tags',
      ],
      { cwd, timeout: 10_000 },
      (err, stdout) => resolve(err ? [] : stdout.split('\n').filter((l) => l.trim() !== '')),
    );
  });
}

async function pickRef(side: string, refs: readonly string[]): Promise<string | null | undefined> {
  const items: vscode.QuickPickItem[] = [
    { label: AS_IS, description: 'no worktree' },
    ...refs.map((r) => ({ label: r, description: 'git worktree of this ref' })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `PerfLens A/B Soak: where the ${side} runs`,
    placeHolder: 'the workspace as it is, or a branch or tag (run in its own git worktree)',
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  return picked.label === AS_IS ? null : picked.label;
}

/**
 * Asks where each side runs (only when the workspace is a git repository), then the setup
 * command when a side runs from a ref. `undefined` when the user cancels.
 */
export async function askSideRefs(cwd: string): Promise<SideRefs | undefined> {
  const refs = await gitRefs(cwd);
  if (refs.length === 0) return {};
  const baselineRef = await pickRef('baseline', refs);
  if (baselineRef === undefined) return undefined;
  const treatmentRef = await pickRef('treatment', refs);
  if (treatmentRef === undefined) return undefined;
  if (!baselineRef && !treatmentRef) return {};
  const setup = await vscode.window.showInputBox({
    title: 'PerfLens A/B Soak: setup in each worktree (optional)',
    prompt:
      'run by /bin/sh in each ref’s worktree before its iterations, e.g. npm ci && npm run build',
    ignoreFocusOut: true,
  });
  if (setup === undefined) return undefined;
  return {
    ...(baselineRef ? { baselineRef } : {}),
    ...(treatmentRef ? { treatmentRef } : {}),
    ...(setup.trim() ? { setup: setup.trim() } : {}),
  };
}

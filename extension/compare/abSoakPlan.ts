/**
 * What A/B Soak runs: the sides' refs, their two commands and the iterations a side — given by the
 * caller (a test, another command) or, for what is not given, asked for one question at a time.
 */
import * as vscode from 'vscode';
import { askSideRefs, type SideRefs } from './abRefs';

/** A/B Soak's command argument: whatever is given is not asked for. */
export interface AbArgs extends SideRefs {
  readonly baseline?: string;
  readonly treatment?: string;
  readonly iterations?: number;
  readonly profiler?: 'cpu-prof' | '0x' | 'none';
  /** The folder the commands run in and refs are taken from (default: the workspace folder). */
  readonly cwd?: string;
}

export interface AbPlan {
  readonly refs: SideRefs;
  readonly baseline: string;
  readonly treatment: string;
  readonly iterations: number;
}

const where = (ref: string | undefined): string =>
  ref ? `in a git worktree of ${ref}` : 'in the workspace folder';

function askCommand(
  side: 'baseline' | 'treatment',
  ref: string | undefined,
  value?: string,
): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `PerfLens A/B Soak: ${side} command`,
    prompt: `run by /bin/sh ${where(ref)}`,
    ...(value !== undefined ? { value } : {}),
    ignoreFocusOut: true,
  });
}

async function askIterations(): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'PerfLens A/B Soak: iterations a side',
    value: '5',
    prompt: 'at least 4 a side can reach p ≤ 0.05; 5 or more to find a ~10 % change',
    validateInput: (v) => (/^[1-9]\d*$/.test(v.trim()) ? undefined : 'a whole number ≥ 1'),
    ignoreFocusOut: true,
  });
  return text ? Number(text) : undefined;
}

/** The plan, or undefined when a question was cancelled. `folder`: where refs are taken from. */
export async function askAbPlan(given: AbArgs, folder: string): Promise<AbPlan | undefined> {
  // Refs given (a test, another command) or, when nothing is given, asked for.
  const refs: SideRefs | undefined =
    given.baseline !== undefined || given.baselineRef || given.treatmentRef
      ? given
      : await askSideRefs(folder);
  if (!refs) return undefined;
  const baseline = given.baseline ?? (await askCommand('baseline', refs.baselineRef));
  if (!baseline) return undefined;
  // The treatment starts from the baseline's command: usually one flag differs.
  const treatment = given.treatment ?? (await askCommand('treatment', refs.treatmentRef, baseline));
  if (!treatment) return undefined;
  const iterations = given.iterations ?? (await askIterations());
  if (iterations === undefined) return undefined;
  return { refs, baseline, treatment, iterations };
}

/**
 * Profile Window: a CPU profile of N seconds from a Node process that is already running (a
 * daemon that never exits, minute 480 of a soak), through its inspector. The process is asked to
 * open its inspector with SIGUSR1 (Node's documented behaviour), sampled, and let go.
 *
 * Signalling a process and driving its inspector is code execution: it requires a trusted
 * workspace, like Profile Run. Windows of the same process land in one folder, so minute 1 and
 * minute 480 open side by side.
 */
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { profileWindow, AttachError, type ProfileWindowResult } from '../../runner';
import { writeManifest } from '../../runner/manifest';
import { PERFLENS_VERSION } from '../../protocol/version';
import { listNodeProcesses } from './nodeProcesses';
import { runFolderName } from './runFolders';
import { requireTrust } from './trust';

export interface ProfileWindowArgs {
  readonly pid?: number;
  readonly seconds?: number;
}

/** VS Code's own Node processes are not what anyone wants to profile from here. */
const EDITOR_PROCESS =
  /code-server|[\\/]lib[\\/]vscode[\\/]|extensionHost|bootstrap-fork|dist[\\/]server\.js|--type=|ptyHost|fileWatcher/;

/** The window's run.json while it samples: an attach, not a command PerfLens started. */
function windowManifest(pid: number, runsRoot: string) {
  return {
    formatVersion: 1 as const,
    perflensVersion: PERFLENS_VERSION,
    command: [`attach to pid ${pid}`],
    shell: false,
    cwd: runsRoot,
    profiler: 'cpu-prof' as const,
    env: {},
    startTime: new Date().toISOString(),
    runnerPid: process.pid,
    pid,
    status: 'running' as 'running' | 'completed' | 'failed' | 'stopped',
    processes: [],
    warnings: [] as string[],
  };
}

/** Samples the window under a cancellable notification; Cancel keeps what was sampled. */
function sampleWithProgress(
  pid: number,
  seconds: number,
  outDir: string,
  ac: AbortController,
): Thenable<ProfileWindowResult> {
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `PerfLens: profile window of pid ${pid}`,
      cancellable: true,
    },
    (progress, token) => {
      token.onCancellationRequested(() => ac.abort());
      return profileWindow({
        pid,
        seconds,
        outDir,
        signal: ac.signal,
        onWindowStart: () =>
          progress.report({ message: `sampling ${seconds} s (Cancel keeps what was sampled)` }),
      });
    },
  );
}

export async function runProfileWindow(
  args: ProfileWindowArgs,
  runsRoot: string | undefined,
  serverPid: number | undefined,
  log: vscode.LogOutputChannel,
): Promise<{ dir: string; result: ProfileWindowResult } | undefined> {
  if (!requireTrust('Profile Window', 'signals a running process and drives its inspector'))
    return undefined;
  if (!runsRoot) {
    void vscode.window.showErrorMessage(
      'PerfLens: open a folder first; profile windows are kept in its run folder.',
    );
    return undefined;
  }
  const pid = args.pid ?? (await pickProcess(serverPid));
  if (pid === undefined) return undefined;
  const seconds = args.seconds ?? (await askSeconds());
  if (seconds === undefined) return undefined;

  const dir = path.join(runsRoot, runFolderName(`window-pid${pid}`, new Date()));
  const ac = new AbortController();
  const manifest = windowManifest(pid, runsRoot);
  fs.mkdirSync(dir, { recursive: true });
  writeManifest(dir, manifest);
  try {
    const result = await sampleWithProgress(pid, seconds, dir, ac);
    for (const w of result.warnings) log.warn(`profile window: ${w}`);
    writeManifest(dir, {
      ...manifest,
      status: ac.signal.aborted ? 'stopped' : 'completed',
      endTime: new Date().toISOString(),
      endReason: `profile window of ${(result.durationMs / 1000).toFixed(1)} s, ${result.samples} samples`,
      warnings: [...result.warnings],
    });
    void vscode.window.showInformationMessage(
      `PerfLens: profile window of pid ${pid}: ${(result.durationMs / 1000).toFixed(1)} s, ${result.samples} samples → ${path.basename(dir)}`,
    );
    return { dir, result };
  } catch (err) {
    const why = err instanceof AttachError || err instanceof Error ? err.message : String(err);
    writeManifest(dir, {
      ...manifest,
      status: 'failed',
      endTime: new Date().toISOString(),
      endReason: why,
      warnings: [why],
    });
    void vscode.window.showErrorMessage(`PerfLens: profile window of pid ${pid} failed: ${why}`);
    return undefined;
  }
}

async function pickProcess(serverPid: number | undefined): Promise<number | undefined> {
  const exclude = new Set([process.pid, process.ppid, ...(serverPid ? [serverPid] : [])]);
  const procs = listNodeProcesses(exclude).filter((p) => !EDITOR_PROCESS.test(p.argv.join(' ')));
  if (procs.length === 0) {
    void vscode.window.showInformationMessage(
      "PerfLens: no running Node process found to profile (VS Code's own are left out).",
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    procs.map((p) => ({
      label: `pid ${p.pid}`,
      description: p.argv.join(' ').slice(0, 200),
      pid: p.pid,
    })),
    {
      title: 'PerfLens: which running Node process?',
      matchOnDescription: true,
      // Panels of earlier runs can take focus meanwhile; the pick must survive that.
      ignoreFocusOut: true,
    },
  );
  return picked?.pid;
}

async function askSeconds(): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'PerfLens: profile window length',
    prompt: 'Seconds to sample',
    value: '10',
    ignoreFocusOut: true,
    validateInput: (v) =>
      /^\d+(\.\d+)?$/.test(v.trim()) && Number(v) > 0 && Number(v) <= 3600
        ? undefined
        : 'a number of seconds, more than 0 and at most 3600',
  });
  return text === undefined ? undefined : Number(text.trim());
}

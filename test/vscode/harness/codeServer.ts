/**
 * Starts a real VS Code (code-server) on loopback, in its own process group, with a throwaway
 * user-data and extensions folder, and stops it leaving nothing behind.
 * Recipe: ../shared/REAL-VSCODE.md.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { codeServerEntry, node24 } from './paths';

const execFileAsync = promisify(execFile);

export interface CodeServerOptions {
  /** Settings written to the user's settings.json (merged over test defaults). */
  readonly settings?: Record<string, unknown>;
  /** Extra `--vscode-option` values, e.g. `enable-smoke-test-driver`. */
  readonly vscodeOptions?: readonly string[];
  /** .vsix files installed into the throwaway extensions folder before start. */
  readonly install?: readonly string[];
  /** Where code-server's own output is kept (a test artefact). */
  readonly logFile: string;
}

export interface CodeServer {
  readonly port: number;
  readonly origin: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  stop(): Promise<void>;
}

const defaultSettings = {
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'editor.codeLens': true,
};

function env(): NodeJS.ProcessEnv {
  // Node 24 first on PATH for code-server only; the project itself runs on the machine's Node.
  return { ...process.env, PATH: `${dirname(node24)}:${process.env.PATH ?? ''}` };
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const root = mkdtempSync(join(tmpdir(), 'perflens-vscode-'));
  const userDataDir = join(root, 'ud');
  const extensionsDir = join(root, 'ext');
  const configFile = join(root, 'config.yaml');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...defaultSettings, ...options.settings }, null, 2),
  );
  writeFileSync(configFile, 'auth: none\n');
  const base = [
    codeServerEntry,
    '--config',
    configFile,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];

  for (const vsix of options.install ?? []) {
    await execFileAsync(node24, [...base, '--install-extension', vsix], {
      env: env(),
      timeout: 120_000,
    });
  }

  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile);
  const args = [
    ...base,
    '--auth',
    'none',
    '--bind-addr',
    '127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.vscodeOptions ?? []).flatMap((o) => ['--vscode-option', o]),
  ];
  const child = spawn(node24, args, {
    env: env(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });

  const port = await new Promise<number>((resolvePort, reject) => {
    let seen = '';
    const timer = setTimeout(
      () =>
        reject(new Error(`code-server did not report a port within 60 s; see ${options.logFile}`)),
      60_000,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const m = /HTTP server listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early (${code ?? signal}); see ${options.logFile}`));
    });
  });

  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    userDataDir,
    extensionsDir,
    stop: () => stopGroup(child).finally(() => log.end()),
  };
}

/** Kill the whole process group: killing only the wrapper left a file-watcher child alive. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  // Children of the group may outlive the leader by a moment; wait until none is left.
  for (let i = 0; i < 50 && groupAlive(child.pid); i++)
    await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A side of an A/B run from a git ref: a detached worktree of that ref in a temporary folder, and
 * the optional setup command run there (its output into the side's `setup.log`).
 *
 * SECURITY: this EXECUTES the setup command; the extension calls runAb only in a trusted workspace.
 */
import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { AbSetupError } from './abSetupError';

const run = promisify(execFile);

/** Runs a shell command line with its output appended to `logFile`; resolves to its exit code. */
export async function shellLogged(
  command: string,
  cwd: string,
  logFile: string,
  signal?: AbortSignal,
): Promise<number> {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn('/bin/sh', ['-c', command], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    signal,
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const code = await new Promise<number>((resolve) => {
    child.on('error', () => resolve(1));
    child.on('close', (c) => resolve(c ?? 1));
  });
  log.end();
  return code;
}

/** A git worktree of `ref` of the repository at `cwd`, detached, in a temporary folder. */
export async function addWorktree(
  cwd: string,
  ref: string,
): Promise<{ root: string; cwd: string }> {
  const top = (await run('git', ['-C', cwd, 'rev-parse', '--show-toplevel'])).stdout.trim();
  const rel = path.relative(top, cwd);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'perflens-ab-'));
  try {
    await run('git', ['-C', top, 'worktree', 'add', '--detach', dir, ref]);
  } catch (e) {
    throw new AbSetupError(
      `git worktree of '${ref}' failed: ${((e as { stderr?: string }).stderr ?? (e as Error).message).trim()}`,
    );
  }
  return { root: dir, cwd: path.join(dir, rel) };
}

export async function removeWorktree(cwd: string, dir: string): Promise<void> {
  try {
    await run('git', ['-C', cwd, 'worktree', 'remove', '--force', dir]);
  } catch {
    /* already gone; `git worktree prune` cleans the record */
  }
}

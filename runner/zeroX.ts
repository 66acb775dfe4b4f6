/**
 * Running a target under 0x's collection step (0x 6, bundled: see build/zeroXCollect.js):
 * `node dist/0x/bin/collect.js --output-dir <run>/0x -- node app.js …`.
 *
 * 0x re-spawns the target's Node with `--prof` and preprocesses the V8 log (`…-v8.log.json`) when
 * it exits — with the same Node binary that was named after `--`, so the log is read by the version
 * that wrote it. It can only profile a command that starts with a Node binary, and only that one
 * process (`--prof` is not inherited by children).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** Measured on the sample daemon: the V8 tick log grows roughly this fast. */
export const ZEROX_LOG_GROWTH_MB_PER_S = 1.3;
/** Runs longer than this (or unlimited) get a log-growth warning. */
export const ZEROX_LONG_RUN_S = 60;

export function isNodeCommand(program: string): boolean {
  return /^(node|nodejs)(\.exe)?$/i.test(path.basename(program));
}

/**
 * 0x's collection step, bundled by the build into `dist/0x/bin/collect.js` (build/zeroXCollect.js):
 * beside the bundle that runs this code (dist/extension.js, dist/cli.js), or — run from source —
 * in the checkout's dist/.
 */
export function resolveZeroXCli(): string {
  const candidates = [
    path.join(__dirname, '0x', 'bin', 'collect.js'),
    path.join(__dirname, '..', 'dist', '0x', 'bin', 'collect.js'),
  ];
  return candidates.find((f) => existsSync(f)) ?? candidates[0];
}

export interface ZeroXPlan {
  readonly argv: readonly string[];
  readonly warnings: readonly string[];
}

/** The command to spawn, or an error message saying why 0x cannot run this target. */
export function planZeroX(
  command: readonly string[],
  outDir: string,
  nodeBinary: string,
  durationS: number | undefined,
  /** `--require`d into 0x's own process to learn the target's true exit (zeroXExits.ts). */
  recorderPath?: string,
): ZeroXPlan | string {
  const program = command[0];
  if (!program || !isNodeCommand(program)) {
    return (
      `0x can only profile a command that starts with 'node' (got '${program ?? ''}'); ` +
      `run it as 'node <script> …', or use --cpu-prof, which follows every ` +
      `Node process of a tree`
    );
  }
  const warnings: string[] = [];
  if (durationS === undefined || durationS > ZEROX_LONG_RUN_S) {
    const est =
      durationS === undefined
        ? 'without a duration limit it keeps growing'
        : `about ${Math.round(durationS * ZEROX_LOG_GROWTH_MB_PER_S)} MB for ${durationS} s`;
    warnings.push(
      `0x writes a V8 tick log of roughly ${ZEROX_LOG_GROWTH_MB_PER_S} MB/s (${est}); ` +
        `prefer --cpu-prof for long runs`,
    );
  }
  warnings.push(
    '0x profiles only the top Node process; child processes it starts are not profiled',
  );
  // With a program path after '--', 0x runs that binary; 'node' resolves through PATH like ours.
  const nodeForTarget = program;
  return {
    argv: [
      nodeBinary,
      ...(recorderPath ? ['--require', recorderPath] : []),
      resolveZeroXCli(),
      '--output-dir',
      outDir,
      '--',
      nodeForTarget,
      ...command.slice(1),
    ],
    warnings,
  };
}

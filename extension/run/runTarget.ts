/**
 * What a Profile Run can start, gathered from where a workspace already says how it runs:
 * the `perflens.run.*` settings, `package.json` scripts, launch configurations, or a file.
 * Pure: no `vscode`, so each source is unit-tested with plain objects.
 */
import * as path from 'node:path';

export type TargetKind = 'setting' | 'script' | 'launch' | 'file';

export interface RunTarget {
  readonly kind: TargetKind;
  /** Stable across sessions: how a remembered choice is found again. */
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly command: readonly string[];
  /** Run through `/bin/sh -c` (a settings command given as one string). */
  readonly shell: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

export interface RunSettingsLike {
  readonly command: string | readonly string[] | undefined;
  readonly args: readonly string[];
  readonly cwd: string | undefined;
  readonly env: Readonly<Record<string, string>>;
}

/** The command configured in `perflens.run.command` (a string runs through the shell). */
export function targetFromSettings(s: RunSettingsLike, folder: string): RunTarget | undefined {
  if (s.command === undefined || s.command.length === 0) return undefined;
  const shell = typeof s.command === 'string';
  const command = shell ? [[s.command, ...s.args].join(' ')] : [...s.command, ...s.args];
  const cwd = s.cwd ? path.resolve(folder, s.cwd) : folder;
  return {
    kind: 'setting',
    id: `setting:${command.join(' ')}`,
    label: command.join(' '),
    description: 'perflens.run.command',
    command,
    shell,
    cwd,
    env: s.env,
  };
}

/** One target per script of a `package.json` (`npm run <name>`). Malformed JSON gives none. */
export function targetsFromPackageJson(text: string, folder: string): RunTarget[] {
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch {
    return [];
  }
  const scripts = (pkg as { scripts?: unknown }).scripts;
  if (typeof scripts !== 'object' || scripts === null) return [];
  return Object.entries(scripts as Record<string, unknown>)
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .map(([name, body]) => ({
      kind: 'script' as const,
      id: `script:${folder}:${name}`,
      label: `npm run ${name}`,
      description: body,
      command: ['npm', 'run', name],
      shell: false,
      cwd: folder,
      env: {},
    }));
}

interface LaunchConfigLike {
  readonly type?: unknown;
  readonly request?: unknown;
  readonly name?: unknown;
  readonly program?: unknown;
  readonly args?: unknown;
  readonly runtimeArgs?: unknown;
  readonly cwd?: unknown;
  readonly env?: unknown;
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Substitute the variables launch.json commonly uses; leave others visible rather than guessing. */
function substitute(value: string, folder: string): string {
  return value.replace(/\$\{workspaceFolder\}/g, folder).replace(/\$\{workspaceRoot\}/g, folder);
}

/** A Node launch configuration (`type: node`, `request: launch`, with a `program`). */
export function targetFromLaunchConfig(
  config: LaunchConfigLike,
  folder: string,
): RunTarget | undefined {
  if (
    (config.type !== 'node' && config.type !== 'pwa-node') ||
    config.request !== 'launch' ||
    typeof config.program !== 'string'
  )
    return undefined;
  const program = substitute(config.program, folder);
  const command = [
    'node',
    ...strings(config.runtimeArgs).map((a) => substitute(a, folder)),
    program,
    ...strings(config.args).map((a) => substitute(a, folder)),
  ];
  const env: Record<string, string> = {};
  if (typeof config.env === 'object' && config.env !== null) {
    for (const [k, v] of Object.entries(config.env))
      if (typeof v === 'string') env[k] = substitute(v, folder);
  }
  const name = typeof config.name === 'string' ? config.name : path.basename(program);
  return {
    kind: 'launch',
    id: `launch:${folder}:${name}`,
    label: name,
    description: `launch.json: ${command.join(' ')}`,
    command,
    shell: false,
    cwd: typeof config.cwd === 'string' ? substitute(config.cwd, folder) : folder,
    env,
  };
}

/** A file: JavaScript runs with node, a shell script with sh. Other files cannot be run directly. */
export function targetFromFile(file: string, folder: string): RunTarget | string {
  const ext = path.extname(file).toLowerCase();
  const rel = path.relative(folder, file) || file;
  if (['.js', '.mjs', '.cjs'].includes(ext)) {
    return {
      kind: 'file',
      id: `file:${file}`,
      label: `node ${rel}`,
      description: 'file',
      command: ['node', file],
      shell: false,
      cwd: folder,
      env: {},
    };
  }
  if (ext === '.sh') {
    return {
      kind: 'file',
      id: `file:${file}`,
      label: `sh ${rel}`,
      description: 'file',
      command: ['sh', file],
      shell: false,
      cwd: folder,
      env: {},
    };
  }
  return `${rel} is not a JavaScript file (.js, .mjs, .cjs) or shell script (.sh); build it first, or set perflens.run.command`;
}

/** Put the remembered target first (and mark it), keep the rest in their order. */
export function orderWithRemembered(
  targets: readonly RunTarget[],
  rememberedId: string | undefined,
): RunTarget[] {
  const i = rememberedId === undefined ? -1 : targets.findIndex((t) => t.id === rememberedId);
  if (i < 0) return [...targets];
  return [targets[i], ...targets.slice(0, i), ...targets.slice(i + 1)];
}

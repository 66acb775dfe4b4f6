/**
 * Running Node processes a profile window can be taken of: every process whose program is
 * node, read from /proc (Linux). Pure Node, no `vscode`.
 */
import { listPids, readArgv } from '../../runner/procfs';

export interface NodeProcess {
  readonly pid: number;
  readonly argv: readonly string[];
}

/** A program name that is node itself (not a tool that merely mentions node in its arguments). */
export function isNodeProgram(argv0: string): boolean {
  return /^(\S*\/)?(node|nodejs)$/.test(argv0);
}

/** Node processes other than `exclude` (this extension host, the language server…), newest pid first. */
export function listNodeProcesses(exclude: ReadonlySet<number>): NodeProcess[] {
  const out: NodeProcess[] = [];
  for (const pid of listPids()) {
    if (exclude.has(pid)) continue;
    const argv = readArgv(pid);
    if (argv.length > 0 && isNodeProgram(argv[0])) out.push({ pid, argv });
  }
  return out.sort((a, b) => b.pid - a.pid);
}

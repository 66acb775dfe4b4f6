/**
 * Where a location from a profile or a log may be on this machine. Pure (no `vscode`), so the
 * order is unit-tested: the workspace first (a profile taken elsewhere names paths of that
 * machine; the same file is usually in this workspace under the same trailing path), then the
 * path as written. Profiles also name places that have no file at all; those get a reason.
 */
import * as path from 'node:path';

export type Candidates =
  | { readonly kind: 'paths'; readonly paths: readonly string[]; readonly basename: string }
  | { readonly kind: 'none'; readonly reason: string };

/** `file://` URLs to paths; everything else as written. */
export function toPath(file: string): string {
  if (file.startsWith('file://')) {
    try {
      return decodeURIComponent(new URL(file).pathname);
    } catch {
      return file;
    }
  }
  return file;
}

export function locationCandidates(file: string, workspaceFolders: readonly string[]): Candidates {
  if (file.startsWith('node:'))
    return {
      kind: 'none',
      reason: `${file} is a Node.js built-in module: it has no source file on disk`,
    };
  if (/^(https?|data|wasm|webpack|evalmachine)[:]/.test(file))
    return {
      kind: 'none',
      reason: `${file.slice(0, 80)} is not a file on disk (a URL or generated code)`,
    };
  const p = toPath(file);
  const paths: string[] = [];
  if (path.isAbsolute(p)) {
    // Inside a workspace folder already: that is the answer. Otherwise try each trailing part of
    // the path under each folder (`/ci/build/repo/src/a.ts` → `<ws>/src/a.ts`), longest first.
    const parts = p.split(/[\\/]+/).filter(Boolean);
    for (const ws of workspaceFolders)
      for (let i = 0; i < parts.length; i++) paths.push(path.join(ws, ...parts.slice(i)));
    paths.push(p);
  } else {
    for (const ws of workspaceFolders) paths.push(path.join(ws, p));
  }
  return { kind: 'paths', paths: [...new Set(paths)], basename: path.basename(p) };
}

/**
 * Paths as profiles write them, made comparable with paths as editors open them.
 *
 * A frame's file can be a `file://` URL (Node ESM, V8), a source-map source with a bundler prefix
 * (`webpack://my-app/./src/x.ts`, `webpack:///src/x.ts`, `vite:///src/x.ts`), a Windows path with
 * either drive-letter case and backslashes, or a plain absolute path from another machine's
 * checkout. `normalizeProfilePath` gives one spelling; `bestSuffixMatch` picks, among profile
 * files, the one that shares the longest run of trailing path segments with an open file.
 */

/**
 * One spelling for a profile path: forward slashes, lower-case drive letter, no URL scheme, no
 * `./`.
 */
export function normalizeProfilePath(raw: string): string {
  let p = raw.trim();
  if (/^file:\/\//i.test(p)) {
    p = p.replace(/^file:\/\/(localhost)?/i, '');
    try {
      p = decodeURIComponent(p);
    } catch {
      // A stray `%` in a path: keep it as written.
    }
    // `file:///C:/x` → `/C:/x` → `C:/x`
    if (/^\/[A-Za-z]:[/\\]/.test(p)) p = p.slice(1);
  } else if (/^[a-z][\w+.-]*:\/\//i.test(p) && !/^[A-Za-z]:[/\\]/.test(p)) {
    // Bundler source-map schemes: `webpack://<namespace>/<path>`; the namespace is not a folder.
    p = p.replace(/^[a-z][\w+.-]*:\/\/\/?/i, '');
    if (
      !p.startsWith('.') &&
      p.includes('/') &&
      /^webpack/i.test(raw) &&
      !/^webpack:\/\/\//i.test(raw)
    )
      p = p.slice(p.indexOf('/') + 1);
  }
  p = p.replace(/\\/g, '/');
  p = p.replace(/^([A-Za-z]):\//, (_all, d: string) => `${d.toLowerCase()}:/`);
  const segs: string[] = [];
  for (const s of p.split('/')) {
    if (s === '.' || (s === '' && segs.length > 0)) continue;
    if (
      s === '..' &&
      segs.length > 0 &&
      segs[segs.length - 1] !== '..' &&
      segs[segs.length - 1] !== ''
    )
      segs.pop();
    else segs.push(s);
  }
  return segs.join('/') || p;
}

export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(i + 1) : path;
}

/** How many trailing path segments two normalised paths share. */
export function commonSuffixSegments(a: string, b: string): number {
  const x = a.split('/').filter((s) => s !== '');
  const y = b.split('/').filter((s) => s !== '');
  let n = 0;
  while (n < x.length && n < y.length && x[x.length - 1 - n] === y[y.length - 1 - n]) n++;
  return n;
}

/**
 * The profile files that stand for `docPath`: the identical path if the profile has it; else the
 * one candidate sharing the most trailing segments, at least the file name and its folder (a
 * profile recorded in another checkout). A tie between two candidates matches neither: guessing
 * would put one file's costs on another.
 */
export function bestSuffixMatch(docPath: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  let tie = false;
  for (const c of candidates) {
    if (c === docPath) return c;
    const score = commonSuffixSegments(docPath, c);
    const whole = score === c.split('/').filter((s) => s !== '').length;
    // A relative source-map source (`src/x.ts`) that is wholly a suffix counts, however short.
    if (score < 2 && !(whole && score >= 1)) continue;
    if (score > bestScore) {
      best = c;
      bestScore = score;
      tie = false;
    } else if (score === bestScore) tie = true;
  }
  return tie ? undefined : best;
}

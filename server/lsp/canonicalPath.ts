/**
 * Edge helper: one spelling for a path from a profile or an editor URI — normalised (see
 * `engine/inline/paths.ts`) and, when the file exists here, with symlinks resolved, so a profile
 * recorded through a symlinked checkout still lands on the file the editor opened.
 */
import { realpathSync } from 'node:fs';
import { normalizeProfilePath } from '../../engine/inline/paths';

const cache = new Map<string, string>();

export function canonicalPath(raw: string): string {
  let hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const normal = normalizeProfilePath(raw);
  hit = normal;
  if (normal.startsWith('/') || /^[a-z]:\//.test(normal)) {
    try {
      hit = normalizeProfilePath(realpathSync.native(normal));
    } catch {
      // Not on this machine (a profile from elsewhere): matched by suffix later.
    }
  }
  if (cache.size > 50_000) cache.clear();
  cache.set(raw, hit);
  return hit;
}

/**
 * Edge module: finds and reads source maps for generated JavaScript files, for `applySourceMaps`.
 * Reads the file's last `//# sourceMappingURL=` comment (inline `data:` URL, or a path relative
 * to the file), falling back to `<file>.map`. File reading is injectable so tests and the language
 * server (which may have unsaved buffers) can supply their own.
 */
import { TraceMap } from '@jridgewell/trace-mapping';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SourceMapLookup } from './sourceMaps';

export type ReadText = (path: string) => string | undefined;

export const readTextFromDisk: ReadText = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

const MAPPING_URL = /\/\/[#@]\s*sourceMappingURL=([^\s'"]+)\s*$/gm;

/** The map for one generated file, or undefined when it has none (or it cannot be parsed). */
export function readSourceMap(
  file: string,
  read: ReadText = readTextFromDisk,
): TraceMap | undefined {
  if (!isAbsolute(file) && !/^\.\.?[\\/]/.test(file)) return undefined; // node:internal/…, URLs
  const js = read(file);
  if (js === undefined) return undefined;
  let url: string | undefined;
  for (const m of js.matchAll(MAPPING_URL)) url = m[1];
  let text: string | undefined;
  let mapPath = `${file}.map`;
  if (url?.startsWith('data:')) {
    const comma = url.indexOf(',');
    const meta = url.slice(5, comma);
    const payload = url.slice(comma + 1);
    text = meta.endsWith(';base64')
      ? Buffer.from(payload, 'base64').toString('utf8')
      : decodeURIComponent(payload);
    mapPath = file;
  } else if (url) {
    mapPath = resolve(dirname(file), decodeURIComponent(url));
    text = read(mapPath);
  } else text = read(mapPath);
  if (text === undefined) return undefined;
  try {
    return new TraceMap(text, pathToFileURL(mapPath).href);
  } catch {
    return undefined;
  }
}

/** A caching lookup over `readSourceMap`, resolving relative frame files against `baseDir`. */
export function createSourceMapLookup(
  read: ReadText = readTextFromDisk,
  baseDir?: string,
): SourceMapLookup {
  const cache = new Map<string, TraceMap | undefined>();
  return (file) => {
    const abs =
      baseDir && !isAbsolute(file) && !/^[a-z]+:/i.test(file) ? resolve(baseDir, file) : file;
    if (!cache.has(abs)) cache.set(abs, readSourceMap(abs, read));
    return cache.get(abs);
  };
}

/**
 * Flame-graph data for the webview, as a file: every profile at a path as one compact speedscope
 * file (engine/profile/compactSpeedscope.ts), streamed to `cacheDir` chunk by chunk. Only its
 * path crosses JSON-RPC; the webview loads it through a webview URI. (It used to travel as one
 * base64 string inside the response: 112 M characters for a 10 MB profile, and "Invalid string
 * length" past ~90 MB.)
 *
 * A profile file whose path, size and modification time are unchanged is not read again: the
 * cached file is reused (a panel restored after a window reload redraws at once).
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FlameData } from '../../protocol/server';
import { loadProfilePath } from '../../engine/profile/loadProfileFile';
import {
  compactSpeedscopeChunks,
  type CompactFlameOptions,
  type CompactFlameSummary,
} from '../../engine/profile/compactSpeedscope';
import { errorAt } from '../../engine/diagnostics';

/**
 * Bumped when the file's content changes for the same input, so old cache entries are not reused.
 */
const FORMAT = 'compact-evented-3'; // 3: diagnostics structured
/** Cached flame files kept per cache folder (newest by modification time). */
const KEEP = 6;

export async function buildFlameData(
  path: string,
  cacheDir: string,
  options: CompactFlameOptions = {},
): Promise<FlameData> {
  const title = basename(path);
  const st = await stat(path).catch((e: Error) => e);
  if (st instanceof Error)
    return { title, profiles: 0, bytes: 0, diagnostics: [errorAt(path, st.message)] };
  // A folder's own mtime does not follow its profiles' contents: folders are always re-read.
  const key = createHash('sha256')
    .update(
      [FORMAT, path, st.isFile() ? `${st.size}:${st.mtimeMs}` : `dir:${Date.now()}`].join('\0'),
    )
    .digest('hex')
    .slice(0, 24);
  const file = join(cacheDir, `${key}.speedscope.json`);
  const metaFile = join(cacheDir, `${key}.meta.json`);
  if (st.isFile()) {
    const cached = await readFile(metaFile, 'utf8').then(
      (t) => JSON.parse(t) as FlameData,
      () => undefined,
    );
    if (cached && cached.file === file && (await stat(file).catch(() => undefined))) return cached;
  }

  const loaded = await loadProfilePath(path);
  const diagnostics = loaded.diagnostics;
  if (loaded.profiles.length === 0) return { title, profiles: 0, bytes: 0, diagnostics };
  await mkdir(cacheDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  let summary: CompactFlameSummary;
  let bytes: number;
  try {
    ({ summary, bytes } = await writeChunks(
      tmp,
      compactSpeedscopeChunks(loaded.profiles, title, options),
    ));
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    return {
      title,
      profiles: 0,
      bytes: 0,
      diagnostics: [
        ...diagnostics,
        errorAt(file, `could not write the flame graph's data: ${(e as Error).message}`),
      ],
    };
  }
  const data: FlameData = {
    title,
    file,
    bytes,
    profiles: loaded.profiles.length,
    ...noteOf(summary),
    diagnostics,
  };
  await writeFile(metaFile, JSON.stringify(data)).catch(() => undefined);
  await prune(cacheDir);
  return data;
}

/** Write the generator's chunks, waiting for the stream to drain (the server stays responsive). */
async function writeChunks(
  path: string,
  chunks: Generator<string, CompactFlameSummary>,
): Promise<{ summary: CompactFlameSummary; bytes: number }> {
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.on('error', reject));
  try {
    for (;;) {
      const r = chunks.next();
      if (r.done) {
        await Promise.race([new Promise<void>((ok) => out.end(() => ok())), failed]);
        return { summary: r.value, bytes: out.bytesWritten };
      }
      if (!out.write(r.value))
        await Promise.race([new Promise<void>((ok) => out.once('drain', () => ok())), failed]);
    }
  } finally {
    out.destroy();
  }
}

/** Say when the time order was coarsened, so the view never passes a slice off as exact. */
function noteOf(summary: CompactFlameSummary): { note?: string } {
  const sliced = summary.profiles.filter((p) => p.sliceWeight !== undefined);
  if (sliced.length === 0) return {};
  const parts = sliced.map((p) => {
    const width =
      p.unit === 'milliseconds'
        ? p.sliceWeight! >= 1000
          ? `${(p.sliceWeight! / 1000).toFixed(1)} s`
          : `${p.sliceWeight!.toFixed(1)} ms`
        : `${p.sliceWeight!.toFixed(0)} samples`;
    return `${p.name}: ${p.runs.toLocaleString('en-US')} stack changes merged into ${width} slices`;
  });
  return {
    note:
      `Time order is approximate (${parts.join('; ')}); totals and the Left Heavy and ` +
      `Sandwich views are exact.`,
  };
}

async function prune(cacheDir: string): Promise<void> {
  const names = await readdir(cacheDir).catch(() => [] as string[]);
  const flames = await Promise.all(
    names
      .filter((n) => n.endsWith('.speedscope.json'))
      .map(async (n) => ({
        n,
        t: (await stat(join(cacheDir, n)).catch(() => undefined))?.mtimeMs,
      })),
  );
  flames.sort((a, b) => (b.t ?? 0) - (a.t ?? 0));
  for (const { n } of flames.slice(KEEP)) {
    const key = n.replace(/\.speedscope\.json$/, '');
    await rm(join(cacheDir, n), { force: true });
    await rm(join(cacheDir, `${key}.meta.json`), { force: true });
  }
}

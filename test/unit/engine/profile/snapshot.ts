/**
 * The one snapshot helper for profile fixtures (after speedscope's `checkProfileSnapshot`):
 * loads a fixture file or folder, and checks
 *  1. a readable normal form (folded stacks, ms rounded to 0.1, diagnostics with repo-relative
 *     paths) against `__snapshots__/<fixture path>.snap` — written when missing or when
 *     UPDATE_SNAPSHOTS=1;
 *  2. that sniffing the content without the file name picks the same importer as with it;
 *  3. that reading in 7-byte chunks (chunk boundaries everywhere) gives the same normal form.
 */
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
  openSync,
  readSync,
  closeSync,
} from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { formatDiagnostic } from '../../../../engine/diagnostics';
import { toFoldedNormalForm } from '../../../../engine/profile/foldedNormalForm';
import { loadProfilePath, type LoadedProfiles } from '../../../../engine/profile/loadProfileFile';
import { chooseImporter, importers } from '../../../../engine/profile/registry';
import { decodeHead } from '../../../../engine/textEncoding';

export const REPO = resolve(__dirname, '../../../..');
export const FIXTURES = join(REPO, 'test/fixtures');
const SNAPSHOTS = join(__dirname, '__snapshots__');

export function fixture(rel: string): string {
  return join(FIXTURES, rel);
}

export function normalForm(loaded: LoadedProfiles): string {
  const parts = loaded.profiles.map(
    (p) =>
      `## ${p.name}${p.pid !== undefined ? ` pid=${p.pid}` : ''}${p.command ? ` command=${p.command}` : ''}\n${toFoldedNormalForm(p)}`,
  );
  const diags = loaded.diagnostics.map((d) =>
    formatDiagnostic(d)
      .split(REPO + '/')
      .join(''),
  );
  return `${parts.join('\n')}${diags.length ? `\n## diagnostics\n${diags.join('\n')}\n` : ''}`;
}

function head(path: string): { text: string; bytes: Uint8Array } {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, 4096, 0);
    return { text: decodeHead(buf.subarray(0, n)), bytes: buf.subarray(0, n) };
  } finally {
    closeSync(fd);
  }
}

function filesOf(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath ?? (d as unknown as { path: string }).path, d.name));
}

export async function checkProfileSnapshot(rel: string): Promise<LoadedProfiles> {
  const path = fixture(rel);
  const loaded = await loadProfilePath(path);
  const form = normalForm(loaded);

  // Sniffing without the name agrees with the name, for every file an importer claims by name.
  for (const f of filesOf(path)) {
    const h = head(f);
    const named = chooseImporter(basename(f), h.text, importers, h.bytes);
    if (!('importer' in named) || named.by !== 'name+content') continue;
    const unnamed = chooseImporter('', h.text, importers, h.bytes);
    assert.ok('importer' in unnamed, `${rel}: content alone was not recognised`);
    assert.equal(
      unnamed.importer.id,
      named.importer.id,
      `${relative(FIXTURES, f)}: sniffing without the name disagrees with the name`,
    );
  }

  const tiny = await loadProfilePath(path, { chunkSize: 7 });
  assert.equal(normalForm(tiny), form, `${rel}: 7-byte chunks changed the result`);

  const snap = join(SNAPSHOTS, `${rel.replace(/[\\/]/g, '__')}.snap`);
  if (!existsSync(snap) || process.env.UPDATE_SNAPSHOTS === '1') {
    mkdirSync(SNAPSHOTS, { recursive: true });
    writeFileSync(snap, form);
  } else {
    assert.equal(
      form,
      readFileSync(snap, 'utf8'),
      `${rel}: normal form differs from ${relative(REPO, snap)} (UPDATE_SNAPSHOTS=1 to accept)`,
    );
  }
  return loaded;
}

/**
 * A checkout reached through a symlink: the server spells every path by `canonicalPath` (symlinks
 * resolved when the file exists here), so a profile recorded through one spelling lands on the
 * file the editor opened through the other — even when a file elsewhere shares a longer suffix
 * with the unresolved spelling (which the suffix match alone would take).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildInlineCosts } from '../../../engine/inline/costGroups';
import { matchFunctions } from '../../../engine/inline/matchFunctions';
import { loadProfilePath } from '../../../engine/profile/loadProfileFile';
import { findTsFunctions } from '../../../engine/source/tsFunctions';
import { canonicalPath } from '../../../server/lsp/canonicalPath';
import { flatCpuprofile } from '../engine/inline/helpers';

const storeTs = resolve(__dirname, '../../fixtures/inline/ts-store/src/store.ts');

/** <tmp>/real/src/store.ts, and <tmp>/link → <tmp>/real. */
function checkout(): { dir: string; real: string; link: string } {
  const dir = mkdtempSync(join(tmpdir(), 'perflens-symlinked-'));
  mkdirSync(join(dir, 'real', 'src'), { recursive: true });
  copyFileSync(storeTs, join(dir, 'real', 'src', 'store.ts'));
  symlinkSync(join(dir, 'real'), join(dir, 'link'), 'dir');
  return {
    dir,
    real: join(dir, 'real', 'src', 'store.ts'),
    link: join(dir, 'link', 'src', 'store.ts'),
  };
}

/** putEntry's CPU total when `recorded` has 3 samples on it and `decoy` 5 (line 6, column 8). */
async function putEntryTotal(dir: string, recorded: string, decoy: string, opened: string) {
  const profile = join(dir, 'p.cpuprofile');
  writeFileSync(
    profile,
    flatCpuprofile([
      { url: pathToFileURL(recorded).href, name: 'putEntry', line0: 5, col0: 8, samples: 3 },
      { url: pathToFileURL(decoy).href, name: 'putEntry', line0: 5, col0: 8, samples: 5 },
    ]),
  );
  const loaded = await loadProfilePath(profile, { sourceMaps: false });
  // As the server does: the costs' files and the document's path, both by canonicalPath.
  const r = matchFunctions({
    path: canonicalPath(opened),
    language: 'typescript',
    functions: findTsFunctions(readFileSync(opened, 'utf8'), opened),
    costs: buildInlineCosts(loaded.profiles, canonicalPath),
  });
  return r.measures.find((m) => m.fn.name === 'putEntry' && m.fn.owner === 'OrbitDbAdapter')?.cpu
    ?.total;
}

describe('a symlinked checkout', () => {
  it('opened through the link, recorded at the real path', async () => {
    const { dir, real, link } = checkout();
    // The decoy /elsewhere/link/src/store.ts shares 3 segments with the link spelling, the real
    // path only 2: unresolved, the decoy's 5 ms would win. Resolved, the real file's 3 ms.
    assert.equal(await putEntryTotal(dir, real, '/elsewhere/link/src/store.ts', link), 3);
  });

  it('opened at the real path, recorded through the link', async () => {
    const { dir, real, link } = checkout();
    assert.equal(await putEntryTotal(dir, link, '/elsewhere/real/src/store.ts', real), 3);
  });
});

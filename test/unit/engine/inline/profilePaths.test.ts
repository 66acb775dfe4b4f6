/**
 * CPU frames find their source file when the profile names it otherwise: recorded under another
 * path (the longest workspace-relative suffix wins over a shorter one), and through a source map
 * (a profile of esbuild's minified output lands on the TypeScript functions).
 *
 * Hand-made profiles, 1 ms a sample (each sample lasts until the next, 1,000 µs later; the last
 * until endTime, 1,000 µs after it).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildInlineCosts } from '../../../../engine/inline/costGroups';
import { matchFunctions, type FileMatch } from '../../../../engine/inline/matchFunctions';
import { normalizeProfilePath } from '../../../../engine/inline/paths';
import { loadProfilePath } from '../../../../engine/profile/loadProfileFile';
import { findTsFunctions } from '../../../../engine/source/tsFunctions';
import { flatCpuprofile } from './helpers';

const fixtures = resolve(__dirname, '../../../fixtures/inline');

async function matchFile(
  profile: string,
  source: string,
  sourceMaps: boolean,
): Promise<FileMatch & { total: (name: string) => number | undefined }> {
  const loaded = await loadProfilePath(profile, { sourceMaps });
  const r = matchFunctions({
    path: normalizeProfilePath(source),
    language: 'typescript',
    functions: findTsFunctions(readFileSync(source, 'utf8'), source),
    costs: buildInlineCosts(loaded.profiles),
  });
  return {
    ...r,
    total: (name) => r.measures.find((m) => !m.fn.anonymous && m.fn.name === name)?.cpu?.total,
  };
}

describe('profile paths through the matcher', () => {
  it('a profile recorded under another path: the longest workspace-relative suffix wins', async () => {
    // The workspace's …/inline/ts-store/src/store.ts. The profile was recorded elsewhere, in a
    // tree holding two files of that name: /ci/old/ts-store/src/store.ts (common suffix
    // `ts-store/src/store.ts`, 3 segments) and /ci/old/vendor/src/store.ts (`src/store.ts`, 2).
    // putEntry is line 6 (0-based 5), `putEntry(` at column 8: 4 samples in the first, 7 in the
    // other (listed first). The lens must say 4 ms, not 7 nor 11.
    const dir = mkdtempSync(join(tmpdir(), 'perflens-renamed-'));
    const profile = join(dir, 'renamed.cpuprofile');
    writeFileSync(
      profile,
      flatCpuprofile([
        {
          url: 'file:///ci/old/vendor/src/store.ts',
          name: 'putEntry',
          line0: 5,
          col0: 8,
          samples: 7,
        },
        {
          url: 'file:///ci/old/ts-store/src/store.ts',
          name: 'putEntry',
          line0: 5,
          col0: 8,
          samples: 4,
        },
      ]),
    );
    const r = await matchFile(profile, resolve(fixtures, 'ts-store/src/store.ts'), false);
    assert.equal(r.profileFile, '/ci/old/ts-store/src/store.ts');
    assert.equal(r.total('putEntry'), 4);
  });

  it('a source-mapped profile of minified output lands on the TypeScript functions', async () => {
    // test/fixtures/inline/ts-sourcemap (README there): u (putEntry, app.ts line 18) on top 2,
    // u → encode (Encoder.encode, line 3) 5, u → d (verify, line 12) 3; (program) 2.
    const dir = resolve(fixtures, 'ts-sourcemap');
    const profile = join(dir, 'hand.cpuprofile');
    const appTs = join(dir, 'app.ts');
    const mapped = await matchFile(profile, appTs, true);
    const at = (name: string): [number, number, number] | undefined => {
      const m = mapped.measures.find((x) => !x.fn.anonymous && x.fn.name === name);
      return m?.cpu ? [m.fn.line, m.cpu.total, m.cpu.self] : undefined;
    };
    // putEntry: total 2 + 5 + 3 = 10, self 2; encode 5; verify 3.
    assert.deepEqual(at('putEntry'), [18, 10, 2]);
    assert.deepEqual(at('encode'), [3, 5, 5]);
    assert.deepEqual(at('verify'), [12, 3, 3]);
    // Without the map the frames stay in app.js: nothing lands on app.ts.
    const unmapped = await matchFile(profile, appTs, false);
    assert.deepEqual(unmapped.measures, []);
  });
});

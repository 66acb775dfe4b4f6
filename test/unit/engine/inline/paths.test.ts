import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  bestSuffixMatch,
  commonSuffixSegments,
  normalizeProfilePath,
} from '../../../../engine/inline/paths';
import { rustModuleOfPath } from '../../../../engine/inline/matchFunctions';

describe('profile paths', () => {
  it('normalises file URLs, bundler prefixes, backslashes and drive-letter case', () => {
    assert.equal(normalizeProfilePath('file:///home/a/src/x%20y.ts'), '/home/a/src/x y.ts');
    assert.equal(normalizeProfilePath('file:///C:/Work/src/x.ts'), 'c:/Work/src/x.ts');
    assert.equal(normalizeProfilePath('C:\\Work\\src\\x.ts'), 'c:/Work/src/x.ts');
    assert.equal(normalizeProfilePath('webpack://my-app/./src/x.ts'), 'src/x.ts');
    assert.equal(normalizeProfilePath('webpack:///src/x.ts'), 'src/x.ts');
    assert.equal(normalizeProfilePath('vite:///src/./a/../x.ts'), 'src/x.ts');
    assert.equal(normalizeProfilePath('/a/b/../c/./d.ts'), '/a/c/d.ts');
  });

  it('matches a profile from another checkout by the longest run of trailing segments', () => {
    const doc = '/work/ws/packages/core/src/store.ts';
    assert.equal(commonSuffixSegments(doc, '/ci/build/packages/core/src/store.ts'), 4);
    assert.equal(
      bestSuffixMatch(doc, [
        '/ci/build/packages/web/src/store.ts',
        '/ci/build/packages/core/src/store.ts',
      ]),
      '/ci/build/packages/core/src/store.ts',
    );
    // A relative source-map source that is wholly a suffix.
    assert.equal(bestSuffixMatch(doc, ['src/store.ts']), 'src/store.ts');
    // Only the file name in common: not enough.
    assert.equal(bestSuffixMatch(doc, ['/elsewhere/lib/store.ts']), undefined);
    // Two equally good candidates: neither (no guessing).
    assert.equal(bestSuffixMatch('/w/src/x.ts', ['/a/src/x.ts', '/b/src/x.ts']), undefined);
    // The identical path always wins.
    assert.equal(bestSuffixMatch(doc, ['/x/core/src/store.ts', doc]), doc);
  });

  it('derives a Rust file module from its path', () => {
    assert.deepEqual(rustModuleOfPath('/r/x0x/src/gossip/pubsub.rs').segments, [
      'gossip',
      'pubsub',
    ]);
    assert.deepEqual(rustModuleOfPath('/r/x0x/src/gossip/pubsub/mod.rs').segments, [
      'gossip',
      'pubsub',
    ]);
    assert.deepEqual(rustModuleOfPath('/r/x0x/src/lib.rs').segments, []);
    assert.deepEqual(rustModuleOfPath('/r/x0x/src/main.rs').segments, []);
  });
});

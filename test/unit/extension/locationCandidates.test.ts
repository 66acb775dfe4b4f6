import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { locationCandidates } from '../../../extension/panel/locationCandidates';

describe('where a profile location may be on this machine', () => {
  it('workspace first: trailing parts of a foreign absolute path under each folder, longest first, then the path itself', () => {
    const c = locationCandidates('/ci/build/repo/src/a.ts', ['/home/me/repo']);
    assert.equal(c.kind, 'paths');
    if (c.kind !== 'paths') return;
    assert.deepEqual(c.paths, [
      '/home/me/repo/ci/build/repo/src/a.ts',
      '/home/me/repo/build/repo/src/a.ts',
      '/home/me/repo/repo/src/a.ts',
      '/home/me/repo/src/a.ts',
      '/home/me/repo/a.ts',
      '/ci/build/repo/src/a.ts',
    ]);
    assert.equal(c.basename, 'a.ts');
  });
  it('file:// URLs and relative paths', () => {
    const c = locationCandidates('file:///x/src/b%20c.ts', ['/w']);
    assert.ok(
      c.kind === 'paths' && c.paths.includes('/w/src/b c.ts') && c.paths.at(-1) === '/x/src/b c.ts',
    );
    const r = locationCandidates('src/d.ts', ['/w1', '/w2']);
    assert.deepEqual(r.kind === 'paths' && r.paths, ['/w1/src/d.ts', '/w2/src/d.ts']);
  });
  it('places with no file say why', () => {
    const n = locationCandidates('node:internal/timers', ['/w']);
    assert.equal(n.kind, 'none');
    assert.match(n.kind === 'none' ? n.reason : '', /Node\.js built-in/);
    assert.equal(locationCandidates('https://x/y.js', []).kind, 'none');
  });
});

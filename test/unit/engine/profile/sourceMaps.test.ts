/** Source maps: esbuild output profiled by node --cpu-prof lands on the TypeScript source. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { functionCosts } from '../../../../engine/profile/functionCosts';
import { lineCosts } from '../../../../engine/profile/lineCosts';
import { loadProfileFile } from '../../../../engine/profile/loadProfileFile';
import { createSourceMapLookup, readSourceMap } from '../../../../engine/profile/loadSourceMaps';
import { fixture } from './snapshot';

for (const kind of ['inline', 'file']) {
  const path = fixture(`v8-cpuprofile/node-20/esbuild-sourcemap-${kind}/app.cpuprofile`);
  const dir = dirname(path);
  const ts = readFileSync(join(dir, 'app.ts'), 'utf8').split('\n');

  test(`${kind} source map: functions land on app.ts at their definition line`, async () => {
    const { profiles } = await loadProfileFile(path);
    const costs = functionCosts(profiles[0]);
    const mine = costs.filter((c) => c.frame.file === join(dir, 'app.ts'));
    assert.ok(mine.length >= 2, 'some frames map to app.ts');
    for (const name of ['encode', 'verify']) {
      const c = mine.find((x) => x.frame.name === name);
      assert.ok(c, `${name} mapped`);
      assert.match(
        ts[c.frame.line! - 1],
        new RegExp(`\\b${name}\\(`),
        `${name} at app.ts:${c.frame.line}`,
      );
      assert.ok(c.frame.generated?.file.endsWith('app.js'), 'generated position kept');
    }
    // The same profile without source maps points at app.js instead.
    const plain = functionCosts((await loadProfileFile(path, { sourceMaps: false })).profiles[0]);
    assert.ok(plain.some((c) => c.frame.name === 'encode' && c.frame.file?.endsWith('app.js')));
    assert.equal(
      plain.reduce((s, c) => s + c.self, 0).toFixed(6),
      costs.reduce((s, c) => s + c.self, 0).toFixed(6),
    );
  });

  test(`${kind} source map: per-line ticks land on app.ts lines`, async () => {
    const { profiles } = await loadProfileFile(path);
    const lines = lineCosts(profiles[0]).filter((l) => l.file === join(dir, 'app.ts'));
    assert.ok(lines.length > 0);
    // The hottest line is inside Encoder.encode's loop in the TypeScript.
    assert.match(ts[lines[0].line - 1], /h = \(h \* 33 \+ i\)|for \(let i = 0; i < n/);
  });
}

test('minified output: short generated names come back as the original names from the map', async () => {
  const dir = fixture('v8-cpuprofile/node-20/esbuild-minified-sourcemap');
  const path = join(dir, 'app.cpuprofile');
  const plain = functionCosts(
    (await loadProfileFile(path, { sourceMaps: false })).profiles[0],
  ).filter((c) => c.frame.file === 'app.js');
  assert.ok(
    plain.some((c) => c.frame.name.length <= 2 && c.frame.name !== 'encode'),
    'the generated code has minified names',
  );
  const mapped = functionCosts((await loadProfileFile(path)).profiles[0]).filter(
    (c) => c.frame.file === join(dir, 'app.ts'),
  );
  const ts = readFileSync(join(dir, 'app.ts'), 'utf8').split('\n');
  for (const c of mapped) {
    if (c.frame.name === '(anonymous)') continue;
    assert.match(
      ts[c.frame.line! - 1],
      new RegExp(`\\b${c.frame.name}\\(`),
      `${c.frame.name} at app.ts:${c.frame.line}`,
    );
  }
  assert.ok(
    mapped.some((c) => c.frame.name === 'verify' || c.frame.name === 'putEntry'),
    'a renamed function got its name back',
  );
});

test('readSourceMap uses the injected reader (no disk) and follows inline data: URLs', () => {
  const real = fixture('v8-cpuprofile/node-20/esbuild-sourcemap-inline/app.js');
  const files = new Map([['/virtual/app.js', readFileSync(real, 'utf8')]]);
  const map = readSourceMap('/virtual/app.js', (p) => files.get(p));
  assert.ok(map);
  assert.ok(map.resolvedSources.some((s) => s.endsWith('/virtual/app.ts')));
  assert.equal(createSourceMapLookup((p) => files.get(p))('node:internal/x'), undefined);
  assert.equal(
    readSourceMap('/virtual/none.js', () => undefined),
    undefined,
  );
});

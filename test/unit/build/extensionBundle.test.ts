/**
 * The extension host stays thin: nothing of the engine (importers, counter-dump scanner,
 * util.inspect parser, machine-load reader) is bundled into dist/extension.js — the language
 * server parses, for Profile Run and for every A/B iteration alike. Checked on esbuild's own
 * record of what went into the bundle (its metafile), built as esbuild.js does, with no module
 * left out of the check.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const REPO = path.resolve(__dirname, '..', '..', '..');

describe('dist/extension.js', () => {
  it('bundles no module of engine/ or server/, the A/B runner included', async () => {
    const r = await esbuild.build({
      absWorkingDir: REPO,
      entryPoints: ['extension/main.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      define: { __PERFLENS_VERSION__: '"test"' },
      write: false,
      metafile: true,
      outfile: 'extension.js',
      logLevel: 'silent',
    });
    const inputs = Object.keys(r.metafile.inputs);
    assert.ok(
      inputs.some((f) => f.startsWith('runner/')),
      'sanity: the runner is in the bundle',
    );
    assert.ok(inputs.includes('runner/ab/runAb.ts'), 'sanity: the A/B runner is in the bundle');
    assert.deepEqual(
      inputs.filter((f) => f.startsWith('engine/') || f.startsWith('server/')),
      [],
    );
  });
});

/**
 * The extension host stays thin: nothing of the engine (importers, counter-dump scanner,
 * util.inspect parser) is bundled into dist/extension.js — the language server parses. Checked
 * on esbuild's own record of what went into the bundle (its metafile), built as esbuild.js does.
 *
 * Known exception, left out of this check: the editor's A/B command runs `runner/ab/runAb.ts`
 * in-process, which imports the engine's run analysis and machine-load columns; until A/B
 * iterations are followed by the server too, that path (and only it) bundles engine modules.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const REPO = path.resolve(__dirname, '..', '..', '..');

describe('dist/extension.js', () => {
  it('bundles no module of engine/ or server/ (outside the A/B runner)', async () => {
    const r = await esbuild.build({
      absWorkingDir: REPO,
      entryPoints: ['extension/main.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // The A/B runner is the known exception above; everything else must stay engine-free.
      external: ['vscode', '../../runner/ab/runAb'],
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
    assert.deepEqual(
      inputs.filter((f) => f.startsWith('engine/') || f.startsWith('server/')),
      [],
    );
  });
});

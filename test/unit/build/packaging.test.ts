/**
 * The packaged .vsix holds the bundles and the manifest, and nothing else: no sources, no
 * tests, no node_modules, no maps (the allowlist .vscodeignore at work); under 300 files, 3 MB.
 *
 * It packs the production build, as `npm run package` does, whatever dist/ held before (the
 * development build `npm run test:unit` makes is larger: 3.16 MB packed against 2.32 MB, so the
 * size check failed or passed by which build ran last), and puts the development build back after.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');

describe('npm run package', () => {
  let files: string[];
  /** Size of the .vsix file itself. */
  let bytes: number;
  let manifest: {
    name: string;
    displayName: string;
    main: string;
    bin: Record<string, string>;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
    contributes: { commands: { command: string; category: string }[] };
  };

  before(() => {
    execFileSync(process.execPath, ['esbuild.js', '--production'], { cwd: root, stdio: 'ignore' });
    const out = join(mkdtempSync(join(tmpdir(), 'perflens-vsix-')), 'perflens.vsix');
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules', '@vscode', 'vsce', 'vsce'),
        'package',
        // As `npm run package`: nothing of node_modules is shipped, so no dependency walk.
        '--no-dependencies',
        '--no-rewrite-relative-links',
        '--out',
        out,
      ],
      { cwd: root, stdio: 'ignore' },
    );
    // python3's zipfile (on every machine of this kind) rather than unzip, which may be absent.
    const zip = (code: string): string =>
      execFileSync('python3', [
        '-c',
        `import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\n${code}`,
        out,
      ]).toString();
    const listing = zip("print('\\n'.join(z.namelist()))");
    files = listing.split('\n').filter(Boolean);
    bytes = statSync(out).size;
    manifest = JSON.parse(zip("sys.stdout.write(z.read('extension/package.json').decode())"));
  });
  // The tests after this file run on dist/ as `npm run test:unit` built it.
  after(() => {
    execFileSync(process.execPath, ['esbuild.js'], { cwd: root, stdio: 'ignore' });
  });

  it('ships the four bundles, speedscope (with its licence), the tree-sitter wasm and the manifest', () => {
    for (const f of [
      'extension/dist/extension.js',
      'extension/dist/server.js',
      'extension/dist/cli.js',
      'extension/dist/demangle.wasm',
      'extension/dist/webview/main.js',
      'extension/dist/webview/main.css',
      'extension/dist/webview/uPlot.min.css',
      'extension/dist/webview/codicons/codicon.css',
      'extension/dist/webview/codicons/codicon.ttf',
      'extension/dist/webview/flame.js',
      'extension/dist/webview/flame.css',
      'extension/dist/webview/compare.js',
      'extension/dist/webview/compare.css',
      'extension/dist/speedscope/speedscope.js',
      'extension/dist/speedscope/speedscope.css',
      'extension/dist/speedscope/LICENSE',
      // web-tree-sitter's runtime and the Rust grammar, read by the server at run time.
      'extension/dist/tree-sitter/tree-sitter.wasm',
      'extension/dist/tree-sitter/tree-sitter-rust.wasm',
      'extension/package.json',
    ]) {
      assert.ok(files.includes(f), `${f} is packaged`);
    }
    // The codicon font the flame page's CSS points at (esbuild names it by content hash).
    assert.ok(files.some((f) => /^extension\/dist\/webview\/codicon-\w+\.ttf$/.test(f)));
  });

  it('ships no sources, tests, docs or maps of its own', () => {
    // Every folder of the checkout but dist/ (the bundles) is left out, so the check names each
    // of them: one added later is covered without touching this test.
    const folders = readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'dist')
      .map((d) => d.name);
    for (const must of ['engine', 'docs', 'server', 'protocol', 'webview', 'test'])
      assert.ok(folders.includes(must), `${must}/ is a folder of the checkout`);
    const notShipped = new RegExp(`^extension/(${folders.join('|').replace(/\./g, '\\.')})/`);
    const offending = files.filter(
      (f) =>
        !f.startsWith('extension/node_modules/') &&
        (/\.ts$|\.map$|\.vscode-test/.test(f) || notShipped.test(f)),
    );
    assert.deepEqual(offending, []);
  });

  it("ships 0x's collection step as one bundle with its preload scripts, and no node_modules", () => {
    for (const f of [
      'extension/dist/0x/bin/collect.js',
      'extension/dist/0x/lib/preload/no-cluster.js',
      'extension/dist/0x/lib/preload/redir-stdout.js',
      'extension/dist/0x/lib/preload/soft-exit.js',
      'extension/dist/0x/LICENSE.md',
    ])
      assert.ok(files.includes(f), `${f} is packaged`);
    assert.deepEqual(
      files.filter((f) => f.startsWith('extension/node_modules/')),
      [],
    );
  });

  it('declares no run-time dependencies: 0x is a build input (its collection step is bundled)', () => {
    assert.deepEqual(manifest.dependencies ?? {}, {});
    assert.ok(manifest.devDependencies?.['0x'], '0x stays available to the build');
  });

  it('stays under 300 files and 3 MB', () => {
    assert.ok(files.length < 300, `${files.length} files`);
    assert.ok(bytes < 3 * 1024 * 1024, `${bytes} bytes`);
  });

  it('declares the PerfLens identity, entry points and categorised commands', () => {
    assert.equal(manifest.name, 'perflens');
    assert.equal(manifest.displayName, 'PerfLens');
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.bin.perflens, './dist/cli.js');
    for (const c of manifest.contributes.commands) {
      assert.match(c.command, /^perflens\./);
      assert.equal(c.category, 'PerfLens');
    }
    assert.ok(readFileSync(join(root, '.vscodeignore'), 'utf8').startsWith('# Allowlist'));
  });
});

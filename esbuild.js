// One build script, one esbuild context per target (after esbuild-sample / rust-analyzer).
// Type-checking is its own step (`npm run typecheck`); this only bundles.
//   node esbuild.js            build everything once
//   node esbuild.js --watch    rebuild on change
//   node esbuild.js --tests    also build the in-editor test suite (not shipped)
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const { copySpeedscope } = require('./build/copySpeedscope');

const watch = process.argv.includes('--watch');
const withTests = process.argv.includes('--tests');
const production = process.argv.includes('--production');

const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));

const common = {
  bundle: true,
  // The one version, from package.json (protocol/version.ts reads it).
  define: { __PERFLENS_VERSION__: JSON.stringify(version) },
  sourcemap: true,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

/** @type {Record<string, import('esbuild').BuildOptions>} */
const targets = {
  extension: {
    ...common,
    entryPoints: ['extension/main.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  server: {
    ...common,
    entryPoints: ['server/main.ts'],
    outfile: 'dist/server.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  webview: {
    ...common,
    entryPoints: {
      main: 'webview/main.tsx',
      'main.css': 'webview/main.css',
      compare: 'webview/compare/main.tsx',
      'compare.css': 'webview/compare/compare.css',
      flame: 'webview/flame/bootstrap.ts',
      'flame.css': 'webview/flame/flame.css',
    },
    // codicon.ttf, referenced by @vscode/codicons' CSS, is emitted beside the CSS (font-src).
    loader: { '.ttf': 'file' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    jsx: 'automatic',
    jsxImportSource: 'preact',
  },
  // 0x's collection step only (see build/zeroXCollect.js): one file instead of 0x's tree.
  zeroX: {
    ...common,
    sourcemap: false,
    entryPoints: ['build/zeroXCollect.js'],
    outfile: 'dist/0x/bin/collect.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  cli: {
    ...common,
    entryPoints: ['cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
};
if (withTests) {
  targets.vscodeSuite = {
    ...common,
    // index.js: the suite for a workspace of one folder; multiRoot.js: the multi-root tests.
    entryPoints: ['test/vscode/suite/index.ts', 'test/vscode/suite/multiRoot.ts'],
    outdir: 'out/vscode-suite',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // mocha's parallel mode resolves worker files at run time; the serial runner we use never does.
    logOverride: { 'require-resolve-not-external': 'silent' },
  };
}

/**
 * web-tree-sitter's runtime and the Rust grammar are .wasm files read at run time (the server
 * finds them beside itself in dist/tree-sitter/). Both come from the one pinned package, so
 * their ABI matches.
 */
function copyTreeSitter(dest) {
  const dir = path.dirname(require.resolve('@vscode/tree-sitter-wasm'));
  fs.mkdirSync(dest, { recursive: true });
  for (const f of ['tree-sitter.wasm', 'tree-sitter-rust.wasm'])
    fs.copyFileSync(path.join(dir, f), path.join(dest, f));
}

/** Stylesheets and fonts the panel loads as files (never injected: the page's CSP forbids it). */
function copyWebviewAssets() {
  fs.copyFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'dist/webview/uPlot.min.css');
  const codicons = path.dirname(require.resolve('@vscode/codicons/dist/codicon.css'));
  fs.mkdirSync('dist/webview/codicons', { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf'])
    fs.copyFileSync(path.join(codicons, f), path.join('dist/webview/codicons', f));
}

async function main() {
  fs.rmSync('dist', { recursive: true, force: true });
  const contexts = await Promise.all(Object.values(targets).map((t) => esbuild.context(t)));
  const speedscopeVersion = copySpeedscope('dist/speedscope');
  // The symbol demangler's wasm (gecko-profiler-demangle), read at run time by
  // engine/profile/loadDemangler.ts from beside the server and CLI bundles.
  fs.copyFileSync(require.resolve('gecko-profiler-demangle/index_bg.wasm'), 'dist/demangle.wasm');
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('esbuild: watching');
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  // The webview bundle emits main.css.js for the CSS entry name; keep only the CSS.
  for (const name of ['main.css', 'flame.css', 'compare.css']) {
    const cssOut = path.join('dist/webview', `${name}.css`);
    if (fs.existsSync(cssOut)) fs.renameSync(cssOut, path.join('dist/webview', name));
  }
  copyWebviewAssets();
  fs.chmodSync('dist/cli.js', 0o755);
  copyTreeSitter('dist/tree-sitter');
  copyZeroXPreloads('dist/0x');
  console.log(`esbuild: built ${Object.keys(targets).join(', ')}; speedscope ${speedscopeVersion}`);
}

/** 0x hands these to the target with `-r <collect.js dir>/../lib/preload/<name>`; with its licence. */
function copyZeroXPreloads(dir) {
  const zeroX = path.dirname(require.resolve('0x/package.json'));
  fs.mkdirSync(path.join(dir, 'lib', 'preload'), { recursive: true });
  for (const f of ['no-cluster.js', 'redir-stdout.js', 'soft-exit.js'])
    fs.copyFileSync(path.join(zeroX, 'lib', 'preload', f), path.join(dir, 'lib', 'preload', f));
  fs.copyFileSync(path.join(zeroX, 'LICENSE.md'), path.join(dir, 'LICENSE.md'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

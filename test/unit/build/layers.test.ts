/**
 * The layers are enforced: each folder's forbidden imports are rejected by ESLint's
 * no-restricted-imports (as configured in eslint.config.mjs), the imports it may make pass, and
 * dependency-cruiser finds an import circle. Each case is a deliberate violation linted as if it
 * were a file in that folder.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint, type Linter } from 'eslint';

const root = resolve(__dirname, '..', '..', '..');

/** The layer rules alone (the type-aware rules need a real file in the TypeScript project). */
async function layerLinter(): Promise<ESLint> {
  const config = (await import(join(root, 'eslint.config.mjs'))) as { default: Linter.Config[] };
  const layers = config.default.filter((c) => c.rules && 'no-restricted-imports' in c.rules);
  assert.equal(layers.length, 7, 'one rule set per folder');
  return new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      { languageOptions: { parser: (await import('typescript-eslint')).parser } },
      ...layers,
    ],
  });
}

/** The messages ESLint gives `code` as the file `file`. */
async function lint(eslint: ESLint, file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const FORBIDDEN: Array<[file: string, specifier: string]> = [
  ['protocol/x.ts', '../engine/diagnostics'],
  ['protocol/x.ts', '../webview/store'],
  ['engine/report/x.ts', '../../server/lsp/session'],
  ['engine/x.ts', '../runner/startRun'],
  ['engine/x.ts', 'vscode'],
  ['engine/x.ts', 'vscode-languageserver/node'],
  ['runner/x.ts', '../engine/diagnostics'],
  ['runner/ab/x.ts', '../../engine/compare/compare'],
  ['runner/x.ts', 'vscode'],
  ['server/lsp/x.ts', '../../extension/ctx'],
  ['server/x.ts', '../runner/startRun'],
  ['server/x.ts', 'vscode'],
  ['cli/x.ts', '../server/lsp/session'],
  ['cli/x.ts', '../extension/ctx'],
  ['extension/x.ts', '../engine/diagnostics'],
  ['extension/run/x.ts', '../../engine/soak/runAnalysisHooks'],
  ['extension/x.ts', '../server/lsp/session'],
  ['extension/x.ts', '../cli/main'],
  ['webview/x.tsx', '../engine/diagnostics'],
  ['webview/tabs/x.tsx', '../../extension/ctx'],
  ['webview/x.ts', 'node:fs'],
];

const ALLOWED: Array<[file: string, specifier: string]> = [
  ['protocol/x.ts', './diagnostics'],
  ['engine/report/x.ts', '../../protocol/diagnostics'],
  ['engine/report/x.ts', '../profile/model'],
  ['runner/x.ts', '../protocol/version'],
  ['server/lsp/x.ts', '../../engine/diagnostics'],
  ['server/x.ts', 'vscode-languageserver/node'],
  ['cli/x.ts', '../runner/startRun'],
  ['cli/x.ts', '../engine/diagnostics'],
  ['extension/run/x.ts', '../../runner/startRun'],
  ['extension/x.ts', 'vscode'],
  ['webview/tabs/x.tsx', '../../protocol/format'],
];

describe('layers (eslint no-restricted-imports)', () => {
  it('rejects every import a folder must not make', async () => {
    const eslint = await layerLinter();
    for (const [file, specifier] of FORBIDDEN) {
      const messages = await lint(eslint, file, `import '${specifier}';\n`);
      assert.equal(messages.length, 1, `${file} importing ${specifier}: ${messages.join('; ')}`);
      assert.match(messages[0], /^no-restricted-imports: .*Layers: /);
    }
  });

  it('lets each folder import what it may', async () => {
    const eslint = await layerLinter();
    for (const [file, specifier] of ALLOWED)
      assert.deepEqual(
        await lint(eslint, file, `import '${specifier}';\n`),
        [],
        `${file}: ${specifier}`,
      );
  });
});

describe('import circles (dependency-cruiser)', () => {
  it('finds a circle of two modules, and none in the tree as it is', () => {
    const cruise = (...paths: string[]): string =>
      execFileSync(
        process.execPath,
        [
          join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'),
          '--config',
          '.dependency-cruiser.cjs',
          '--output-type',
          'err',
          ...paths,
        ],
        { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
    const dir = mkdtempSync(join(root, 'engine', 'zz-circle-'));
    try {
      writeFileSync(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
      writeFileSync(
        join(dir, 'b.ts'),
        "import type { a } from './a';\nexport const b = (x?: typeof a) => x;\n",
      );
      assert.throws(
        () => cruise(dir),
        (err: { stdout?: string }) => /no-circular/.test(String(err.stdout)),
        'a circle through a type-only import is found',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    cruise('protocol', 'engine', 'server', 'runner', 'cli', 'extension', 'webview', 'bench');
  });
});

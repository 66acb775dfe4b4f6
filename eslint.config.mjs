// ESLint flat config: typescript-eslint with type-aware rules. Formatting is Prettier's job
// (`npm run lint` runs both); this file only holds rules that catch bugs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers (ARCHITECTURE.md): protocol ← engine ← server / cli / runner ← extension, and the
 * webview on protocol alone. Each folder may not import the folders it must not know; a
 * relative import that climbs to a top-level folder is matched by its first named segment
 * (no folder inside the tree shares a top-level folder's name).
 */
const TOP = ['protocol', 'engine', 'server', 'runner', 'cli', 'extension', 'webview'];
const LAYERS = [
  { folder: 'protocol', may: [], why: 'protocol/ imports nothing of PerfLens' },
  { folder: 'engine', may: ['protocol'], why: 'engine/ imports only protocol/', noEditor: true },
  {
    folder: 'runner',
    may: ['protocol'],
    why: 'runner/ captures; analysis is a hook its caller passes (no engine)',
    noEditor: true,
  },
  {
    folder: 'server',
    may: ['protocol', 'engine'],
    why: 'server/ imports the engine and protocol',
    noVscode: true,
  },
  {
    folder: 'cli',
    may: ['protocol', 'engine', 'runner'],
    why: 'cli/ imports the engine, the runner and protocol',
    noEditor: true,
  },
  {
    folder: 'extension',
    may: ['protocol', 'runner'],
    why: 'extension/ imports protocol and runner, never the engine (the language server parses)',
  },
  {
    folder: 'webview',
    may: ['protocol'],
    why: 'webview/ runs in the browser and imports only protocol/',
    noNode: true,
  },
];

function layerRules() {
  return LAYERS.map(({ folder, may, why, noEditor, noVscode, noNode }) => {
    const banned = TOP.filter((f) => f !== folder && !may.includes(f));
    const patterns = [
      { regex: `^(\\.\\./)+(${banned.join('|')})(/|$)`, message: `Layers: ${why}.` },
    ];
    const paths = [];
    if (noEditor || noVscode) paths.push({ name: 'vscode', message: `Layers: ${why}; no vscode.` });
    if (noEditor)
      patterns.push({
        regex: '^vscode-languageserver(/|$)|^vscode-languageclient(/|$)',
        message: `Layers: ${why}; no LSP.`,
      });
    if (noNode) patterns.push({ regex: '^node:', message: `Layers: ${why}; no Node modules.` });
    return {
      files: [`${folder}/**/*.ts`, `${folder}/**/*.tsx`],
      rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
    };
  });
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'dist-vsix/**',
      '.vscode-test/**',
      'test-results/**',
      'out/**',
      'test/fixtures/**',
      'examples/**/dist/**',
      'build/**',
      'esbuild.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's test()/describe() return promises the runner itself awaits.
          allowForKnownSafeCalls: [
            {
              from: 'package',
              name: [
                'test',
                'it',
                'describe',
                'suite',
                'before',
                'after',
                'beforeEach',
                'afterEach',
              ],
              package: 'node:test',
            },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Functions of one concern: everything above the engine, and the inline costs, keeps each
    // function to 80 lines (a longer one is split into named steps). The engine's importers and
    // compare statistics and the webview's components are not there yet.
    files: [
      'server/**/*.ts',
      'runner/**/*.ts',
      'cli/**/*.ts',
      'extension/**/*.ts',
      'engine/inline/**/*.ts',
    ],
    rules: { 'max-lines-per-function': ['error', { max: 80 }] },
  },
  ...layerRules(),
  {
    // One namespace per wire message (method, payload types, type object together), as
    // vscode-eslint's customMessages.ts and rust-analyzer's lsp_ext.ts do.
    files: ['protocol/**/*.ts'],
    rules: { '@typescript-eslint/no-namespace': 'off' },
  },
  {
    // Tests read JSON the code under test wrote and assert on its shape; typing every such read
    // would only restate the assertion.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);

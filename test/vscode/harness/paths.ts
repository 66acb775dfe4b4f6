/**
 * Where the real VS Code (code-server) and its Node 24 live: installed by scripts/setup-vscode.sh.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const vscodeTestRoot = join(repoRoot, '.vscode-test');
export const codeServerEntry = join(
  vscodeTestRoot,
  'code-server',
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);
export const node24 = join(vscodeTestRoot, 'node24', 'node_modules', 'node', 'bin', 'node');
export const chromium = process.env.PERFLENS_CHROMIUM ?? '/usr/bin/chromium';
export const vsixPath = join(repoRoot, 'dist-vsix', 'perflens.vsix');
export const artefactsRoot = join(repoRoot, 'test-results', 'vscode');

/**
 * Fails with what to run when the real VS Code is not installed, instead of a cryptic spawn error.
 */
export function assertInstalled(): void {
  const missing = [codeServerEntry, node24, chromium, vsixPath].filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new Error(
      `The real-VS Code test layer needs: ${missing.join(', ')}.\n` +
        'Run `bash scripts/setup-vscode.sh` (code-server, Node 24, Chromium) and `npm run ' +
        'package` (the .vsix) first.',
    );
  }
  if (!readdirSync(join(vscodeTestRoot)).some((f) => f.startsWith('installed-'))) {
    throw new Error('scripts/setup-vscode.sh did not finish; run it again.');
  }
}

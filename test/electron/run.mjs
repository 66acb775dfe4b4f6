// The same extension-host suite (test/vscode/suite) in desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code (a developer's laptop).
// It cannot run on the project's CI machines (no download host reachable); `npm test` does not
// depend on it. Usage: npm run test:electron  [VSCODE_VERSION=1.100.0]
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const workspace = mkdtempSync(join(tmpdir(), 'perflens-ws-electron-'));
cpSync(join(root, 'test', 'fixtures', 'workspaces', 'basic'), workspace, { recursive: true });

try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'vscode-suite', 'index.js'),
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ],
  });
} catch (err) {
  console.error(`test:electron failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

/**
 * The main job, on a fresh machine: PerfLens loaded into a real VS Code (code-server) on
 * 127.0.0.1, opened on the sample workspace, with the URL printed. Runs until Ctrl+C.
 *   npm run demo               open the workbench (prints the URL)
 *   npm run demo -- --headless print the CLI report instead of opening a workbench
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startCodeServer } from '../test/vscode/harness/codeServer';
import { assertInstalled, repoRoot, vsixPath } from '../test/vscode/harness/paths';

const sampleWorkspace = existsSync(join(repoRoot, 'examples', 'sample-daemon', 'package.json'))
  ? join(repoRoot, 'examples', 'sample-daemon')
  : join(repoRoot, 'test', 'fixtures', 'workspaces', 'basic');

async function main(): Promise<number> {
  if (process.argv.includes('--headless')) {
    const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), '--help'], { stdio: 'inherit' });
    return r.status ?? 1;
  }
  assertInstalled();
  const server = await startCodeServer({
    install: [vsixPath],
    settings: { 'security.workspace.trust.enabled': false },
    logFile: join(repoRoot, 'test-results', 'demo-code-server.log'),
  });
  const url = `${server.origin}/?folder=${encodeURIComponent(sampleWorkspace)}`;
  process.stdout.write(`\nPerfLens is running in VS Code at:\n\n  ${url}\n\nOpen it in a browser on this machine. Press Ctrl+C to stop.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

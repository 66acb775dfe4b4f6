// `npm run demo [-- --headless]`: the headless report needs only the bundles; the workbench
// also needs the real VS Code (installed on first use) and the packaged extension.
import { spawnSync } from 'node:child_process';
const headless = process.argv.includes('--headless');
const steps = headless
  ? [['node', ['esbuild.js']]]
  : [
      ['bash', ['scripts/setup-vscode.sh']],
      ['npm', ['run', 'package']],
    ];
for (const [cmd, args] of steps) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', 'scripts/demo.ts', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);

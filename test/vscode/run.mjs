// Runs the real-VS Code layer: every test/vscode/*.test.ts, one after another (each starts its
// own code-server), through node's test runner so the closing summary is node's.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.ts'))
  .sort()
  .map((f) => join(here, f));
const only = process.argv.slice(2);
// Filters match the file's name, not its path: a checkout under a folder whose name contains
// the filter (e.g. …/panelhost/ for `panel`) would otherwise select every file.
const selected = only.length
  ? files.filter((f) => only.some((o) => path.basename(f).includes(o)))
  : files;
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...selected],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);

/**
 * A workspace copy of the bundled sample daemon (examples/sample-daemon), built, for tests that
 * profile it for real from the palette.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';

/** Build the daemon in the checkout (its build uses PerfLens's esbuild) and copy it into `dest`. */
export function prepareSampleWorkspace(dest: string): void {
  const src = join(repoRoot, 'examples', 'sample-daemon');
  execFileSync(process.execPath, [join(src, 'build.mjs')], { stdio: 'ignore' });
  if (!existsSync(join(src, 'dist', 'main.js'))) throw new Error('the sample daemon did not build');
  cpSync(src, dest, { recursive: true, filter: (p) => !p.includes('.perflens') });
}

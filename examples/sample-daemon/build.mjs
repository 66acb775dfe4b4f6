// Builds the sample daemon to JavaScript with source maps (dist/main.js + dist/main.js.map),
// so PerfLens can map profiles back to the TypeScript in src/. Usage: node build.mjs
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
await esbuild.build({
  entryPoints: [path.join(here, 'src/main.ts')],
  outfile: path.join(here, 'dist/main.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  // Keep function and class names so flame graphs read OrbitDbAdapter.putEntry, not `a.b`.
  keepNames: true,
  logLevel: 'warning',
});
console.log(`sample-daemon: built ${path.relative(process.cwd(), path.join(here, 'dist/main.js'))}`);

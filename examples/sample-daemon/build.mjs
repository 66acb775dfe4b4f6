// Builds the sample daemon to JavaScript with source maps (dist/main.js + dist/main.js.map),
// so PerfLens can map profiles back to the TypeScript in src/. Usage: node build.mjs
// Output files are written to a temporary name and renamed into place, so a build running
// while the daemon starts (parallel test files each build in `before`) never exposes half a file.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const result = await esbuild.build({
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
  write: false,
});
fs.mkdirSync(path.join(here, 'dist'), { recursive: true });
for (const file of result.outputFiles) {
  const tmp = `${file.path}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, file.contents);
  fs.renameSync(tmp, file.path);
}
console.log(
  `sample-daemon: built ${path.relative(process.cwd(), path.join(here, 'dist/main.js'))}`,
);

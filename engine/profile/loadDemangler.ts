/**
 * Edge module: reads the demangler's wasm from disk once per process. In the bundles
 * (`dist/server.js`, `dist/cli.js`) esbuild.js copies it beside them as `dist/demangle.wasm`;
 * from the source tree (tests, tsx) it is read from the npm package. Missing wasm is not an error
 * worth failing a load for: names then stay as the profiler wrote them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDemangler, type Demangle } from './demangle';

const CANDIDATES = [
  join(__dirname, 'demangle.wasm'),
  join(__dirname, '..', '..', 'node_modules', 'gecko-profiler-demangle', 'index_bg.wasm'),
];

let loaded: Demangle | null | undefined;

export function loadDemangler(): Demangle | undefined {
  if (loaded === undefined) {
    loaded = null;
    for (const path of CANDIDATES) {
      try {
        loaded = createDemangler(readFileSync(path));
        break;
      } catch {
        // try the next place
      }
    }
  }
  return loaded ?? undefined;
}

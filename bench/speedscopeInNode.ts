/**
 * Runs speedscope's own importer (npm `speedscope` 1.25.0) in Node, as the reference the
 * profile-import benchmark compares against.
 *
 * speedscope ships only a browser bundle (`dist/release/speedscope-*.js`, an esbuild IIFE), whose
 * import code is a lazily initialised module held in `var jr = Promise.resolve().then(() => (Sf(),
 * kf))` and used by the app as `(await jr).importProfilesFromArrayBuffer(name, buffer)`. We
 * evaluate the bundle in a `vm` context whose `window`/`document`/`navigator` are inert stubs, with
 * one text patch that publishes that promise on `globalThis` right after it is created. The UI's
 * own start-up fails harmlessly against the stubs; the importer module needs only standard globals
 * (TextDecoder, etc.). The patch is asserted to apply, so a speedscope update that renames the
 * variable fails loudly instead of benchmarking nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

export interface SpeedscopeImporter {
  importProfilesFromArrayBuffer(
    fileName: string,
    buffer: ArrayBuffer,
  ): Promise<{ profiles: unknown[] } | null>;
}

const ANCHOR =
  /var (\w+)=Promise\.resolve\(\)\.then\(\(\)=>\((\w+)\(\),(\w+)\)\);\1\.then\(\(\)=>\{\}\);/;

/** An object that accepts any property access, call or construction (for the UI start-up code). */
function inert(): unknown {
  const fn = function () {
    return proxy;
  };
  const proxy: unknown = new Proxy(fn, {
    get: (_t, key) => (key === Symbol.toPrimitive ? () => '' : key === 'then' ? undefined : proxy),
    apply: () => proxy,
    construct: () => proxy as object,
    set: () => true,
  });
  return proxy;
}

export async function loadSpeedscopeImporter(): Promise<{
  importer: SpeedscopeImporter;
  version: string;
}> {
  const require = createRequire(__filename);
  const pkgPath = require.resolve('speedscope/package.json');
  const version = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
  const dir = join(dirname(pkgPath), 'dist/release');
  const bundle = readdirSync(dir).find((f) => /^speedscope-.*\.js$/.test(f));
  if (!bundle) throw new Error(`no speedscope bundle in ${dir}`);
  const source = readFileSync(join(dir, bundle), 'utf8');
  const m = ANCHOR.exec(source);
  if (!m)
    throw new Error(
      `speedscope ${version}: import-module anchor not found; update bench/speedscopeInNode.ts`,
    );
  const patched = source.replace(m[0], `${m[0]}globalThis.__speedscopeImport=${m[1]};`);
  const stub = inert();
  const quiet = { log() {}, warn() {}, error() {}, info() {}, debug() {}, time() {}, timeEnd() {} };
  const context = vm.createContext({
    window: stub,
    document: stub,
    navigator: stub,
    location: stub,
    localStorage: stub,
    requestAnimationFrame: () => 0,
    addEventListener: () => {},
    console: quiet,
    TextDecoder,
    TextEncoder,
    URL,
    atob,
    btoa,
    setTimeout,
    clearTimeout,
    queueMicrotask,
    performance,
  });
  vm.runInContext('globalThis.self = globalThis;', context);
  try {
    vm.runInContext(patched, context, { filename: bundle });
  } catch {
    // The UI start-up touches the DOM stubs and may throw; the importer promise is already
    // published.
  }
  const promise = (context as { __speedscopeImport?: Promise<SpeedscopeImporter> })
    .__speedscopeImport;
  if (!promise) throw new Error('speedscope import module was not published');
  return { importer: await promise, version };
}

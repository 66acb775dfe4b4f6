/**
 * Demangled frame names for native profiles (perf script, folded stacks, pprof, callgrind):
 * Rust legacy (`_ZN…17h<hash>E`), Rust v0 (`_R…`) and C++ Itanium (`_Z…`) symbols become the
 * names people read and search for, so `…PubSubManager15handle_incoming…` matches
 * `fn handle_incoming` in `impl PubSubManager` downstream.
 *
 * Not hand-written: the work is done by `gecko-profiler-demangle` 0.4 (rustc-demangle +
 * cpp_demangle compiled to wasm, as the Firefox Profiler uses it). Its entry module imports the
 * `.wasm` directly, which Node 20 does not load, so the wasm is instantiated here from bytes the
 * caller supplies (the edge module `loadDemangler.ts` reads them), synchronously — the wasm
 * module is compiled once per process. This module is pure: no fs.
 */
import * as glue from 'gecko-profiler-demangle/index_bg.js';
import type { ProfileFrame, ProfileModel } from './model';
import { parseNativeName } from './nativeNames';

export type Demangle = (symbol: string) => string;

/**
 * Symbols a demangler can turn into something else: Itanium `_Z`, Rust v0 `_R`, with macOS's extra
 * `_`.
 */
const MANGLED = /^_{1,2}[ZR][A-Za-z0-9_]/;

export function looksMangled(name: string): boolean {
  return MANGLED.test(name);
}

let instantiated: Demangle | undefined;

/**
 * Instantiates the demangler from the bytes of `index_bg.wasm`. One instance per process: the
 * glue module holds the wasm exports in a module-level variable, so a second instance would only
 * replace the first.
 */
export function createDemangler(wasmBytes: Uint8Array): Demangle {
  if (instantiated) return instantiated;
  const module = new WebAssembly.Module(wasmBytes);
  const instance = new WebAssembly.Instance(module, { './index_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  instantiated = (symbol: string): string => {
    try {
      return glue.demangle_any(symbol);
    } catch {
      // A symbol the demanglers choke on (wasm trap, invalid UTF-8 back) keeps its raw name.
      return symbol;
    }
  };
  return instantiated;
}

/**
 * The model with every mangled frame name demangled and its native parts (owner, name) parsed
 * from the demangled name. Frame ids stay the same, so stacks and samples are shared, not copied.
 * Returns the input itself when no frame looks mangled.
 */
export function demangleFrames(model: ProfileModel, demangle: Demangle): ProfileModel {
  if (!model.frames.some((f) => looksMangled(f.name))) return model;
  const frames: ProfileFrame[] = model.frames.map((f) => {
    if (!looksMangled(f.name)) return f;
    const name = demangle(f.name);
    if (name === f.name) return f;
    const native = parseNativeName(name);
    const { native: _old, ...rest } = f;
    return { ...rest, name, ...(native ? { native: { ...native, raw: f.name } } : {}) };
  });
  return { ...model, frames };
}

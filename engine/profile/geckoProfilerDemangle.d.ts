/**
 * Types for the wasm-bindgen glue of `gecko-profiler-demangle` 0.4 (the Firefox Profiler's wasm
 * build of rustc-demangle and cpp_demangle). The package's entry `index.js` imports the `.wasm`
 * as an ES module, which Node 20 cannot load, so `demangle.ts` imports the glue directly and
 * instantiates the wasm itself; the package types only the entry.
 */
/**
 * The part of the WebAssembly JS API the demangler uses. Node 20 has it as a global, but the
 * project's `lib` is ES2022 without the DOM, where its types live.
 */
declare namespace WebAssembly {
  type Exports = Record<string, unknown>;
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: Record<string, Record<string, unknown>>);
    readonly exports: Exports;
  }
}

declare module 'gecko-profiler-demangle/index_bg.js' {
  /** Hands the instantiated wasm exports to the glue; must be called before `demangle_any`. */
  export function __wbg_set_wasm(exports: WebAssembly.Exports): void;
  /** Rust legacy, Rust v0 or C++ Itanium → demangled; any other string is returned unchanged. */
  export function demangle_any(name: string): string;
  export function __wbindgen_init_externref_table(): void;
}

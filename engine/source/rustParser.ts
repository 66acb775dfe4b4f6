/**
 * Edge module: loads web-tree-sitter and the Rust grammar from `.wasm` files on disk, once.
 *
 * Runtime and grammar come from one pinned package, `@vscode/tree-sitter-wasm` 0.3.1, because the
 * grammar's ABI must match the runtime's (0.3.x runtime + its own tree-sitter-rust parse a
 * 3,000-line file; mixing grammars built for other runtimes fails at load). The build copies both
 * files into `dist/tree-sitter/`; from a checkout (unit tests, benchmarks) they are read from
 * `node_modules`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser } from '@vscode/tree-sitter-wasm';

/**
 * Where `tree-sitter.wasm` and `tree-sitter-rust.wasm` are: beside the bundle (dist/tree-sitter),
 * else, running from the sources, in the package under the checkout's node_modules.
 */
export function treeSitterWasmDir(): string {
  const beside = join(__dirname, 'tree-sitter');
  if (existsSync(join(beside, 'tree-sitter-rust.wasm'))) return beside;
  return join(__dirname, '..', '..', 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
}

let loading: Promise<Parser> | undefined;

/**
 * The Rust parser (loaded on first use; later calls share it). Rejects with the file it could not
 * load.
 */
export function rustParser(wasmDir = treeSitterWasmDir()): Promise<Parser> {
  loading ??= (async () => {
    await Parser.init({ locateFile: (file: string) => join(wasmDir, file) });
    const grammar = join(wasmDir, 'tree-sitter-rust.wasm');
    const language = await Language.load(grammar).catch((err: unknown) => {
      throw new Error(`cannot load the Rust grammar ${grammar}: ${String(err)}`);
    });
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

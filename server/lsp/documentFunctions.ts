/**
 * The functions of each source file, parsed once per document version (or, for a file the
 * client never opened, once per modification time) and kept until the file changes.
 */
import { readFile, stat } from 'node:fs/promises';
import { findRustFunctions } from '../../engine/source/rustFunctions';
import { rustParser } from '../../engine/source/rustParser';
import {
  languageOfPath,
  type SourceFunction,
  type SourceLanguage,
} from '../../engine/source/sourceFunctions';
import { findTsFunctions } from '../../engine/source/tsFunctions';

export interface ParsedDocument {
  readonly path: string;
  readonly language: SourceLanguage;
  readonly functions: readonly SourceFunction[];
  /** Time the parse took (ms), for the benchmark and the log. */
  readonly parseMs: number;
}

export interface ParseOptions {
  readonly counterCallees: readonly string[];
  readonly rustCounterMacros: readonly string[];
}

interface Entry {
  readonly key: string;
  readonly parsed: Promise<ParsedDocument | undefined>;
}

export class DocumentFunctions {
  private readonly cache = new Map<string, Entry>();

  /**
   * The parsed functions of `path`. `open` is the editor's copy (text and version) when the client
   * has the document open; otherwise the file is read from disk.
   */
  async get(
    path: string,
    open: { text: string; version: number } | undefined,
    options: ParseOptions,
  ): Promise<ParsedDocument | undefined> {
    const language = languageOfPath(path);
    if (!language) return undefined;
    const optionsKey = `${options.counterCallees.join(',')}|${options.rustCounterMacros.join(',')}`;
    let version: string;
    let text: Promise<string | undefined>;
    if (open) {
      version = `v${open.version}`;
      text = Promise.resolve(open.text);
    } else {
      const st = await stat(path).catch(() => undefined);
      if (!st) return undefined;
      version = `m${st.mtimeMs}:${st.size}`;
      text = readFile(path, 'utf8').catch(() => undefined);
    }
    const key = `${version}|${optionsKey}`;
    const hit = this.cache.get(path);
    if (hit && hit.key === key) return hit.parsed;
    const parsed = text.then(async (t) => {
      if (t === undefined) return undefined;
      const started = performance.now();
      const functions =
        language === 'typescript'
          ? findTsFunctions(t, path, { counterCallees: options.counterCallees })
          : findRustFunctions(t, await rustParser(), {
              counterMacros: options.rustCounterMacros,
            });
      return { path, language, functions, parseMs: performance.now() - started };
    });
    this.cache.set(path, { key, parsed });
    return parsed;
  }

  /** Every document parsed so far (for "this counter is also recorded in …"). */
  async all(): Promise<ParsedDocument[]> {
    const out: ParsedDocument[] = [];
    for (const e of this.cache.values()) {
      const p = await e.parsed.catch(() => undefined);
      if (p) out.push(p);
    }
    return out;
  }

  forget(path: string): void {
    this.cache.delete(path);
  }
}

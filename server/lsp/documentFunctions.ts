/**
 * The functions of each source file, parsed once per document version (or, for a file the
 * client never opened, once per modification time) and kept until the file changes.
 */
import { readFile, stat } from 'node:fs/promises';
import {
  languageOfPath,
  type SourceFunction,
  type SourceLanguage,
} from '../../engine/source/sourceFunctions';
import type { ParseJob } from '../worker/parseJob';

export interface ParsedDocument {
  readonly path: string;
  readonly language: SourceLanguage;
  readonly functions: readonly SourceFunction[];
  /**
   * Time the parse took (ms, including the trip to the worker thread), for the benchmark and the
   * log.
   */
  readonly parseMs: number;
}

export interface ParseOptions {
  readonly counterCallees: readonly string[];
  readonly rustCounterMacros: readonly string[];
}

interface Entry {
  readonly key: string;
  readonly parsed: Promise<ParsedDocument | undefined>;
  /** Set when the parse has finished. */
  done?: ParsedDocument;
}

export class DocumentFunctions {
  private readonly cache = new Map<string, Entry>();
  /** Bumped whenever a parse finishes: what other files say about a counter may have changed. */
  generation = 0;

  /**
   * `parse`: where a file's functions are found (the server's worker thread: a first parse of a big
   * file must not hold up other files' lenses).
   */
  constructor(private readonly parse: (job: Omit<ParseJob, 'kind'>) => Promise<SourceFunction[]>) {}

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
      const functions = await this.parse({
        path,
        text: t,
        language,
        counterCallees: options.counterCallees,
        rustCounterMacros: options.rustCounterMacros,
      });
      return { path, language, functions, parseMs: performance.now() - started };
    });
    const entry: Entry = { key, parsed };
    this.cache.set(path, entry);
    parsed.then(
      (d) => {
        if (!d) return;
        entry.done = d;
        this.generation++;
      },
      () => undefined,
    );
    return parsed;
  }

  /**
   * Every document whose parse has finished (for "this counter is also recorded in …"). Parses
   * still in flight are not waited for: a lens of one file never waits for another file's parse.
   */
  parsed(): ParsedDocument[] {
    const out: ParsedDocument[] = [];
    for (const e of this.cache.values()) if (e.done) out.push(e.done);
    return out;
  }

  forget(path: string): void {
    this.cache.delete(path);
  }
}

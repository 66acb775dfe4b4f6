/**
 * A counter's call sites in parsed files: the same call sites the lenses match counters by
 * (`SourceFunction.counterCalls`, found by the TypeScript and tree-sitter parsers with the
 * configured callees and macros), so the panel's "show inline costs" of a counter lands where the
 * lens that shows it sits.
 */
import { callSiteRecords } from '../../engine/source/sourceFunctions';
import type { ParsedDocument } from './documentFunctions';

export interface CounterSite {
  readonly file: string;
  readonly line: number;
  readonly callee: string;
}

/** Every call site recording `counter`, in file order then by line, each once. */
export function counterSitesIn(docs: readonly ParsedDocument[], counter: string): CounterSite[] {
  const out: CounterSite[] = [];
  for (const doc of docs) {
    const seen = new Set<number>();
    const here: CounterSite[] = [];
    // A call inside a callback is listed on the callback and on its named parent: kept once.
    for (const f of doc.functions)
      for (const site of f.counterCalls)
        if (!seen.has(site.line) && callSiteRecords(site, counter)) {
          seen.add(site.line);
          here.push({ file: doc.path, line: site.line, callee: site.callee });
        }
    out.push(...here.sort((a, b) => a.line - b.line));
  }
  return out;
}

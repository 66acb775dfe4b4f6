/**
 * The functions of one source file, as a real parser sees them: what a CodeLens sits above and
 * what measured costs are matched to. Pure data, produced by `tsFunctions.ts` (TypeScript
 * compiler API) and `rustFunctions.ts` (tree-sitter), never by regular expressions over text.
 *
 * Lines and columns are 1-based, as editors show them (ARCHITECTURE.md).
 */

/**
 * A call that records a counter: `incr('a.b')`, `perf.time(\`ipfs.${op}\`, …)`, `counter!("x")`.
 */
export interface CounterCallSite {
  /** The counter name as written: a literal, or a template with `${…}` holes. */
  readonly name: string;
  /**
   * Set for template names: a regular expression source where each `${…}` hole matches one or more
   * characters.
   */
  readonly pattern?: string;
  /** The callee as written (`incr`, `perf.observeMs`, `counter!`). */
  readonly callee: string;
  readonly line: number;
}

export interface SourceFunction {
  /** The function's own name (`putEntry`, `handle_incoming`); `(anonymous)` for callbacks. */
  readonly name: string;
  /** Class, object literal or `impl` type it is defined on. */
  readonly owner?: string;
  /** Rust: the trait of `impl Trait for Owner`. */
  readonly trait?: string;
  /** Rust: inline `mod a { mod b { … } }` around it, joined with `::` (empty at file level). */
  readonly module?: string;
  /**
   * True for callbacks and other functions without a name of their own: never a lens of their own.
   */
  readonly anonymous: boolean;
  /** Where the declaration starts (modifiers and decorators included): the lens line. */
  readonly line: number;
  readonly column: number;
  /** Where it ends (inclusive line; column of the last character + 1). */
  readonly endLine: number;
  readonly endColumn: number;
  /** Index of the enclosing function in the same list, when nested. */
  readonly parent?: number;
  /**
   * Counter call sites in its body, including inside its anonymous callbacks (not inside named
   * inner functions).
   */
  readonly counterCalls: readonly CounterCallSite[];
}

export type SourceLanguage = 'typescript' | 'rust';

const TS_EXTENSIONS = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;

/** Which parser reads a file, by its extension; undefined when PerfLens has none for it. */
export function languageOfPath(path: string): SourceLanguage | undefined {
  if (TS_EXTENSIONS.test(path)) return 'typescript';
  if (/\.rs$/i.test(path)) return 'rust';
  return undefined;
}

/** The callee names that record counters, unless a setting says otherwise. */
export const DEFAULT_COUNTER_CALLEES: readonly string[] = [
  'incr',
  'observe',
  'observeMs',
  'time',
  'timeSync',
];

/** Rust `metrics` crate macros whose first argument is a counter name. */
export const DEFAULT_RUST_COUNTER_MACROS: readonly string[] = ['counter', 'histogram', 'gauge'];

/**
 * A template counter name (`ipfs.${op}.ms`) as a regular expression source: holes match anything.
 */
export function templatePattern(parts: readonly string[]): string {
  const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return `^${parts.map(esc).join('.+')}$`;
}

/** Whether `counter` is recorded by this call site (exact name, or the template's pattern). */
export function callSiteRecords(site: CounterCallSite, counter: string): boolean {
  return site.pattern ? new RegExp(site.pattern).test(counter) : site.name === counter;
}

/**
 * The counter model shared by every counters reader.
 *
 * Source format: `core/perf-counters.ts` in unicity-sphere/sphere-sdk (feature branches, e.g.
 * `chore/perf-instrumentation`): `snapshot()` returns `{ [name]: { count, totalMs, avgMs, maxMs }
 * }` (ms rounded to 3 decimals) and `dumpAndReset()` logs it then clears the cells, so every dump
 * is one window, never a running total. Times are milliseconds, as everywhere in the engine.
 */

/** One counter in one window, exactly as dumped. */
export interface CounterCell {
  readonly count: number;
  readonly totalMs: number;
  readonly avgMs: number;
  readonly maxMs: number;
}

/** Something `util.inspect` (or the dumper) left out — reported, never guessed. */
export interface LostPart {
  /** Dotted path inside the dump where the loss sits ('' = the snapshot itself). */
  readonly path: string;
  /** What was printed instead, e.g. `[Object]`, `... 3 more items`, `[REDACTED]`. */
  readonly marker: string;
}

/** Which textual form a dump was read from. */
export type DumpFormat = 'inspect' | 'json' | 'diagnostics';

/** One counter dump = one window of one process. */
export interface CounterDump {
  /** Process key: the line's label (`[alice]`), the runner's label, or `'main'`. */
  readonly source: string;
  /** Epoch ms of the dump, from the line's ISO timestamp or a JSON time field, when present. */
  readonly time?: number;
  /** 1-based line of the dump header in its file. */
  readonly line: number;
  readonly format: DumpFormat;
  /** Counter cells by name (null-prototype object, so `__proto__` is just a name). */
  readonly counters: Readonly<Record<string, CounterCell>>;
  /** Names present in the dump whose value was not a cell (redacted, truncated, malformed). */
  readonly lost: readonly LostPart[];
  /**
   * True when the dump was cut off (end of file, next header) and only complete entries were kept.
   */
  readonly partial?: boolean;
}

/** What kind of quantity a counter holds. `incr`-only counters never accumulate time. */
export type CounterKind = 'timer' | 'count';

export function emptyCounters(): Record<string, CounterCell> {
  return Object.create(null) as Record<string, CounterCell>;
}

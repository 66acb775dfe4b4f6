/**
 * The change vs baseline of one lensed function, from the last A/B comparison: its lead
 * counter's metric (a timer's total time, a count's count), else its CPU total (the functions
 * diff, `ms CPU/s`). Found by the comparison's metric ids, built once per comparison.
 */
import type { Comparison, MetricComparison } from '../compare';
import type { SourceFunction } from '../source/sourceFunctions';
import type { CounterFacts } from './counterFacts';
import { normalizeProfilePath } from './paths';

export interface BaselineChange {
  /** What was compared: `orbitdb.putEntry total`, `CPU total`. */
  readonly basis: string;
  readonly metric: MetricComparison;
  /** The comparison's alpha: the confidence interval is at 1 − alpha. */
  readonly alpha: number;
}

/** One function of the comparison's functions diff: `name (file)` split. */
interface FunctionEntry {
  readonly name: string;
  readonly file: string;
  readonly metric: MetricComparison;
}

export class BaselineIndex {
  private readonly byId: ReadonlyMap<string, MetricComparison>;
  private readonly functions: readonly FunctionEntry[];

  constructor(readonly comparison: Comparison) {
    this.byId = new Map(comparison.counters.map((m) => [m.name, m]));
    const functions: FunctionEntry[] = [];
    for (const m of comparison.functions) {
      // `function:<name> (<file>):total` (iterationMetrics.ts); a function without a file is
      // `function:<name>:total`.
      const id = /^function:(.*):total$/.exec(m.name)?.[1];
      if (id === undefined) continue;
      const withFile = /^(.*) \((.*)\)$/.exec(id);
      functions.push(
        withFile
          ? { name: withFile[1], file: normalizeProfilePath(withFile[2]), metric: m }
          : { name: id, file: '', metric: m },
      );
    }
    this.functions = functions;
  }

  /** A timer's total time, a count's count. */
  counter(c: CounterFacts): MetricComparison | undefined {
    return this.byId.get(`counter:${c.name}:${c.kind === 'timer' ? 'total' : 'count'}`);
  }

  /**
   * The function's CPU total, when the diff has it: same name (a profile may qualify it,
   * `Owner.name`), and the comparison's file (relative to the run's folder) a trailing part of
   * the document's path.
   */
  cpu(path: string, fn: SourceFunction): MetricComparison | undefined {
    const doc = normalizeProfilePath(path);
    const hits = this.functions.filter(
      (f) =>
        (f.name === fn.name || f.name.endsWith(`.${fn.name}`)) &&
        f.file !== '' &&
        (doc === f.file || doc.endsWith(`/${f.file.replace(/^\/+/, '')}`)),
    );
    // A qualified name that names the owner wins over a bare one.
    const owned = fn.owner ? hits.find((h) => h.name === `${fn.owner}.${fn.name}`) : undefined;
    return owned?.metric ?? (hits.length === 1 ? hits[0].metric : undefined);
  }
}

/** The change a lens shows for a function: its lead counter's, else its CPU total's. */
export function baselineChange(
  index: BaselineIndex,
  path: string,
  fn: SourceFunction,
  leadCounter: CounterFacts | undefined,
): BaselineChange | undefined {
  if (leadCounter) {
    const m = index.counter(leadCounter);
    if (m)
      return {
        basis: `${leadCounter.name} ${leadCounter.kind === 'timer' ? 'total' : 'count'}`,
        metric: m,
        alpha: index.comparison.alpha,
      };
  }
  const cpu = index.cpu(path, fn);
  return cpu ? { basis: 'CPU total', metric: cpu, alpha: index.comparison.alpha } : undefined;
}

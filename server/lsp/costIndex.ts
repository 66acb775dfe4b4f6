/**
 * The costs the server currently knows, indexed by source file for CodeLens lookups.
 *
 * A source (a profile, a run folder) contributes function costs; loading the same path again
 * replaces its contribution, so a live run can be re-read as it grows.
 */
import type { LoadedSourceInfo } from '../../protocol/server';

/** The measured cost of one function, placed at its definition (1-based line, as editors show it). */
export interface FunctionCost {
  readonly name: string;
  /** Absolute path of the source file the function is defined in (after source-mapping). */
  readonly file: string;
  readonly line: number;
  readonly selfMs: number;
  readonly totalMs: number;
  readonly selfPct: number;
  readonly totalPct: number;
  /** Self samples: the basis the self numbers rest on. */
  readonly samples: number;
  /** Samples with the function anywhere on the stack: the basis of the total. */
  readonly totalSamples: number;
}

export interface LoadedCostSource {
  readonly info: LoadedSourceInfo;
  readonly functions: readonly FunctionCost[];
}

export class CostIndex {
  private readonly bySource = new Map<string, LoadedCostSource>();

  put(source: LoadedCostSource): void {
    this.bySource.set(source.info.path, source);
  }

  sources(): LoadedSourceInfo[] {
    return [...this.bySource.values()].map((s) => s.info);
  }

  /** Every cost whose file is `file`, from every loaded source, labelled with the source it came from. */
  costsInFile(file: string): { source: LoadedSourceInfo; cost: FunctionCost }[] {
    const out: { source: LoadedSourceInfo; cost: FunctionCost }[] = [];
    for (const s of this.bySource.values()) {
      for (const cost of s.functions) if (cost.file === file) out.push({ source: s.info, cost });
    }
    return out;
  }
}

/**
 * Function costs as flat rows — the shape the CLI's `--json` and the webview table share —
 * computed over every process at a path, merged. Lives in the engine so the language server need
 * not import the CLI.
 */
import type { EngineDiagnostic } from '../diagnostics';
import { frameCostTable, hasSampleCounts, sampleCount } from './functionCosts';
import { loadProfilePath, type LoadOptions } from './loadProfileFile';
import { mergeProfiles } from './merge';
import type { ProfileModel } from './model';

export interface FunctionRow {
  readonly name: string;
  /** Original source file (after source maps), or null for VM frames like `(program)`. */
  readonly file: string | null;
  /** 1-based line of the function's definition, or null when unknown. */
  readonly line: number | null;
  /** 1-based column of the definition, or null. */
  readonly column: number | null;
  /** Self time in ms; null when the profile only has sample counts (folded stacks, perf script). */
  readonly selfMs: number | null;
  readonly totalMs: number | null;
  readonly selfPct: number;
  readonly totalPct: number;
  /**
   * Self and total weight in the rows' unit (ms, samples, bytes or events): set on every row
   * `functionRows` builds.
   */
  readonly selfWeight?: number;
  readonly totalWeight?: number;
  /**
   * Self samples: the basis the numbers rest on (the summed counts for folded stacks, not lines);
   * null for evented profiles, which have intervals, not samples (their weight is time).
   */
  readonly samples: number | null;
  /** Samples with the function anywhere on the stack (null for evented profiles). */
  readonly totalSamples: number | null;
  /** For native (Rust) frames: the `impl` owner, trait and module path, to find the definition. */
  readonly owner?: string;
  readonly trait?: string;
  readonly modulePath?: string;
}

/**
 * `ms` for timed profiles, `samples` for sample counts only, `bytes` for heap profiles (not time),
 * `events` for counted events (callgrind).
 */
export type RowUnit = 'ms' | 'samples' | 'bytes' | 'events';

export const rowUnitOf = (u: ProfileModel['weightUnit']): RowUnit =>
  u === 'milliseconds' ? 'ms' : u;

export interface FunctionRows {
  /** The unit of `selfWeight`/`totalWeight`; `selfMs`/`totalMs` are set only for `ms`. */
  readonly unit: RowUnit;
  /** What is weighed when the unit alone does not say (`Ir`, `alloc_space`). */
  readonly weightLabel?: string;
  /** Sorted by self time (or self samples) descending. */
  readonly functions: FunctionRow[];
  /** null when a profile is evented (no samples). */
  readonly totalSamples: number | null;
  readonly totalMs: number | null;
  /** The per-process models the rows were computed from (kept apart; merged only for the rows). */
  readonly profiles: readonly ProfileModel[];
  readonly diagnostics: EngineDiagnostic[];
  /** For one file: the importer that took it as its format (see `LoadedProfiles`). */
  readonly recognisedAs?: string;
}

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

/** Rows over already-loaded models (merged across processes). */
export function functionRows(profiles: readonly ProfileModel[], label = 'profiles'): FunctionRows {
  const diagnostics: EngineDiagnostic[] = [];
  // Mixed units cannot be added up: keep one unit — time when there is any — and say what was left
  // out.
  const first =
    profiles.find((p) => p.weightUnit === 'milliseconds') ??
    profiles.find((p) => p.weightUnit === 'samples') ??
    profiles[0];
  const usable = profiles.filter(
    (p) => p.weightUnit === first?.weightUnit && p.weightLabel === first?.weightLabel,
  );
  if (usable.length !== profiles.length) {
    const what = first?.weightUnit === 'milliseconds' ? 'timed' : `in ${first?.weightUnit}`;
    diagnostics.push({
      severity: 'warning',
      file: label,
      message:
        `${profiles.length - usable.length} profiles of another unit were left out of ` +
        `the totals because the others are ${what}`,
    });
  }
  const merged = mergeProfiles(usable, { byProcess: false, name: label });
  const unit: RowUnit = first ? rowUnitOf(first.weightUnit) : 'ms';
  const functions: FunctionRow[] = merged ? rowsOf(merged, unit) : [];
  return {
    unit,
    ...(first?.weightLabel ? { weightLabel: first.weightLabel } : {}),
    functions,
    totalSamples: merged ? sampleCount(merged) : 0,
    totalMs: merged && unit === 'ms' ? round(merged.totalWeight) : null,
    profiles,
    diagnostics,
  };
}

/** One row per frame with any cost, in `functionCosts` order (straight from the flat arrays). */
function rowsOf(model: ProfileModel, unit: RowUnit): FunctionRow[] {
  const t = frameCostTable(model);
  const ms = unit === 'ms';
  const uncounted = !hasSampleCounts(model);
  return t.order.map((f) => {
    const frame = model.frames[f];
    const self = t.self[f];
    const total = t.total[f];
    return {
      name: frame.name,
      file: frame.file ?? null,
      line: frame.line ?? null,
      column: frame.column ?? null,
      selfMs: ms ? round(self) : null,
      totalMs: ms ? round(total) : null,
      selfPct: round(t.pct(self), 2),
      totalPct: round(t.pct(total), 2),
      selfWeight: round(self),
      totalWeight: round(total),
      samples: uncounted ? null : t.selfSamples[f],
      totalSamples: uncounted ? null : t.totalSamples[f],
      ...(frame.native?.owner ? { owner: frame.native.owner } : {}),
      ...(frame.native?.trait ? { trait: frame.native.trait } : {}),
      ...(frame.native ? { modulePath: frame.native.modulePath } : {}),
    };
  });
}

/**
 * Loads a profile file or folder and returns its function rows, with every diagnostic. Never
 * throws.
 */
export async function loadFunctionRows(
  path: string,
  options: LoadOptions = {},
): Promise<FunctionRows> {
  const loaded = await loadProfilePath(path, options);
  const rows = functionRows(loaded.profiles, path);
  return {
    ...rows,
    diagnostics: [...loaded.diagnostics, ...rows.diagnostics],
    ...(loaded.recognisedAs !== undefined ? { recognisedAs: loaded.recognisedAs } : {}),
  };
}

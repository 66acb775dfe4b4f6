/**
 * Where a native (Rust) frame is defined, by the inline matcher's own rules: the frame becomes
 * one cost group and each candidate file's functions are matched against it exactly as CodeLens
 * are (function name, `impl` owner, trait, module path from the file's place under `src/`), so a
 * row of the panel opens the function its lens sits on. Pure: the caller parses the files.
 */
import type { NativeFrame } from '../../protocol/sourceData';
import type { SourceFunction } from '../source/sourceFunctions';
import type { InlineCosts } from './costGroups';
import { matchFunctions } from './matchFunctions';

export interface ParsedRustFile {
  /** Normalised path (`/`-separated), as the matcher reads module paths from it. */
  readonly path: string;
  readonly functions: readonly SourceFunction[];
}

export interface NativeLocation {
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

/** The one-group costs the matcher needs for `frame` (weights are irrelevant here). */
function costsOf(frame: NativeFrame): InlineCosts {
  return {
    unit: 'samples',
    totalWeight: 1,
    totalSamples: 1,
    evented: false,
    processes: [{ label: 'frame', weight: 1, samples: 1 }],
    trees: [],
    groups: [
      {
        id: 0,
        name: frame.name,
        native: frame,
        self: 1,
        total: 1,
        selfSamples: 1,
        totalSamples: 1,
        perProcess: [],
      },
    ],
    callers: new Map(),
    callees: new Map(),
    groupsByFile: new Map(),
    filesByBaseName: new Map(),
    nativeByName: new Map([[frame.name, [0]]]),
    lines: new Map(),
  };
}

/** Every function of `files` the frame matches (usually one), in the files' order. */
export function locateNative(
  frame: NativeFrame,
  files: readonly ParsedRustFile[],
): NativeLocation[] {
  const costs = costsOf(frame);
  const out: NativeLocation[] = [];
  for (const f of files) {
    const m = matchFunctions({ path: f.path, language: 'rust', functions: f.functions, costs });
    for (const x of m.measures)
      if (x.cpu) out.push({ path: f.path, line: x.fn.line, column: x.fn.column });
  }
  return out;
}

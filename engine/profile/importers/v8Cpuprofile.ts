/**
 * V8 `.cpuprofile` importer: `node --cpu-prof` (Node 20), Chrome DevTools "Save profile", the
 * inspector's `Profiler.stop` result (optionally as `{ "profile": … }`).
 * Reference: https://chromedevtools.github.io/devtools-protocol/tot/Profiler/#type-Profile
 *
 * Bases, which differ inside one file: `callFrame.lineNumber`/`columnNumber` are 0-based (-1 for
 * none); `positionTicks[].line` is 1-based. Times are microseconds. Sample `i` happened at
 * `startTime + Σ timeDeltas[0..i]`; like DevTools' `CPUProfileDataModel`, it stands for the time
 * until the next sample, and the last one for the time until `endTime`.
 */
import { warningAt } from '../../diagnostics';
import { ProfileBuilder } from '../builder';
import type { ImportResult, ProfileImporter, ProfileInput, StreamParser } from '../importer';
import { addCpuSamples } from './v8CpuprofileSamples';
import { CpuprofileScanner, type RawCpuProfile } from './v8CpuprofileScanner';
import { buildCpuStackTree, type CpuStackTree } from './v8CpuprofileTree';

export { urlToFile } from './v8CpuprofileTree';

export const V8_CPUPROFILE = 'v8-cpuprofile';

/** Step 1 done ahead: the call tree and the builder it was built into. */
export interface EarlyTree {
  readonly b: ProfileBuilder;
  readonly tree: CpuStackTree;
}

/**
 * Builds the model from the scanned arrays in named steps; never throws. `early`: the tree,
 * already built from the nodes (the stream parser builds it as soon as they are read).
 */
export function cpuprofileToModel(
  fileName: string,
  raw: RawCpuProfile,
  early?: EarlyTree,
): ImportResult {
  const b = early?.b ?? new ProfileBuilder('milliseconds');
  warnIncomplete(raw, b);
  const tree = early?.tree ?? buildCpuStackTree(raw.nodes, b);
  if (early && raw.nodes.length > 0)
    b.warn(
      warningAt(
        fileName,
        `a second 'nodes' array (${raw.nodes.length} nodes) was ignored; the call tree is the first one`,
        { expected: "one 'nodes' array" },
      ),
    );
  warnTree(fileName, tree, b);
  addCpuSamples(fileName, raw, tree.nodeOf, b);
  const window = profileWindow(fileName, raw.startTime, raw.endTime, b);
  if (raw.samples.length === 0 && raw.seen.has('samples'))
    b.warn(
      warningAt(fileName, 'the profile has no samples; every cost is 0', {
        expected: 'a non-empty samples array',
      }),
    );
  const model = b.build({
    format: V8_CPUPROFILE,
    name: fileName.split(/[\\/]/).pop() ?? fileName,
    source: fileName,
    ...window,
  });
  return { kind: 'profiles', profiles: [model], diagnostics: model.diagnostics };
}

/** A file that ended or broke early: what was read before it is shown, and the warning says so. */
function warnIncomplete(raw: RawCpuProfile, b: ProfileBuilder): void {
  if (raw.incomplete)
    b.warn({
      ...raw.incomplete,
      severity: 'warning',
      message: `${raw.incomplete.message}; showing what was read before it`,
    });
}

function warnTree(fileName: string, tree: CpuStackTree, b: ProfileBuilder): void {
  if (tree.cycles > 0 || tree.danglingParents > 0)
    b.warn(
      warningAt(
        fileName,
        `the node tree is broken: ${tree.cycles} parent chains loop back on themselves (every node of the loop was attached at the top) and ${tree.danglingParents} name a parent id not in 'nodes' (the topmost node found was attached at the top); the callers of those nodes are unknown`,
        { expected: "'children' (or 'parent') ids forming a tree under (root)" },
      ),
    );
  if (tree.badNames > 0)
    b.warn(
      warningAt(
        fileName,
        `${tree.badNames} nodes have a 'callFrame.functionName' that is not a string; shown as (anonymous)`,
        { expected: 'a string function name' },
      ),
    );
}

/**
 * Microsecond clock values a profile can carry: V8's monotonic clock (since boot) or Unix time,
 * both well inside ±2^53 µs; a window longer than a year is a corrupt start or end.
 */
const MAX_WINDOW_US = 366 * 86_400_000_000;

/** `startMs`/`endMs` when they make a window; otherwise a warning and neither. */
function profileWindow(
  fileName: string,
  startUs: number | undefined,
  endUs: number | undefined,
  b: ProfileBuilder,
): { startMs?: number; endMs?: number } {
  if (startUs === undefined || endUs === undefined)
    return {
      ...(startUs !== undefined && Number.isFinite(startUs) ? { startMs: startUs / 1000 } : {}),
      ...(endUs !== undefined && Number.isFinite(endUs) ? { endMs: endUs / 1000 } : {}),
    };
  const span = endUs - startUs;
  if (Number.isFinite(span) && span >= 0 && span <= MAX_WINDOW_US)
    return { startMs: startUs / 1000, endMs: endUs / 1000 };
  b.warn(
    warningAt(
      fileName,
      `'startTime' ${startUs} and 'endTime' ${endUs} do not make a profile window; the window is not shown`,
      { expected: 'endTime ≥ startTime, at most a year apart (µs)' },
    ),
  );
  return {};
}

function streamParser(fileName: string, sizeHint?: number): StreamParser {
  // The tree is built as soon as the nodes are read (V8 writes them first): the raw node objects
  // are garbage before the sample arrays fill, and a collection the arrays set off may free them.
  let early: EarlyTree | undefined;
  const scanner = new CpuprofileScanner(fileName, sizeHint, (nodes) => {
    const b = new ProfileBuilder('milliseconds');
    early = { b, tree: buildCpuStackTree(nodes, b) };
  });
  return {
    push: (chunk) => scanner.push(chunk),
    end: () => {
      const r = scanner.end();
      if ('error' in r) return { kind: 'profiles', profiles: [], diagnostics: [r.error] };
      return cpuprofileToModel(fileName, r.raw, early);
    },
  };
}

export const v8CpuprofileImporter: ProfileImporter = {
  id: V8_CPUPROFILE,
  label: '.cpuprofile',
  reads:
    'V8 CPU profile JSON (node --cpu-prof on Node 20, Chrome DevTools, inspector Profiler.stop)',
  matchesName: (name) => /\.cpuprofile$/i.test(name),
  sniff(head) {
    const t = head.replace(/^\uFEFF/, '').trimStart();
    if (!t.startsWith('{')) return "does not start with '{'";
    if (
      /"nodes"\s*:\s*\[/.test(t) &&
      (/"callFrame"\s*:/.test(t) || /"nodes"\s*:\s*\[\s*\]/.test(t))
    )
      return null;
    if (/"profile"\s*:\s*\{\s*"nodes"/.test(t)) return null;
    return "no 'nodes' array with 'callFrame' objects near the start";
  },
  parse(input: ProfileInput): ImportResult {
    const p = streamParser(input.fileName);
    let any = false;
    for (const c of input.chunks) {
      any = true;
      p.push(c);
    }
    if (!any) p.push(new Uint8Array(0));
    return p.end();
  },
  createStreamParser: streamParser,
};

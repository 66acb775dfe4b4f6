/**
 * callgrind profiles (valgrind 3.x `--tool=callgrind`, and tools writing the same format:
 * KCachegrind's, Xdebug's, pyprof2calltree). Reference: the format spec,
 * valgrind.org/docs/manual/cl-format.html, and speedscope `src/import/callgrind.ts`.
 *
 * Read: the `events:` header (one profile per event type; the weights are counts of that event —
 * `Ir` instructions, not time); `positions:` (line, or instr and line); `fl=`/`fi=`/`fe=` files
 * (`fi`/`fe` for inlined code, the function keeps its `fl`), `fn=`, `cfn=`/`cfi=`/`cfl=`,
 * `calls=` whose next cost line is the call's inclusive cost; name compression `(id) name` /
 * `(id)`, shared by fl/fi/fe/cfi/cfl, by fn/cfn and by ob/cob; relative positions (`+n`, `-n`,
 * `*`); `totals:`/`summary:` checked against the sum of self costs.
 *
 * A call graph does not fix one call tree: like speedscope, the tree is built from the roots
 * (functions no one calls) by assuming every call of a function splits its cost among its callees
 * as the whole run did; recursion and call cycles are condensed first (`callgrindTree.ts`), so
 * self costs are the file's and inclusive costs are exact wherever the call graph determines them
 * (a warning names the cycle members where it does not).
 *
 * The lines are read in `callgrindLines.ts` (name compression in `callgrindNames.ts`); this file
 * turns what they hold into one profile per event, with the file's own totals checked.
 */
import { errorAt, warningAt, type EngineDiagnostic } from '../../diagnostics';
import { ProfileBuilder } from '../builder';
import type { ImportResult, ProfileImporter, ProfileInput } from '../importer';
import { notMine } from '../importer';
import { baseName } from '../jsonInput';
import type { ProfileModel } from '../model';
import { parseNativeName } from '../nativeNames';
import { decodeChunks } from '../textInput';
import { readCallgrindLines, type CallgrindLines } from './callgrindLines';
import { buildCallTree, type CallgrindFn } from './callgrindTree';

export const CALLGRIND = 'callgrind';

type Fn = CallgrindFn;

/**
 * Call-tree nodes built per event at most; past it, the rest folds into callers (with a warning).
 */
const MAX_NODES = 200_000;

export function parseCallgrind(fileName: string, text: string): ImportResult {
  const read = readCallgrindLines(text);
  if (!read.sawBody && read.events.length === 0)
    return notMine(CALLGRIND, "no 'events:' header and no fn=/cost lines");
  const diagnostics: EngineDiagnostic[] = [];
  if (read.badLines > 0) diagnostics.push(badLinesWarning(fileName, read));
  let events = read.events;
  if (events.length === 0) {
    // The spec's default when a file names no events.
    events = ['Ir'];
    diagnostics.push(
      warningAt(fileName, "no 'events:' header; the costs are read as one unnamed event (Ir)", {
        line: 1,
        column: 1,
        expected: "'events: Ir …'",
      }),
    );
  }
  if (read.fns.size === 0)
    return {
      kind: 'profiles',
      profiles: [],
      diagnostics: [
        ...diagnostics,
        errorAt(fileName, 'no function has any cost', {
          offset: 0,
          expected: "'fn=' blocks with cost lines",
        }),
      ],
    };
  const profiles: ProfileModel[] = [];
  const all = [...diagnostics];
  for (let e = 0; e < events.length; e++) {
    const m = eventProfile(fileName, read.fns, e, events[e]);
    const own = [...m.diagnostics];
    const mismatch = totalsMismatch(fileName, read, e, events[e]);
    if (mismatch) own.push(mismatch);
    all.push(...own);
    profiles.push({ ...m, diagnostics: [...diagnostics, ...own] });
  }
  return { kind: 'profiles', profiles, diagnostics: all };
}

function badLinesWarning(fileName: string, read: CallgrindLines): EngineDiagnostic {
  return warningAt(
    fileName,
    `${read.badLines} lines were not callgrind spec or cost lines (first: line ${read.firstBad}); ` +
      `skipped`,
    {
      line: read.firstBad,
      column: 1,
      expected: "'key: value' headers, 'fl=/fn=/cfn=/calls=' specs, or '<position> <costs…>' lines",
    },
  );
}

/** A warning when the file's `totals:`/`summary:` for event `e` is not the sum of self costs. */
function totalsMismatch(
  fileName: string,
  read: CallgrindLines,
  e: number,
  event: string,
): EngineDiagnostic | undefined {
  const total = read.totals?.[e];
  if (total === undefined) return undefined;
  let selfSum = 0;
  for (const f of read.fns.values()) selfSum += f.self[e] ?? 0;
  // NaN (a totals entry that is no number) compares false: no warning, as for a match.
  if (!(Math.abs(total - selfSum) > 0.5)) return undefined;
  return warningAt(
    fileName,
    `the self costs add up to ${selfSum} ${event}, the file's totals say ${total}`,
    {
      expected: "'totals:'/'summary:' equal to the sum of all self costs",
    },
  );
}

function eventProfile(
  fileName: string,
  fns: Map<string, Fn>,
  e: number,
  event: string,
): ProfileModel {
  const b = new ProfileBuilder('events');
  const frameOf = new Map<string, number>();
  const frame = (f: Fn): number => {
    let id = frameOf.get(f.key);
    if (id === undefined) {
      const native = parseNativeName(f.name);
      id = b.frame({
        name: f.name,
        ...(f.file && f.file !== '???' ? { file: f.file } : {}),
        ...(native ? { native } : {}),
      });
      frameOf.set(f.key, id);
    }
    return id;
  };
  const { estimated, capped } = buildCallTree(fns, e, b, frame, MAX_NODES);
  if (estimated.length > 0) {
    const names = estimated.map((f) => f.name).sort();
    b.warn(
      warningAt(
        fileName,
        `${event}: ${names.length} functions are in a call cycle that is entered through ` +
          `another member or several ` +
          `(${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}); a ` +
          `call graph does not tell their inclusive costs, so those are ` +
          `estimates (self costs are exact)`,
        { expected: 'inclusive costs determined by the call graph' },
      ),
    );
  }
  if (capped)
    b.warn(
      warningAt(
        fileName,
        `the call tree was cut at ${MAX_NODES} nodes; deeper costs are shown in their callers`,
        {
          expected: 'a call graph whose tree fits the limit',
        },
      ),
    );
  return b.build({
    format: CALLGRIND,
    name: `${baseName(fileName)} ${event}`,
    source: fileName,
    weightLabel: event,
    // Its records are cost lines summed per call-tree node, not samples: no sample count.
    uncounted: true,
  });
}

export const callgrindImporter: ProfileImporter = {
  id: CALLGRIND,
  label: 'callgrind',
  reads: 'callgrind format (valgrind 3.19 --tool=callgrind; KCachegrind-compatible writers)',
  matchesName: (name) =>
    /(^|[\\/])callgrind\.out(\.[^\\/]*)?$/i.test(name) || /\.callgrind$/i.test(name),
  sniff(head) {
    const t = head.replace(/^\uFEFF/, '');
    if (/^# callgrind format/m.test(t)) return null;
    if (/^events:\s*\S/m.test(t) && /^(fn|fl|ob)=/m.test(t)) return null;
    return "no '# callgrind format' line, nor an 'events:' header with fn=/fl= lines";
  },
  parse(input: ProfileInput): ImportResult {
    const d = decodeChunks(input.fileName, input.chunks, 'callgrind');
    if ('error' in d) return { kind: 'profiles', profiles: [], diagnostics: [d.error] };
    return parseCallgrind(input.fileName, d.text);
  },
};

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
 */
import { errorAt, warningAt, type EngineDiagnostic } from '../../diagnostics';
import { ProfileBuilder } from '../builder';
import type { ImportResult, ProfileImporter, ProfileInput } from '../importer';
import { notMine } from '../importer';
import { baseName } from '../jsonInput';
import type { ProfileModel } from '../model';
import { parseNativeName } from '../nativeNames';
import { decodeChunks } from '../textInput';
import { buildCallTree, type CallgrindFn } from './callgrindTree';

export const CALLGRIND = 'callgrind';

type Fn = CallgrindFn;

/**
 * Call-tree nodes built per event at most; past it, the rest folds into callers (with a warning).
 */
const MAX_NODES = 200_000;

export function parseCallgrind(fileName: string, text: string): ImportResult {
  const lines = text.split('\n');
  const diagnostics: EngineDiagnostic[] = [];
  let events: string[] = [];
  let positions = ['line'];
  let totals: number[] | undefined;
  const names = {
    file: new Map<string, string>(),
    fn: new Map<string, string>(),
    ob: new Map<string, string>(),
  };
  const fns = new Map<string, Fn>();
  let fl = '';
  /** The file of the code now being described: `fl`, or the inlined file of a `fi=`/`fe=`. */
  let current = '';
  let fnKey: string | undefined;
  let cfn: string | undefined;
  let cfile: string | undefined;
  let pendingCall = false;
  let skipNext = false;
  let badLines = 0;
  let firstBad = 0;
  let sawBody = false;

  /** `(id) name` defines, `(id)` refers, plain `name` is itself. */
  const resolve = (table: Map<string, string>, v: string): string => {
    const m = /^\((\d+)\)\s*(.*)$/.exec(v);
    if (!m) return v;
    if (m[2] !== '') {
      table.set(m[1], m[2]);
      return m[2];
    }
    return table.get(m[1]) ?? `(${m[1]})`;
  };
  const fnOf = (name: string, file: string): Fn => {
    const key = `${name}\u0000${file}`;
    let f = fns.get(key);
    if (!f) fns.set(key, (f = { key, name, file, self: [], calls: new Map() }));
    return f;
  };
  const add = (into: number[], costs: number[]): void => {
    for (let i = 0; i < costs.length; i++) into[i] = (into[i] ?? 0) + costs[i];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line === '' || line.startsWith('#')) continue;
    if (skipNext) {
      skipNext = false;
      continue;
    }
    const c = line.charCodeAt(0);
    const isCost = (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2a; // 0-9 + - *
    if (isCost) {
      sawBody = true;
      const parts = line.trim().split(/\s+/);
      const costs: number[] = [];
      let ok = parts.length >= positions.length;
      for (let k = positions.length; k < parts.length && ok; k++) {
        const v = Number(parts[k]);
        if (!Number.isFinite(v) || v < 0) ok = false;
        else costs.push(v);
      }
      if (!ok || fnKey === undefined) {
        if (badLines++ === 0) firstBad = i + 1;
        pendingCall = false;
        continue;
      }
      const caller = fns.get(fnKey)!;
      if (pendingCall) {
        const callee = cfn !== undefined ? fnOf(cfn, cfile ?? current).key : undefined;
        if (callee !== undefined) {
          let acc = caller.calls.get(callee);
          if (!acc) caller.calls.set(callee, (acc = []));
          add(acc, costs);
        }
        pendingCall = false;
        cfn = undefined;
        cfile = undefined;
      } else add(caller.self, costs);
      continue;
    }
    const eq = line.indexOf('=');
    const colon = line.indexOf(':');
    if (eq > 0 && (colon < 0 || eq < colon)) {
      sawBody = true;
      const key = line.slice(0, eq);
      const value = line.slice(eq + 1).trim();
      switch (key) {
        case 'fl':
          fl = current = resolve(names.file, value);
          break;
        case 'fi':
        case 'fe':
          // Inlined code from another file: costs still belong to the current function, but a
          // call without `cfi=` goes to a function of this file.
          current = resolve(names.file, value);
          break;
        case 'fn':
          fnKey = fnOf(resolve(names.fn, value), fl).key;
          current = fl;
          break;
        case 'cfn':
          cfn = resolve(names.fn, value);
          break;
        case 'cfi':
        case 'cfl':
          cfile = resolve(names.file, value);
          break;
        case 'ob':
        case 'cob':
          resolve(names.ob, value);
          break;
        case 'calls':
          pendingCall = true;
          break;
        case 'jump':
        case 'jcnd':
          // Followed by the source position of the jump, which carries no cost for us.
          skipNext = true;
          break;
        default:
          if (badLines++ === 0) firstBad = i + 1;
      }
      continue;
    }
    if (colon > 0) {
      const key = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (key === 'events') events = value.split(/\s+/).filter(Boolean);
      else if (key === 'positions') positions = value.split(/\s+/).filter(Boolean);
      else if (key === 'totals' || key === 'summary') totals = value.split(/\s+/).map(Number);
      continue;
    }
    if (badLines++ === 0) firstBad = i + 1;
  }
  if (!sawBody && events.length === 0)
    return notMine(CALLGRIND, "no 'events:' header and no fn=/cost lines");
  if (badLines > 0)
    diagnostics.push(
      warningAt(
        fileName,
        `${badLines} lines were not callgrind spec or cost lines (first: line ${firstBad}); ` +
          `skipped`,
        {
          line: firstBad,
          column: 1,
          expected:
            "'key: value' headers, 'fl=/fn=/cfn=/calls=' specs, or '<position> <costs…>' lines",
        },
      ),
    );
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
  if (fns.size === 0)
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
    const m = eventProfile(fileName, fns, e, events[e]);
    const own = [...m.diagnostics];
    let selfSum = 0;
    for (const f of fns.values()) selfSum += f.self[e] ?? 0;
    if (totals && totals[e] !== undefined && Math.abs(totals[e] - selfSum) > 0.5)
      own.push(
        warningAt(
          fileName,
          `the self costs add up to ${selfSum} ${events[e]}, the file's totals say ${totals[e]}`,
          {
            expected: "'totals:'/'summary:' equal to the sum of all self costs",
          },
        ),
      );
    all.push(...own);
    profiles.push({ ...m, diagnostics: [...diagnostics, ...own] });
  }
  return { kind: 'profiles', profiles, diagnostics: all };
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
  });
}

export const callgrindImporter: ProfileImporter = {
  id: CALLGRIND,
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

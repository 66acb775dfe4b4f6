/**
 * The legacy V8 `.cpuprofile`, as Chrome DevTools wrote it before the 2016 protocol change and as
 * v8-profiler / v8-profiler-node8 (Node ≤ 10) still write it:
 *
 *     { "head": { "functionName", "url", "lineNumber", "columnNumber"?, "hitCount", "id",
 *                 "children": [ …nested nodes… ], "positionTicks"? },
 *       "startTime": <seconds>, "endTime": <seconds>,
 *       "samples": [ node ids ], "timestamps": [ absolute microseconds ] }
 *
 * Differences from today's format: the call tree is nested (`head` with child objects) instead of
 * a flat `nodes` array; times are absolute `timestamps` instead of `timeDeltas`; start and end are
 * seconds, not microseconds; `lineNumber`/`columnNumber` are 1-based as V8's C++ API returns them
 * (`CpuProfileNode::GetLineNumber`, 0 = `kNoLineNumberInfo`), not 0-based like `callFrame`.
 * Reference: speedscope `src/import/v8cpuFormatter.ts` (which, unlike this reader, treats the old
 * line numbers as 0-based). The tree is converted to the flat form and read by the one V8 reader,
 * so weights mean the same: each sample stands for the time until the next, the last until `endTime`.
 */
import { errorAt, warningAt, type EngineDiagnostic } from '../../diagnostics';
import type { ImportResult, ProfileImporter, ProfileInput } from '../importer';
import { notMine } from '../importer';
import { isObject, parseJsonInput } from '../jsonInput';
import { cpuprofileToModel } from './v8Cpuprofile';
import type { RawCpuNode, RawCpuProfile } from './v8CpuprofileScanner';

export const V8_CPUPROFILE_LEGACY = 'v8-cpuprofile-legacy';

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/** Flattens the nested tree iteratively (old profiles of deep recursion nest thousands of levels). */
function flatten(head: Record<string, unknown>): { nodes: RawCpuNode[]; bad: number } {
  const nodes: RawCpuNode[] = [];
  let bad = 0;
  const seen = new Set<unknown>();
  const todo: Record<string, unknown>[] = [head];
  while (todo.length > 0) {
    const n = todo.pop()!;
    const id = num(n.id);
    if (id === undefined || seen.has(n)) {
      bad++;
      continue;
    }
    seen.add(n);
    const kids = Array.isArray(n.children) ? n.children.filter(isObject) : [];
    const line = num(n.lineNumber);
    const column = num(n.columnNumber);
    const ticks = Array.isArray(n.positionTicks)
      ? (n.positionTicks as unknown[]).filter(isObject).map((t) => ({
          line: num(t.line) ?? 0,
          ticks: num(t.ticks) ?? 0,
        }))
      : undefined;
    nodes.push({
      id,
      callFrame: {
        functionName: typeof n.functionName === 'string' ? n.functionName : '',
        url: typeof n.url === 'string' ? n.url : '',
        // 1-based here, 0-based in the flat format's callFrame (-1 = none).
        lineNumber: line !== undefined && line > 0 ? line - 1 : -1,
        columnNumber: column !== undefined && column > 0 ? column - 1 : -1,
      },
      ...(num(n.hitCount) !== undefined ? { hitCount: num(n.hitCount) } : {}),
      children: kids.map((k) => num(k.id)).filter((k): k is number => k !== undefined),
      ...(ticks ? { positionTicks: ticks } : {}),
    });
    for (let i = kids.length - 1; i >= 0; i--) todo.push(kids[i]);
  }
  return { nodes, bad };
}

export function parseLegacyCpuprofile(fileName: string, value: unknown): ImportResult {
  if (!isObject(value) || !isObject(value.head))
    return notMine(V8_CPUPROFILE_LEGACY, "no 'head' object");
  const fail = (message: string, expected: string): ImportResult => ({
    kind: 'profiles',
    profiles: [],
    diagnostics: [errorAt(fileName, message, { offset: 0, expected })],
  });
  const startS = num(value.startTime);
  const endS = num(value.endTime);
  if (!Array.isArray(value.samples) || !Array.isArray(value.timestamps))
    return fail(
      "the legacy profile has no 'samples' and 'timestamps' arrays, so its samples cannot be placed in time",
      "'samples' (node ids) and 'timestamps' (microseconds) arrays",
    );
  if (startS === undefined)
    return fail("'startTime' is missing or not a number", "'startTime' in seconds");
  const samples = value.samples as unknown[];
  const timestamps = value.timestamps as unknown[];
  const { nodes, bad } = flatten(value.head);
  const ids = Float64Array.from(samples, (s) => num(s) ?? -1);
  // The first delta is from startTime (seconds → µs), as speedscope's chromeTreeToNodes does.
  const startUs = startS * 1e6;
  const deltas = new Float64Array(timestamps.length);
  let prev = startUs;
  for (let i = 0; i < timestamps.length; i++) {
    const t = num(timestamps[i]) ?? prev;
    deltas[i] = t - prev;
    prev = t;
  }
  const raw: RawCpuProfile = {
    nodes,
    samples: ids,
    timeDeltas: deltas,
    startTime: startUs,
    ...(endS !== undefined ? { endTime: endS * 1e6 } : {}),
    seen: new Set(['nodes', 'samples', 'timeDeltas']),
  };
  const r = cpuprofileToModel(fileName, raw);
  if (r.kind !== 'profiles') return r;
  const extra =
    bad > 0
      ? [
          warningAt(fileName, `${bad} tree nodes have no numeric 'id' (or repeat); skipped`, {
            expected: "nodes with a numeric 'id'",
          }),
        ]
      : [];
  // The shared reader speaks of 'timeDeltas'; this file had 'timestamps'.
  const renamed = (d: EngineDiagnostic): EngineDiagnostic => ({
    ...d,
    message: d.message.replace(/'timeDeltas'/g, "'timestamps'"),
    ...(d.expected ? { expected: d.expected.replace(/'timeDeltas'/g, "'timestamps'") } : {}),
  });
  const profiles = r.profiles.map((p) => ({
    ...p,
    format: V8_CPUPROFILE_LEGACY,
    diagnostics: [...p.diagnostics.map(renamed), ...extra],
  }));
  return { kind: 'profiles', profiles, diagnostics: profiles.flatMap((p) => p.diagnostics) };
}

export const v8CpuprofileLegacyImporter: ProfileImporter = {
  id: V8_CPUPROFILE_LEGACY,
  label: 'legacy .cpuprofile',
  reads:
    'legacy V8 .cpuprofile (head tree, timestamps): Chrome DevTools before 2016, v8-profiler-node8',
  matchesName: (name) => /\.cpuprofile$/i.test(name),
  sniff(head) {
    const t = head.replace(/^\uFEFF/, '').trimStart();
    if (!t.startsWith('{')) return "does not start with '{'";
    if (/"selfSize"\s*:/.test(t)) return "a 'head' tree with 'selfSize' is a heap profile";
    return /"head"\s*:\s*\{/.test(t) ? null : "no 'head' call tree";
  },
  parse(input: ProfileInput): ImportResult {
    const j = parseJsonInput(input, 'legacy cpuprofile');
    if ('error' in j) return { kind: 'profiles', profiles: [], diagnostics: [j.error] };
    return parseLegacyCpuprofile(input.fileName, j.value);
  },
};

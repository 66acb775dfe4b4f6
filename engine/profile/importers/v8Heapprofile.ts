/**
 * V8 sampling heap profiles (`.heapprofile`): `node --heap-prof` (Node 20), Chrome DevTools'
 * "Allocation sampling" save, and the inspector's `HeapProfiler.stopSampling` result (bare or as
 * `{ "profile": … }`). Reference: the DevTools protocol's `HeapProfiler.SamplingHeapProfile`
 * (chromedevtools.github.io/devtools-protocol/tot/HeapProfiler) and speedscope
 * `src/import/v8heapalloc.ts`.
 *
 *     { "head": { "callFrame": {…0-based lines…}, "selfSize": <bytes>, "id", "children": [ … ] },
 *       "samples": [ { "size", "nodeId", "ordinal" } ] }
 *
 * The weights are **bytes, not time** (`weightUnit: 'bytes'`): a node's `selfSize` is what
 * DevTools shows as its self size, the bytes of the sampled allocations made there. The sample
 * count is the number of sampled allocations (`samples` entries) at each node, so "n=" is true;
 * their bytes are scaled so each node adds up to its `selfSize` (the samples' own `size` sums
 * differ from it slightly, and DevTools and speedscope both show `selfSize`). A node with bytes
 * but no samples entry (files without `samples`) counts as one sample.
 */
import { errorAt, warningAt } from '../../diagnostics';
import { ProfileBuilder } from '../builder';
import type { ImportResult, ProfileImporter, ProfileInput } from '../importer';
import { notMine } from '../importer';
import { baseName, isObject, parseJsonInput } from '../jsonInput';
import { urlToFile } from './v8Cpuprofile';

export const V8_HEAPPROFILE = 'v8-heapprofile';

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

export function parseHeapprofile(fileName: string, value: unknown): ImportResult {
  const root = isObject(value) && isObject(value.profile) ? value.profile : value;
  if (!isObject(root) || !isObject(root.head))
    return notMine(V8_HEAPPROFILE, "no 'head' allocation tree");
  const b = new ProfileBuilder('bytes');
  const tally = walkAllocationTree(b, root.head, sampledAllocations(root.samples));
  warnAboutNodes(b, fileName, tally);
  const model = b.build({
    format: V8_HEAPPROFILE,
    name: baseName(fileName),
    source: fileName,
    weightLabel: 'sampled allocation bytes',
  });
  return { kind: 'profiles', profiles: [model], diagnostics: model.diagnostics };
}

interface Sampled {
  count: number;
  bytes: number;
}

/** Sampled allocations per node id: count and byte sum (to spread selfSize over them). */
function sampledAllocations(samples: unknown): Map<number, Sampled> {
  const sampled = new Map<number, Sampled>();
  if (!Array.isArray(samples)) return sampled;
  for (const s of samples) {
    if (!isObject(s)) continue;
    const id = num(s.nodeId);
    const size = num(s.size);
    if (id === undefined || size === undefined || size < 0) continue;
    const e = sampled.get(id) ?? { count: 0, bytes: 0 };
    e.count++;
    e.bytes += size;
    sampled.set(id, e);
  }
  return sampled;
}

/** Nodes that could not be counted: no numeric size (or not an object), or a negative one. */
interface NodeTally {
  badNodes: number;
  negative: number;
}

/** Every node as a frame under its parent, its selfSize as samples; returns what was skipped. */
function walkAllocationTree(
  b: ProfileBuilder,
  head: Record<string, unknown>,
  sampled: Map<number, Sampled>,
): NodeTally {
  const tally: NodeTally = { badNodes: 0, negative: 0 };
  const seen = new Set<unknown>();
  // Iterative walk (allocation trees of deep recursion nest thousands of levels).
  const todo: { node: Record<string, unknown>; parent: number }[] = [{ node: head, parent: -1 }];
  while (todo.length > 0) {
    const { node, parent } = todo.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    const cf = isObject(node.callFrame) ? node.callFrame : {};
    const isRoot = parent === -1 && cf.functionName === '(root)';
    const here = isRoot ? parent : b.node(parent, frameOf(b, cf));
    if (!isRoot) sampleSelfSize(b, here, node, sampled, tally);
    if (Array.isArray(node.children))
      for (let i = node.children.length - 1; i >= 0; i--) {
        const c: unknown = node.children[i];
        if (isObject(c)) todo.push({ node: c, parent: here });
        else tally.badNodes++;
      }
  }
  return tally;
}

function frameOf(b: ProfileBuilder, cf: Record<string, unknown>): number {
  const name = typeof cf.functionName === 'string' ? cf.functionName : '';
  const line = num(cf.lineNumber);
  const column = num(cf.columnNumber);
  const file = typeof cf.url === 'string' ? urlToFile(cf.url) : undefined;
  return b.frame({
    name: name !== '' ? name : '(anonymous)',
    ...(file ? { file } : {}),
    // 0-based in the protocol, as in a .cpuprofile.
    ...(line !== undefined && line >= 0 ? { line: line + 1 } : {}),
    ...(column !== undefined && column >= 0 ? { column: column + 1 } : {}),
  });
}

/** A node's selfSize spread evenly over its sampled allocations (one sample when it has none). */
function sampleSelfSize(
  b: ProfileBuilder,
  here: number,
  node: Record<string, unknown>,
  sampled: Map<number, Sampled>,
  tally: NodeTally,
): void {
  const self = num(node.selfSize);
  const id = num(node.id);
  if (self === undefined) tally.badNodes++;
  else if (self < 0) tally.negative++;
  else if (self > 0) {
    const s = id !== undefined ? sampled.get(id) : undefined;
    if (s && s.count > 0 && s.bytes > 0)
      for (let i = 0; i < s.count; i++) b.sample(here, self / s.count);
    else b.sample(here, self);
  }
}

function warnAboutNodes(b: ProfileBuilder, fileName: string, tally: NodeTally): void {
  if (tally.badNodes > 0)
    b.warn(
      warningAt(
        fileName,
        `${tally.badNodes} allocation nodes have no numeric 'selfSize' or are not objects; ` +
          `counted as 0 bytes`,
        { expected: "nodes with 'callFrame', 'selfSize' and 'children'" },
      ),
    );
  if (tally.negative > 0)
    b.warn(
      warningAt(
        fileName,
        `${tally.negative} allocation nodes have a negative 'selfSize'; counted as 0 bytes`,
        { expected: 'non-negative byte counts' },
      ),
    );
  if (b.sampleCount === 0)
    b.warn(
      warningAt(fileName, 'the heap profile has no sampled allocations; every size is 0', {
        expected: "nodes with a positive 'selfSize'",
      }),
    );
}

export const v8HeapprofileImporter: ProfileImporter = {
  id: V8_HEAPPROFILE,
  label: '.heapprofile',
  reads:
    'V8 sampling heap profile .heapprofile (node --heap-prof on Node 20, DevTools allocation ' +
    'sampling, HeapProfiler.stopSampling)',
  matchesName: (name) => /\.heapprofile$/i.test(name),
  sniff(head) {
    const t = head.replace(/^\uFEFF/, '').trimStart();
    if (!t.startsWith('{')) return "does not start with '{'";
    return /"head"\s*:\s*\{/.test(t) && /"selfSize"\s*:/.test(t) && /"callFrame"\s*:/.test(t)
      ? null
      : "no 'head' allocation tree with 'callFrame' and 'selfSize'";
  },
  parse(input: ProfileInput): ImportResult {
    const j = parseJsonInput(input, 'heap profile');
    if ('error' in j) return { kind: 'profiles', profiles: [], diagnostics: [j.error] };
    const r = parseHeapprofile(input.fileName, j.value);
    if (r.kind === 'not-mine')
      return {
        kind: 'profiles',
        profiles: [],
        diagnostics: [
          errorAt(input.fileName, "the JSON has no 'head' allocation tree", {
            offset: 0,
            expected:
              'a sampling heap profile: { head: { callFrame, selfSize, children }, samples }',
          }),
        ],
      };
    return r;
  },
};

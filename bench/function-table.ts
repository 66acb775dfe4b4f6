/**
 * Functions-tab benchmark: filtering and sorting 50,000 function rows the way the panel does
 * (webview/logic/functionOrder.ts: column arrays and an index permutation), next to the obvious
 * way in the same run — build one object per row, `Array.filter`, then `Array.sort` with a
 * comparator on the objects — as the named reference. Target: < 50 ms per operation.
 *
 *   node --import tsx bench/function-table.ts [--rows 50000] [--reps 21]
 *
 * Rows are synthetic but shaped like a big Node profile: names `module<k>.fn<i>`, files spread
 * over ~2,000 paths, self/total times from a long-tailed distribution. Prints a Markdown table of
 * medians (ms) and the ratio to the reference.
 */
import type { FunctionData } from '../protocol/sourceData';
import { functionOrder, type FunctionSortKey } from '../webview/logic/functionOrder';
import { mulberry32 } from './seededRandom';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] ? Number(process.argv[i + 1]) : def;
}

function rows(n: number): FunctionData {
  const r = mulberry32(42);
  const names: string[] = [];
  const files: (string | null)[] = [];
  const lines: (number | null)[] = [];
  const selfCost: number[] = [];
  const totalMs: number[] = [];
  for (let i = 0; i < n; i++) {
    names.push(`module${i % 997}.fn${i}${i % 7 === 0 ? 'Entry' : ''}`);
    files.push(i % 50 === 0 ? null : `/repo/src/pkg${i % 40}/file${i % 2000}.ts`);
    lines.push(i % 50 === 0 ? null : 1 + (i % 900));
    const self = -Math.log(1 - r()) * 3; // exponential: many small, a few large
    selfCost.push(Math.round(self * 1000) / 1000);
    totalMs.push(Math.round((self + -Math.log(1 - r()) * 10) * 1000) / 1000);
  }
  const sum = selfCost.reduce((a, b) => a + b, 0);
  return {
    unit: 'ms',
    totalSamples: n * 10,
    totalMs: sum,
    profiles: [],
    names,
    files,
    lines,
    selfCost,
    totalCost: totalMs,
    selfPct: selfCost.map((x) => (x / sum) * 100),
    totalPct: totalMs.map((x) => (x / sum) * 100),
    selfSamples: selfCost.map((x) => Math.round(x)),
    totalSamplesOf: totalMs.map((x) => Math.round(x)),
  };
}

interface RowObject {
  name: string;
  file: string | null;
  self: number;
  total: number;
}

/** The reference: row objects, filter, sort with a comparator. */
function reference(f: FunctionData, filter: string, key: FunctionSortKey): RowObject[] {
  const objs: RowObject[] = f.names.map((name, i) => ({
    name,
    file: f.files[i],
    self: f.selfCost[i]!,
    total: f.totalCost[i]!,
  }));
  const needle = filter.toLowerCase();
  const kept = needle
    ? objs.filter(
        (o) =>
          o.name.toLowerCase().includes(needle) || (o.file ?? '').toLowerCase().includes(needle),
      )
    : objs;
  return kept.sort((a, b) =>
    key === 'name'
      ? a.name.localeCompare(b.name)
      : key === 'total'
        ? b.total - a.total
        : b.self - a.self,
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown, reps: number): number {
  fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

const n = arg('rows', 50_000);
const reps = arg('reps', 21);
const data = rows(n);
const cases: { label: string; filter: string; key: FunctionSortKey; desc: boolean }[] = [
  { label: 'sort by self time', filter: '', key: 'self', desc: true },
  { label: 'sort by total time', filter: '', key: 'total', desc: true },
  { label: 'sort by name', filter: '', key: 'name', desc: false },
  { label: 'filter "entry" + sort by self', filter: 'entry', key: 'self', desc: true },
  { label: 'filter "pkg3/" + sort by name', filter: 'pkg3/', key: 'name', desc: false },
];
console.log(
  `Functions table: ${n.toLocaleString('en-US')} rows, median of ${reps} runs ` +
    `(Node ${process.version})\n`,
);
console.log('| operation | PerfLens ms | reference ms (objects + Array.sort) | ratio | < 50 ms |');
console.log('| :--- | ---: | ---: | ---: | :---: |');
// The first text sort of a data set ranks the names once (later sorts reuse the ranks): measured
// on a fresh copy of the data each time.
{
  const ours = time(() => functionOrder({ ...data }, '', 'name', false), reps);
  const ref = time(() => reference(data, '', 'name'), reps);
  console.log(
    `| sort by name, first time (ranks built) | ${ours.toFixed(1)} | ${ref.toFixed(1)} | ${(ours / ref).toFixed(2)} | ${ours < 50 ? 'yes' : 'NO'} |`,
  );
}
for (const c of cases) {
  const ours = time(() => functionOrder(data, c.filter, c.key, c.desc), reps);
  const ref = time(() => reference(data, c.filter, c.key), reps);
  console.log(
    `| ${c.label} | ${ours.toFixed(1)} | ${ref.toFixed(1)} | ${(ours / ref).toFixed(2)} | ${ours < 50 ? 'yes' : 'NO'} |`,
  );
}

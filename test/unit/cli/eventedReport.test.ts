/**
 * Evented profiles have no samples (issue 13): speedscope `evented` and Trace Event `B`/`E`
 * records are intervals between open and close events, so a "samples" column counting them
 * would be false. Every face shows no sample count for them — the text report (no column),
 * `--json` (null, `evented: true`) and the tables the panel copies as Markdown — and their costs
 * are the time between events. Through the built CLI, as users run it.
 *
 * Hand computation for test/fixtures/speedscope/hand-made/evented-calls (ms, 0–20):
 *   O main@0, O work@2, C work@5, O work@7, O leaf@8, C leaf@11, C work@12, C main@20
 *   intervals: main 0–2, work 2–5, main 5–7, work 7–8, leaf 8–11, work 11–12, main 12–20
 *   self:  main 2 + 2 + 8 = 12 ms (60 %), work 3 + 1 + 1 = 5 ms (25 %), leaf 3 ms (15 %)
 *   total: main 20 ms (100 %), work 5–2 + 12–7 = 8 ms (40 %), leaf 3 ms (15 %)
 * (7 intervals: the count the old "samples" column showed, 3 for main.)
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';

const REPO = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO, 'dist/cli.js');
const EVENTED = path.join(
  REPO,
  'test/fixtures/speedscope/hand-made/evented-calls/calls.speedscope.json',
);
const TRACE = path.join(REPO, 'test/fixtures/trace-event/hand-made/nesting/nesting.trace.json');
const FOLDED = path.join(REPO, 'test/fixtures/folded/hand-made');

interface ReportJson {
  profile: {
    totalSamples: number | null;
    evented?: boolean;
    totalMs: number | null;
    processes: { samples: number | null }[];
  };
  functions: {
    name: string;
    selfMs: number | null;
    totalMs: number | null;
    selfPct: number;
    totalPct: number;
    samples: number | null;
    totalSamples: number | null;
  }[];
}

const reportJson = (file: string): ReportJson => JSON.parse(report(file, '--json')) as ReportJson;

function report(...args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, 'report', ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

before(() => {
  if (!fs.existsSync(CLI)) execFileSync(process.execPath, ['esbuild.js'], { cwd: REPO });
});

const HAND = {
  main: { selfMs: 12, totalMs: 20, selfPct: 60, totalPct: 100 },
  work: { selfMs: 5, totalMs: 8, selfPct: 25, totalPct: 40 },
  leaf: { selfMs: 3, totalMs: 3, selfPct: 15, totalPct: 15 },
};

test('--json: no sample counts (null, evented: true), costs are the hand-computed times', () => {
  const doc = reportJson(EVENTED);
  assert.equal(doc.profile.totalSamples, null);
  assert.equal(doc.profile.evented, true);
  assert.equal(doc.profile.totalMs, 20);
  assert.deepEqual(
    doc.profile.processes.map((p) => p.samples),
    [null],
  );
  const got = Object.fromEntries(
    doc.functions.map((f) => [
      f.name,
      { selfMs: f.selfMs, totalMs: f.totalMs, selfPct: f.selfPct, totalPct: f.totalPct },
    ]),
  );
  assert.deepEqual(got, HAND);
  for (const f of doc.functions) {
    assert.equal(f.samples, null, `${f.name} samples`);
    assert.equal(f.totalSamples, null, `${f.name} totalSamples`);
  }
});

test('text: no samples column and the basis says there are no samples', () => {
  const out = report(EVENTED);
  assert.match(
    out,
    /evented: no samples \(the weight is the time between events\), 20\.0 ms profiled/,
  );
  const headers = out.split('\n').filter((l) => l.startsWith('name '));
  assert.equal(headers.length, 2);
  for (const h of headers) assert.doesNotMatch(h, /samples/);
  // main: self 12.0 ms 60.0 %, total 20.0 ms 100.0 % — and nothing after (no count column).
  assert.match(out, /^main\s+src\/main\.ts:1\s+12\.0\s+60\.0\s+20\.0\s+100\.0$/m);
  assert.match(out, /^work\s+src\/work\.ts:5\s+5\.0\s+25\.0\s+8\.0\s+40\.0$/m);
  assert.doesNotMatch(out, /\d+ samples/);
});

test("Markdown (the panel's Copy as Markdown tables): no Samples column", () => {
  const md = report(EVENTED, '--markdown');
  assert.match(md, /\| Function \| File:line \| Self ms \| Self % \| Total ms \| Total % \|\n/);
  assert.doesNotMatch(md, /\| Samples \|/);
  assert.doesNotMatch(md, /CPU samples/);
  // One number of decimals per column: ms with one, % with one.
  assert.match(md, /\| main \| src\/main\.ts:1 \| 12\.0 \| 60\.0 \| 20\.0 \| 100\.0 \|/);
});

test('Trace Event B/E durations are evented too; a sampled format keeps its counts', () => {
  const trace = reportJson(TRACE);
  assert.equal(trace.profile.totalSamples, null);
  assert.ok(trace.functions.length > 0);
  assert.ok(trace.functions.every((f) => f.samples === null));
  const folded = fs
    .readdirSync(FOLDED, { recursive: true, encoding: 'utf8' })
    .find((f) => f.endsWith('.folded'));
  const doc = reportJson(path.join(FOLDED, folded!));
  assert.equal(typeof doc.profile.totalSamples, 'number');
  assert.ok(doc.functions.every((f) => typeof f.samples === 'number'));
});

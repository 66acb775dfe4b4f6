/**
 * V8 cpuprofile semantics, checked against numbers computed here from the raw JSON (not from
 * snapshots): bases (0-based callFrame, 1-based positionTicks), self/total, recursion, bad input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { functionCosts } from '../../../../engine/profile/functionCosts';
import { lineCosts } from '../../../../engine/profile/lineCosts';
import { loadProfileFile } from '../../../../engine/profile/loadProfileFile';
import { v8CpuprofileImporter } from '../../../../engine/profile/importers/v8Cpuprofile';
import { callGraph } from '../../../../engine/profile/callGraph';
import { toSpeedscope } from '../../../../engine/profile/toSpeedscope';
import { fixture } from './snapshot';
import { weightsInUnit } from '../../../../engine/profile/sampleWeights';

interface RawNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount: number;
  positionTicks?: { line: number; ticks: number }[];
}
const HOT = fixture('v8-cpuprofile/node-20/hot-loop/hot.cpuprofile');
const raw = JSON.parse(readFileSync(HOT, 'utf8')) as {
  nodes: RawNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
};
const src = readFileSync(fixture('v8-cpuprofile/node-20/hot-loop/hot.js'), 'utf8').split('\n');

test('self samples per function equal the hitCounts V8 wrote, and self ms sums to the profile', async () => {
  const { profiles, diagnostics } = await loadProfileFile(HOT, { sourceMaps: false });
  assert.deepEqual(diagnostics, []);
  const model = profiles[0];
  const hits = new Map<string, number>();
  for (const n of raw.nodes) {
    if (n.callFrame.functionName === '(root)') continue;
    const k = `${n.callFrame.functionName || '(anonymous)'}@${n.callFrame.url}:${n.callFrame.lineNumber + 1}`;
    hits.set(k, (hits.get(k) ?? 0) + n.hitCount);
  }
  const costs = functionCosts(model);
  for (const c of costs)
    assert.equal(
      c.selfSamples,
      hits.get(`${c.frame.name}@${c.frame.file ?? ''}:${c.frame.line ?? 0}`),
      c.frame.name,
    );
  const selfSum = costs.reduce((s, c) => s + c.self, 0);
  const spanMs = (raw.endTime - raw.startTime - raw.timeDeltas[0]) / 1000;
  assert.ok(Math.abs(selfSum - spanMs) < 1e-6, `${selfSum} vs ${spanMs}`);
  assert.ok(Math.abs(model.totalWeight - spanMs) < 1e-6);
  for (const c of costs) assert.ok(c.total >= c.self - 1e-9 && c.totalPct <= 100 + 1e-9);
});

test('function lines are 1-based: the line named by the frame is where the function is defined', async () => {
  const { profiles } = await loadProfileFile(HOT, { sourceMaps: false });
  const costs = functionCosts(profiles[0]).filter(
    (c) => c.frame.file === 'hot.js' && c.frame.name !== '(anonymous)',
  );
  assert.ok(costs.length >= 3);
  for (const c of costs) {
    const text = src[c.frame.line! - 1];
    assert.ok(text.includes(`function ${c.frame.name}`), `line ${c.frame.line}: ${text}`);
    assert.equal(
      text[c.frame.column! - 1],
      '(',
      'V8 columns point at the parameter list; 1-based here',
    );
  }
});

test('per-line self time follows positionTicks (1-based lines) and sums to the function self time', async () => {
  const { profiles } = await loadProfileFile(HOT, { sourceMaps: false });
  const model = profiles[0];
  const lines = lineCosts(model).filter((l) => l.file === 'hot.js');
  const expectedTicks = new Map<number, number>();
  for (const n of raw.nodes)
    if (n.callFrame.url === 'hot.js')
      for (const t of n.positionTicks ?? [])
        expectedTicks.set(t.line, (expectedTicks.get(t.line) ?? 0) + t.ticks);
  assert.deepEqual(new Map(lines.map((l) => [l.line, l.ticks])), expectedTicks);
  const hottest = lines[0];
  assert.match(src[hottest.line - 1], /h = |h \^=|fib|for/);
  const selfInFile = functionCosts(model)
    .filter((c) => c.frame.file === 'hot.js')
    .reduce((s, c) => s + c.self, 0);
  const linesSum = lines.reduce((s, l) => s + l.self, 0);
  assert.ok(Math.abs(selfInFile - linesSum) < 1e-6, `${selfInFile} vs ${linesSum}`);
});

test('recursion is counted once in total time; callers and callees come from the tree', async () => {
  const { profiles } = await loadProfileFile(
    fixture('v8-cpuprofile/hand-made/recursion/recursion.cpuprofile'),
  );
  const model = profiles[0];
  const byName = new Map(functionCosts(model).map((c) => [c.frame.name, c]));
  assert.equal(byName.get('rec')!.self, 3);
  assert.equal(byName.get('rec')!.total, 3);
  assert.equal(byName.get('main')!.total, 4);
  assert.equal(byName.get('main')!.totalPct, 100);
  const g = callGraph(model);
  const main = byName.get('main')!.frame.id;
  const rec = byName.get('rec')!.frame.id;
  assert.deepEqual(
    g.calleesOf(main).map((e) => [e.callee, e.weight]),
    [[rec, 3]],
  );
  assert.ok(
    g.callersOf(rec).some((e) => e.caller === rec),
    'rec calls itself',
  );
});

test('the speedscope export carries every sample and the same total', async () => {
  const { profiles } = await loadProfileFile(HOT, { sourceMaps: false });
  const ss = toSpeedscope(profiles);
  const p = ss.profiles[0];
  assert.equal(p.samples.length, profiles[0].sampleStack.length);
  assert.ok(Math.abs(p.weights.reduce((a, b) => a + b, 0) - profiles[0].totalWeight) < 1e-6);
  assert.ok(p.samples.every((s) => s.every((f) => f >= 0 && f < ss.shared.frames.length)));
  assert.ok(ss.shared.frames.some((f) => f.name === 'hashLoop' && f.line === 4));
});

test('the input is not mutated and the model does not alias it', () => {
  const text = readFileSync(HOT);
  const copy = Buffer.from(text);
  const r = v8CpuprofileImporter.parse({ fileName: 'x.cpuprofile', chunks: [text] });
  assert.equal(r.kind, 'profiles');
  assert.ok(text.equals(copy));
});

const bad = async (rel: string) => loadProfileFile(fixture(rel));

test('0-byte file: an error naming the file and offset 0', async () => {
  const r = await bad('v8-cpuprofile/hand-made/empty/empty.cpuprofile');
  assert.equal(r.profiles.length, 0);
  assert.equal(r.diagnostics[0].severity, 'error');
  assert.equal(r.diagnostics[0].offset, 0);
  assert.match(r.diagnostics[0].message, /empty/);
});

test('truncated inside nodes: an error at the end offset saying what was expected', async () => {
  const path = fixture('v8-cpuprofile/hand-made/truncated/truncated-in-nodes.cpuprofile');
  const r = await loadProfileFile(path);
  assert.equal(r.profiles.length, 0);
  const d = r.diagnostics[0];
  assert.equal(d.severity, 'error');
  assert.equal(d.offset, readFileSync(path).length);
  assert.match(d.expected!, /node objects/);
});

test('truncated inside samples: a warning plus a best-effort model', async () => {
  const r = await bad('v8-cpuprofile/hand-made/truncated/truncated-in-samples.cpuprofile');
  assert.equal(r.profiles.length, 1);
  assert.ok(r.profiles[0].sampleStack.length > 0);
  assert.ok(r.diagnostics.some((d) => d.severity === 'warning' && /truncated/.test(d.message)));
});

test('invalid JSON: an error at the byte where it breaks', async () => {
  const path = fixture('v8-cpuprofile/hand-made/invalid-json/invalid-json.cpuprofile');
  const r = await loadProfileFile(path);
  const d = r.diagnostics.find((x) => x.severity === 'error')!;
  const bytes = readFileSync(path, 'utf8');
  const broken = bytes.indexOf('}}oops');
  assert.ok(
    d.offset !== undefined && Math.abs(d.offset - broken) <= 8,
    `offset ${d.offset} vs ${broken}`,
  );
});

test('samples pointing at missing nodes are dropped with a warning that counts them', async () => {
  const r = await bad('v8-cpuprofile/hand-made/missing-nodes/missing-nodes.cpuprofile');
  const p = JSON.parse(
    readFileSync(fixture('v8-cpuprofile/hand-made/missing-nodes/missing-nodes.cpuprofile'), 'utf8'),
  ) as { nodes: { id: number }[]; samples: number[] };
  const ids = new Set(p.nodes.map((n) => n.id));
  const missing = p.samples.filter((s) => !ids.has(s)).length;
  assert.equal(r.profiles[0].sampleStack.length, p.samples.length - missing);
  assert.match(r.diagnostics[0].message, new RegExp(`^${missing} of ${p.samples.length} samples`));
});

test('negative time deltas: a warning, and no negative weight in the model', async () => {
  const r = await bad('v8-cpuprofile/hand-made/negative-deltas/negative-deltas.cpuprofile');
  assert.ok(r.diagnostics.some((d) => /negative time deltas/.test(d.message)));
  assert.ok(weightsInUnit(r.profiles[0].sampleWeight).every((w) => w >= 0));
});

test('a JSON object without nodes is an error, not a crash', async () => {
  const r = await bad('v8-cpuprofile/hand-made/no-nodes/no-nodes.cpuprofile');
  assert.equal(r.profiles.length, 0);
  assert.match(r.diagnostics[0].message, /'nodes'/);
});

test('a written speedscope file imports back to the same folded normal form', async () => {
  const { mkdtempSync, copyFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { writeSpeedscopeNextTo } = await import('../../../../engine/profile/saveSpeedscope');
  const { toFoldedNormalForm } = await import('../../../../engine/profile/foldedNormalForm');
  const dir = mkdtempSync(join(tmpdir(), 'perflens-ss-'));
  const copy = join(dir, 'hot.cpuprofile');
  copyFileSync(HOT, copy);
  const { profiles } = await loadProfileFile(copy, { sourceMaps: false });
  const w = await writeSpeedscopeNextTo(copy, profiles);
  assert.ok('path' in w);
  if (!('path' in w)) return;
  const back = await loadProfileFile(w.path);
  const strip = (s: string) => s.split('\n').slice(1).join('\n');
  assert.equal(strip(toFoldedNormalForm(back.profiles[0])), strip(toFoldedNormalForm(profiles[0])));
});

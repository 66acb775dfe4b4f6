/**
 * pprof (issue 13) through pprof-format. Real fixtures: Go 1.19's runtime/pprof CPU and heap
 * profiles of programs/relay.go; the independent reference is `go tool pprof -top` (Go 1.19) on
 * the same files (`go-tool-pprof-top.txt` beside each, written by make-profile-fixtures.sh).
 * (speedscope 1.25's pprof importer returns an empty profile when run in Node, so it is not used.)
 * The hand case is encoded here with pprof-format's own encoder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  Function as PFunction,
  Line,
  Location,
  Mapping,
  Profile,
  Sample,
  StringTable,
  ValueType,
} from 'pprof-format';
import { functionCosts, sampleCount } from '../../../../engine/profile/functionCosts';
import { loadFunctionRows } from '../../../../engine/profile/functionRows';
import { formatProfileTable, loadProfileSection } from '../../../../engine/report/profileReport';
import { parsePprof } from '../../../../engine/profile/importers/pprof';
import type { ProfileModel } from '../../../../engine/profile/model';
import { checkProfileSnapshot, fixture } from './snapshot';

const costs = (m: ProfileModel): Record<string, [number, number]> =>
  Object.fromEntries(
    functionCosts(m).map((c) => [c.frame.name, [+c.self.toFixed(3), +c.total.toFixed(3)]]),
  );

/** `go tool pprof -top -unit=ms|B` rows: name → [flat, cum]. */
function goTop(path: string): Map<string, [number, number]> {
  const rows = new Map<string, [number, number]>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^\s*(\d+)(?:ms|B)?\s+[\d.]+%\s+[\d.]+%\s+(\d+)(?:ms|B)?\s+[\d.]+%\s+(.+?)\s*$/.exec(
      line,
    );
    if (m) rows.set(m[3], [Number(m[1]), Number(m[2])]);
  }
  return rows;
}

for (const [kind, file, unit] of [
  ['cpu', 'relay.cpu.pprof', 'milliseconds'],
  ['heap', 'relay.heap.pprof', 'bytes'],
] as const) {
  test(`Go 1.19 ${kind} profile: every function's flat and cum equal go tool pprof -top`, async () => {
    const r = await checkProfileSnapshot(`pprof/go-1.19/${kind}/${file}`);
    const [m] = r.profiles;
    assert.equal(m.format, 'pprof');
    assert.equal(m.weightUnit, unit);
    const ref = goTop(fixture(`pprof/go-1.19/${kind}/go-tool-pprof-top.txt`));
    assert.ok(ref.size >= 5);
    const ours = costs(m);
    for (const [name, [flat, cum]] of ref) assert.deepEqual(ours[name], [flat, cum], name);
    // …and nothing with weight that pprof does not list.
    for (const [name, [, total]] of Object.entries(ours))
      if (total > 0) assert.ok(ref.has(name), name);
  });
}

test('hand case: default sample type, inlined lines, unsymbolized address, gzip', () => {
  const st = new StringTable();
  const s = (x: string): number => st.dedup(x);
  const profile = new Profile({
    // Two types; the default is the first, not the last.
    sampleType: [
      new ValueType({ type: s('wall'), unit: s('nanoseconds') }),
      new ValueType({ type: s('samples'), unit: s('count') }),
    ],
    defaultSampleType: s('wall'),
    mapping: [new Mapping({ id: 1, filename: s('/usr/lib/x86_64-linux-gnu/libc.so.6') })],
    function: [
      new PFunction({ id: 1, name: s('main'), filename: s('app.go'), startLine: 10 }),
      new PFunction({ id: 2, name: s('handle'), filename: s('app.go'), startLine: 20 }),
      new PFunction({ id: 3, name: s('inlinedHelper'), filename: s('app.go'), startLine: 30 }),
    ],
    location: [
      new Location({ id: 1, line: [new Line({ functionId: 1, line: 12 })] }),
      // inlinedHelper inlined into handle: the last line is the caller.
      new Location({
        id: 2,
        line: [new Line({ functionId: 3, line: 31 }), new Line({ functionId: 2, line: 22 })],
      }),
      new Location({ id: 3, mappingId: 1, address: 0x4000 }),
    ],
    sample: [
      new Sample({ locationId: [2, 1], value: [3_000_000, 3] }),
      new Sample({ locationId: [1], value: [2_000_000, 2] }),
      new Sample({ locationId: [3, 2, 1], value: [5_000_000, 5] }),
    ],
    stringTable: st,
  });
  const r = parsePprof('hand.pb.gz', gzipSync(profile.encode()));
  assert.equal(r.kind, 'profiles');
  if (r.kind !== 'profiles') return;
  const [m] = r.profiles;
  assert.equal(m.weightUnit, 'milliseconds');
  // Stacks, root first: main;handle;inlinedHelper 3 ms; main 2 ms;
  // main;handle;inlinedHelper;0x4000 (libc.so.6) 5 ms. Total 3 + 2 + 5 = 10 ms.
  // main self 2, total 10; handle self 0, total 3 + 5 = 8; inlinedHelper self 3, total 8.
  assert.deepEqual(costs(m), {
    main: [2, 10],
    handle: [0, 8],
    inlinedHelper: [3, 8],
    '0x4000 (libc.so.6)': [5, 5],
  });
  assert.equal(m.totalWeight, 10);
  // Sample counts are the records' `samples/count` values, not the 3 records: 3 + 2 + 5 = 10;
  // inlinedHelper on top in the first record (3), handle under it in the first and third (3 + 5).
  assert.equal(sampleCount(m), 10);
  const counts = Object.fromEntries(
    functionCosts(m).map((c) => [c.frame.name, [c.selfSamples, c.totalSamples]]),
  );
  assert.deepEqual(counts, {
    main: [2, 10],
    handle: [0, 8],
    inlinedHelper: [3, 8],
    '0x4000 (libc.so.6)': [5, 5],
  });
  assert.equal(m.frames.find((f) => f.name === 'handle')?.line, 20);
  assert.match(
    r.diagnostics.map((d) => d.message).join('\n'),
    /'wall' \(the default\); also in the file: samples/,
  );
});

test('a broken gzip stream is refused with what was expected', () => {
  const good = gzipSync(Buffer.from('x'.repeat(100)));
  const r = parsePprof('cut.pb.gz', good.subarray(0, 12));
  assert.equal(r.kind, 'profiles');
  if (r.kind !== 'profiles') return;
  assert.equal(r.profiles.length, 0);
  assert.match(r.diagnostics[0].message, /gzip stream is broken/);
  assert.equal(r.diagnostics[0].expected, 'a complete gzip file');
});

test('Go CPU profile: sample counts are the samples/count values (29), not the 15 records', async () => {
  const path = fixture('pprof/go-1.19/cpu/relay.cpu.pprof');
  // The reference, read here straight from the decoder: the sum of each record's samples/count
  // value, and how many records there are.
  const raw = Profile.decode(gunzipSync(readFileSync(path)));
  const strings = raw.stringTable.strings;
  const countAt = raw.sampleType.findIndex((t) => strings[Number(t.type)] === 'samples');
  const summed = raw.sample.reduce((a, x) => a + Number(x.value[countAt]), 0);
  assert.equal(summed, 29);
  assert.equal(raw.sample.length, 15);
  // go tool pprof 1.19 on the same file: "Total samples = 290ms", at a 10 ms period
  // (SetCPUProfileRate 100 Hz) = 29 samples; each function's flat / 10 ms its samples on top,
  // cum / 10 ms its samples on the stack.
  assert.equal(Number(raw.period), 10_000_000);
  const { section } = await loadProfileSection(path, { sourceMaps: false });
  assert.equal(section.totalSamples, 29);
  const ref = goTop(fixture('pprof/go-1.19/cpu/go-tool-pprof-top.txt'));
  for (const [name, [flat, cum]] of ref) {
    const row = section.functions.find((f) => f.name === name);
    assert.deepEqual([row?.samples, row?.totalSamples], [flat / 10, cum / 10], name);
  }
  const text = formatProfileTable(section);
  assert.match(text, /— 29 samples, 290\.0 ms profiled/);
  assert.doesNotMatch(text, /15 samples/);
});

test('Go heap profile: no samples type, so no sample count (not its 13 records)', async () => {
  const path = fixture('pprof/go-1.19/heap/relay.heap.pprof');
  const rows = await loadFunctionRows(path, { sourceMaps: false });
  assert.equal(rows.totalSamples, null);
  assert.equal(sampleCount(rows.profiles[0]), null);
  for (const f of rows.functions) assert.deepEqual([f.samples, f.totalSamples], [null, null]);
  const { section } = await loadProfileSection(path, { sourceMaps: false });
  const text = formatProfileTable(section);
  assert.match(text, /weighed in bytes \(memory, not time\), no sample count in this format/);
  assert.doesNotMatch(text, /\d+ samples|\bsamples\s*$/m);
});

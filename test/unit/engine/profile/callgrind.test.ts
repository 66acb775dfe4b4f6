/**
 * callgrind (issue 13). Real fixture: valgrind 3.19 `--tool=callgrind` on programs/relay.c
 * (gcc -O1 -g -fno-inline); the independent reference is `callgrind_annotate` 3.19
 * (`--inclusive=yes` and `--inclusive=no`, saved beside it). The hand case exercises name
 * compression, relative positions, inlined files (`fi=`/`fe=`), two event types and a function
 * called from two places; its numbers are computed beside the test and checked against
 * callgrind_annotate and speedscope 1.25 too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { functionCosts, sampleCount } from '../../../../engine/profile/functionCosts';
import { formatProfileTable, loadProfileSection } from '../../../../engine/report/profileReport';
import type { ProfileModel } from '../../../../engine/profile/model';
import { checkProfileSnapshot, fixture } from './snapshot';
import { speedscopeReading } from './speedscopeReference';

const costs = (m: ProfileModel): Record<string, [number, number]> =>
  Object.fromEntries(
    functionCosts(m).map((c) => [c.frame.name, [+c.self.toFixed(6), +c.total.toFixed(6)]]),
  );

/** `callgrind_annotate` rows `1,234 (x%)  file:function [object]` → `file:function` → cost. */
function annotate(path: string): Map<string, number> {
  const rows = new Map<string, number>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^\s*([\d,]+) \(\s*[\d.]+%\)\s+(\S+?:\S+)(?:\s+\[.*\])?\s*$/.exec(line);
    if (m) rows.set(m[2], Number(m[1].replace(/,/g, '')));
  }
  return rows;
}

test('hand case: self and inclusive per event, compression, inlined files', async () => {
  const rel = 'callgrind/hand-made/compressed/callgrind.out.hand';
  const r = await checkProfileSnapshot(rel);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.profiles.length, 2, 'one profile per event type');
  const [ir, dr] = r.profiles;
  assert.equal(ir.weightUnit, 'events');
  assert.equal(ir.weightLabel, 'Ir');
  assert.equal(dr.weightLabel, 'Dr');
  // Ir: main self 20, calls work 600 and util 100 → inclusive 20 + 600 + 100 = 720.
  // work self 300 (line 30) + 100 (inlined from inline.h, line 32) = 400; calls util 200 →
  // inclusive 600. util self 300 (called from main for 100 and from work for 200) = inclusive.
  assert.deepEqual(costs(ir), { main: [20, 720], work: [400, 600], util: [300, 300] });
  // Dr is Ir / 10 throughout.
  assert.deepEqual(costs(dr), { main: [2, 72], work: [40, 60], util: [30, 30] });
  // callgrind_annotate 3.19 on this file prints, --inclusive=yes: app.c:main 720, app.c:work 600,
  // app.c:util 300; --inclusive=no: app.c:util 300, app.c:work 300 + inline.h:work 100, main 20.
  // speedscope 1.25 reads the same:
  const ss = await speedscopeReading(fixture(rel));
  assert.deepEqual(Object.fromEntries(ss[0].byName), {
    main: { self: 20, total: 720 },
    work: { self: 400, total: 600 },
    util: { self: 300, total: 300 },
  });
});

test('valgrind 3.19 on relay.c: self and inclusive Ir equal callgrind_annotate', async () => {
  const base = 'callgrind/valgrind-3.19/relay';
  const r = await checkProfileSnapshot(`${base}/callgrind.out.relay`);
  const [m] = r.profiles;
  assert.equal(m.weightLabel, 'Ir');
  const inclusive = annotate(fixture(`${base}/callgrind_annotate-inclusive.txt`));
  const self = annotate(fixture(`${base}/callgrind_annotate-self.txt`));
  const ours = costs(m);
  for (const fn of ['main', 'handle_ack', 'verify', 'checksum', 'encode']) {
    assert.equal(ours[fn]?.[0], self.get(`relay.c:${fn}`), `${fn} self`);
    assert.equal(ours[fn]?.[1], inclusive.get(`relay.c:${fn}`), `${fn} inclusive`);
  }
  // The whole run: the sum of self costs is the file's summary (PROGRAM TOTALS).
  const totals = /([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS/.exec(
    readFileSync(fixture(`${base}/callgrind_annotate-self.txt`), 'utf8'),
  );
  // (Up to float rounding: a function called from several places is split in fractions.)
  assert.ok(Math.abs(m.totalWeight - Number(totals![1].replace(/,/g, ''))) < 1e-6);
  assert.deepEqual(r.diagnostics, []);
});

test('valgrind 3.19 on recursion.c (direct and mutual recursion): exact self and inclusive Ir', async () => {
  const base = 'callgrind/valgrind-3.19/recursion';
  const r = await checkProfileSnapshot(`${base}/callgrind.out.recursion`);
  const [m] = r.profiles;
  const ours = costs(m);
  const self = annotate(fixture(`${base}/callgrind_annotate-self.txt`));
  const inclusive = annotate(fixture(`${base}/callgrind_annotate-inclusive.txt`));
  // The same program under --separate-recs=100: no call cycle, so callgrind_annotate's sum of
  // the arcs into each recursion level is exact there (fib'2 = the level-2 activations' cost).
  const acyclic = annotate(fixture(`${base}/callgrind_annotate-separate-recs-inclusive.txt`));
  // Self costs: exactly callgrind_annotate --inclusive=no, every function of the program.
  for (const fn of ['main', 'work', 'fib', "fib'2", 'is_even', "is_even'2", 'is_odd', "is_odd'2"])
    assert.equal(ours[fn]?.[0], self.get(`recursion.c:${fn}`), `${fn} self`);
  // Inclusive, outside cycles and at the first recursion level: callgrind_annotate --inclusive=yes.
  for (const fn of ['main', 'work', 'fib', 'is_even', 'is_odd'])
    assert.equal(ours[fn]?.[1], inclusive.get(`recursion.c:${fn}`), `${fn} inclusive`);
  // Inside cycles callgrind_annotate adds the nested activations again: fib'2 366,864 Ir is
  // 192 % of the run, is_even'2 53,260 is ten times the 5,330 of its caller is_even. The exact
  // figures are the acyclic run's: fib'2 51,032 (also the arc fib → fib'2 in this file),
  // is_even'2 5,076 (the arc is_odd → is_even'2, the only way into the is_even'2/is_odd'2 cycle).
  assert.equal(inclusive.get("recursion.c:fib'2"), 366_864);
  assert.equal(ours["fib'2"]?.[1], acyclic.get("recursion.c:fib'2"));
  assert.equal(ours["fib'2"]?.[1], 51_032);
  assert.equal(ours["is_even'2"]?.[1], acyclic.get("recursion.c:is_even'2"));
  assert.equal(ours["is_even'2"]?.[1], 5_076);
  // is_odd'2 is only reached inside the cycle: the call graph cannot tell its inclusive cost
  // (the acyclic run says 4,889); PerfLens says it is an estimate and keeps it inside the cycle.
  assert.ok(ours["is_odd'2"][1] <= ours["is_even'2"][1]);
  assert.equal(r.diagnostics.length, 1);
  assert.match(r.diagnostics[0].message, /1 functions are in a call cycle.*is_odd'2.*estimates/);
  // Nothing is lost or counted twice: the tree holds the whole run (PROGRAM TOTALS).
  const totals = /([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS/.exec(
    readFileSync(fixture(`${base}/callgrind_annotate-self.txt`), 'utf8'),
  );
  assert.ok(Math.abs(m.totalWeight - Number(totals![1].replace(/,/g, ''))) < 1e-6);
});

test('callgrind has no samples: no sample count and no samples column, not its record count', async () => {
  const path = fixture('callgrind/valgrind-3.19/relay/callgrind.out.relay');
  const { section, profiles } = await loadProfileSection(path, { sourceMaps: false });
  // The file's records are cost lines (hundreds of them), none of them a sample.
  assert.ok(profiles[0].sampleStack.length > 100);
  assert.equal(sampleCount(profiles[0]), null);
  assert.equal(section.totalSamples, null);
  assert.equal(section.processes[0].samples, null);
  for (const f of section.functions) assert.deepEqual([f.samples, f.totalSamples], [null, null]);
  const text = formatProfileTable(section);
  assert.match(text, /weighed in Ir \(counted events, not time\), no sample count in this format/);
  assert.doesNotMatch(text, /samples\s*$/m);
  assert.doesNotMatch(text, /\d+ samples/);
});

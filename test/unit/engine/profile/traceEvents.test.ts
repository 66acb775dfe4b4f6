/**
 * Trace Event files (issue 13): Chrome Performance traces (Profile/ProfileChunk per thread) and
 * generic B/E/X duration events. Real fixtures: `chromium-156/main-and-worker`, recorded here by
 * Playwright's `browser.startTracing` with `disabled-by-default-v8.cpu_profiler` in Chromium 156
 * (programs/trace-page.html: a busy main thread and a busy worker; trimmed to the profile and
 * metadata events by make-profile-fixtures.sh), and `tsc-5.9.3/generate-trace`
 * (`tsc --generateTrace` on programs/tsc-trace-index.ts). Hand cases are computed beside the tests;
 * every file is also read by speedscope 1.25 as the independent reference.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { functionCosts } from '../../../../engine/profile/functionCosts';
import type { ProfileModel } from '../../../../engine/profile/model';
import { weightAt } from '../../../../engine/profile/sampleWeights';
import { checkProfileSnapshot, fixture } from './snapshot';
import { speedscopeReading } from './speedscopeReference';

/** name → [self, total] in ms, rounded to the µs. */
const costs = (m: ProfileModel): Record<string, [number, number]> =>
  Object.fromEntries(
    functionCosts(m).map((c) => [c.frame.name, [+c.self.toFixed(3), +c.total.toFixed(3)]]),
  );

test('Chrome trace, hand case: chunks joined by id, parent links, first delta from startTime', async () => {
  const rel = 'chrome-trace/hand-made/two-threads/Trace-two-threads.json';
  const r = await checkProfileSnapshot(rel);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.profiles.length, 2, 'one profile per profiled thread');
  const [main, worker] = r.profiles;
  assert.match(main.name, /CrRendererMain/);
  assert.match(worker.name, /DedicatedWorker thread/);
  // Thread 1: startTime 1000 µs; deltas 100, 200 (chunk 1), 300, 400 (chunk 2); endTime 2500.
  // Sample times 1100 main, 1300 work, 1600 other, 2000 work; each lasts until the next, the last
  // until endTime: main 200 µs, work 300, other 400, work 2500 − 2000 = 500.
  // main self 0.2 ms, total 0.2 + 0.3 + 0.4 + 0.5 = 1.4 ms; work 0.3 + 0.5 = 0.8; other 0.4.
  assert.deepEqual(costs(main), { main: [0.2, 1.4], work: [0.8, 0.8], other: [0.4, 0.4] });
  // `other`'s node arrived in the second chunk with a parent from the first: work's sibling.
  assert.equal(main.frames.find((f) => f.name === 'work')?.line, 5); // lineNumber 4 is 0-based
  // Thread 2: deltas 10, 20 and no endTime: gamma 20 µs, then 0 for the last sample.
  assert.deepEqual(costs(worker), { gamma: [0.02, 0.02] });

  // speedscope gives the last sample of a thread 0 instead of running it to endTime, so its work
  // is 0.8 − 0.5 = 0.3 ms and main's total 1.4 − 0.5 = 0.9 ms; everything else is the same.
  const [ssMain, ssWorker] = await speedscopeReading(fixture(rel));
  assert.deepEqual(Object.fromEntries(ssMain.byName), {
    main: { self: 200, total: 900 },
    work: { self: 300, total: 300 },
    other: { self: 400, total: 400 },
  });
  assert.deepEqual(Object.fromEntries(ssWorker.byName), { gamma: { self: 20, total: 20 } });
});

/**
 * Per function name, the ms of (program) and (garbage collector) samples speedscope's Chrome
 * importer puts on the previous sample's stack instead of their own: what its totals add.
 */
function movedOntoPrevious(m: ProfileModel): Map<string, number> {
  const namesOn = (node: number): Set<string> => {
    const s = new Set<string>();
    for (let n = node; n >= 0; n = m.stacks.parentOf[n]) s.add(m.frames[m.stacks.frameOf[n]].name);
    return s;
  };
  const moved = new Map<string, number>();
  let previous = new Set<string>();
  for (let k = 0; k < m.sampleStack.length; k++) {
    const node = m.sampleStack[k];
    const leaf = m.frames[m.stacks.frameOf[node]].name;
    if (leaf === '(program)' || leaf === '(garbage collector)')
      for (const n of previous) moved.set(n, (moved.get(n) ?? 0) + weightAt(m.sampleWeight, k));
    else previous = namesOn(node);
  }
  return moved;
}

test('Chrome 156 trace (Playwright startTracing): per-thread self and total times equal speedscope', async () => {
  const rel = 'chrome-trace/chromium-156/main-and-worker/Trace-page.json';
  const r = await checkProfileSnapshot(rel);
  assert.equal(r.profiles.length, 2);
  const ss = await speedscopeReading(fixture(rel));
  for (const [i, thread] of ['CrRendererMain', 'DedicatedWorker thread'].entries()) {
    const m = r.profiles[i];
    assert.match(m.name, new RegExp(thread));
    assert.match(ss[i].profileName, new RegExp(thread));
    const ours = costs(m);
    // speedscope drops (idle), moves (program) and (garbage collector) samples onto the previous
    // stack, and names anonymous functions by place; every named JS function must agree.
    // Totals too: speedscope's total of a function is ours plus the (program) and (garbage
    // collector) samples it moved onto a stack holding that function — computed here by its rule
    // (each such sample takes the stack of the last sample that is neither) from our samples.
    const moved = movedOntoPrevious(m);
    let compared = 0;
    for (const [name, w] of ss[i].byName) {
      if (name.startsWith('(') || w.self === 0) continue;
      assert.equal(ours[name]?.[0], +(w.self / 1000).toFixed(3), `${thread}: ${name}`);
      assert.equal(
        +((ours[name]?.[1] ?? 0) + (moved.get(name) ?? 0)).toFixed(3),
        +(w.total / 1000).toFixed(3),
        `${thread}: total of ${name}`,
      );
      compared++;
    }
    assert.ok(compared >= 2, `${thread}: compared ${compared} functions`);
  }
  // The busy functions of programs/trace-page.html are where the time went.
  assert.ok(costs(r.profiles[0]).alpha[0] > 100);
  assert.ok(costs(r.profiles[1]).gamma[0] > 100);
});

test('Trace Event B/E/X, hand case: nesting, same-start X, zero length, unclosed B, no final ]', async () => {
  const rel = 'trace-event/hand-made/nesting/nesting.trace.json';
  const r = await checkProfileSnapshot(rel);
  const [t1, t2] = r.profiles;
  // Thread 1 (µs): main X 0–100; parse B 10 / E 30; check X 40–90 encloses inner X 40–60 (same
  // start, longer first); zero X at 95 adds nothing.
  // main self = (0–10) + (30–40) + (90–100) = 30 µs; parse 20; inner 20; check self 30, total 50.
  assert.deepEqual(costs(t1), {
    main: [0.03, 0.1],
    parse: [0.02, 0.02],
    check: [0.03, 0.05],
    inner: [0.02, 0.02],
  });
  // Thread 2: work B at 0 never ends; leaf X 5–10. work self 5 µs, total 10; leaf 5.
  assert.deepEqual(costs(t2), { work: [0.005, 0.01], leaf: [0.005, 0.005] });
  const messages = r.diagnostics.map((d) => d.message).join('\n');
  assert.match(messages, /not closed \(no final '\]'\)/);
  assert.match(messages, /still open at the end of the trace \(innermost: 'work'\)/);
  // speedscope reads the same numbers (µs).
  const ss = await speedscopeReading(fixture(rel));
  assert.deepEqual(Object.fromEntries(ss[0].byName), {
    main: { self: 30, total: 100 },
    parse: { self: 20, total: 20 },
    check: { self: 30, total: 50 },
    inner: { self: 20, total: 20 },
    zero: { self: 0, total: 0 },
  });
  assert.deepEqual(Object.fromEntries(ss[1].byName), {
    work: { self: 5, total: 10 },
    leaf: { self: 5, total: 5 },
  });
});

test('tsc 5.9 --generateTrace: self time per event name equals speedscope', async () => {
  const rel = 'trace-event/tsc-5.9.3/generate-trace/trace.json';
  const r = await checkProfileSnapshot(rel);
  assert.equal(r.profiles.length, 1);
  const [m] = r.profiles;
  assert.match(m.name, /tsc Main/);
  const [ss] = await speedscopeReading(fixture(rel));
  // speedscope names a frame `name {args JSON}`; summed per plain name, self times must agree.
  // (Totals are compared only through the sum: speedscope counts a name's total once per distinct
  // args, so recursion across args counts twice there.)
  const selfByName = new Map<string, number>();
  for (const [name, w] of ss.byName) {
    const plain = name.replace(/ \{.*$/, '');
    selfByName.set(plain, (selfByName.get(plain) ?? 0) + w.self);
  }
  const ours = new Map<string, number>();
  for (const c of functionCosts(m)) ours.set(c.frame.name, (ours.get(c.frame.name) ?? 0) + c.self);
  assert.deepEqual([...ours.keys()].sort(), [...selfByName.keys()].sort());
  let sum = 0;
  for (const [name, us] of selfByName) {
    sum += us;
    assert.ok(Math.abs(ours.get(name)! - us / 1000) < 1e-6, name);
  }
  assert.ok(Math.abs(m.totalWeight - sum / 1000) < 1e-6);
});

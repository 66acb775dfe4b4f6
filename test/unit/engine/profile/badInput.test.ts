/**
 * Issue 13, "Bad input": hostile files that crashed, were refused although valid, or gave silent
 * garbage. Each case fails on the code before the fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functionCosts } from '../../../../engine/profile/functionCosts';
import { loadProfilePath } from '../../../../engine/profile/loadProfileFile';
import { chooseImporter } from '../../../../engine/profile/registry';
import { parseFolded } from '../../../../engine/profile/importers/folded';
import { parseOxLogJson, splitJsCodeName } from '../../../../engine/profile/importers/ox';
import { buildProfileSection, formatProfileTable } from '../../../../engine/report/profileReport';
import { terminalSafe } from '../../../../engine/report/terminalText';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'perflens-bad-'));

/** A minimal valid cpuprofile: root → f (id 2), two samples of 1 ms each at f. */
function cpuprofile(functionName: unknown): string {
  return JSON.stringify({
    nodes: [
      {
        id: 1,
        callFrame: { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1 },
        children: [2],
      },
      { id: 2, callFrame: { functionName, url: 'file:///a.js', lineNumber: 0, columnNumber: 0 } },
    ],
    startTime: 0,
    endTime: 2000,
    samples: [2, 2],
    timeDeltas: [0, 1000],
  });
}

test('a non-string functionName is shown as (anonymous) with a warning, in text and JSON', async () => {
  const dir = tmp();
  const f = join(dir, 'bad-name.cpuprofile');
  writeFileSync(f, cpuprofile(7));
  const s = await buildProfileSection(f, { sourceMaps: false });
  // Two samples: the first stands for 1000 µs until the second, the second for 2000 - 1000 µs.
  assert.equal(s.totalMs, 2);
  assert.equal(s.functions[0].name, '(anonymous)');
  assert.ok(s.diagnostics.some((d) => /functionName' that is not a string/.test(d.message)));
  assert.doesNotThrow(() => formatProfileTable(s));
});

test('run.json and meta.json of the wrong shapes cost only the command labels, with a warning', async () => {
  const shapes: unknown[] = [
    { processes: 'nope' },
    { processes: [null] },
    { processes: [{ pid: 11, argv: 'node app.js' }] },
  ];
  for (const run of shapes) {
    const dir = tmp();
    mkdirSync(join(dir, 'profiles'));
    writeFileSync(
      join(dir, 'profiles', 'CPU.20261121.234112.11.0.001.cpuprofile'),
      cpuprofile('f'),
    );
    writeFileSync(join(dir, 'run.json'), JSON.stringify(run));
    const r = await loadProfilePath(dir, { sourceMaps: false });
    assert.equal(r.profiles.length, 1, JSON.stringify(run));
    assert.equal(r.profiles[0].command, undefined);
    assert.ok(
      r.diagnostics.some((d) => d.file.endsWith('run.json')),
      JSON.stringify(run),
    );
  }
  for (const meta of [
    { pid: 12, argv: 'node x.js' },
    { pid: 12, title: { a: 1 } },
  ]) {
    const dir = tmp();
    writeFileSync(join(dir, 'CPU.20261121.234112.12.0.001.cpuprofile'), cpuprofile('f'));
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
    const r = await loadProfilePath(dir, { sourceMaps: false });
    assert.equal(r.profiles.length, 1);
    assert.notEqual(r.profiles[0].command, '[object Object]');
    assert.equal(r.profiles[0].command, undefined);
    assert.ok(r.diagnostics.some((d) => d.file.endsWith('meta.json')));
  }
});

test('a huge function name is capped in the text table and kept whole in the rows', () => {
  const huge = 'n'.repeat(1_000_000);
  const r = parseFolded('huge.folded', `main;${huge} 3\nmain;other 1\n`);
  assert.equal(r.kind, 'profiles');
  if (r.kind !== 'profiles') return;
  const s = {
    path: 'huge.folded',
    unit: 'samples' as const,
    processes: [],
    functions: [huge, 'other'].map((name, i) => ({
      name,
      file: null,
      line: null,
      column: null,
      selfMs: null,
      totalMs: null,
      selfPct: i === 0 ? 75 : 25,
      totalPct: i === 0 ? 75 : 25,
      samples: i === 0 ? 3 : 1,
      totalSamples: i === 0 ? 3 : 1,
    })),
    totalSamples: 4,
    totalMs: null,
    diagnostics: [],
    engineDiagnostics: [],
  };
  const out = formatProfileTable(s);
  assert.ok(out.length < 5000, `table is ${out.length} characters`);
  assert.match(out, /nnn…/);
  assert.equal(r.profiles[0].frames.find((f) => f.name.length > 1000)!.name.length, 1_000_000);
});

test('escape sequences in names never reach the terminal raw', async () => {
  const dir = tmp();
  const f = join(dir, 'esc.folded');
  // Folded stacks split frames at ';', so OSC sequences (which contain ';') are checked below.
  writeFileSync(f, `main;\x1b[2Jclear 2\nmain;bell\x07 1\n`);
  const out = formatProfileTable(await buildProfileSection(f, { sourceMaps: false }));
  // eslint-disable-next-line no-control-regex
  assert.ok(!/[\x00-\x09\x0b-\x1f\x7f-\x9f]/.test(out), JSON.stringify(out));
  assert.match(out, /^clear /m);
  assert.match(out, /^bell\\x07 /m);
  const osc = 'a\x1b]0;title\x07b\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\c\x9bd';
  assert.equal(terminalSafe(osc), 'ablinkc\\x9bd');
});

test('a 400-digit folded count is a warning and the line is left out, not counted as 0', () => {
  const r = parseFolded('big.folded', `a;b 3\na;c ${'9'.repeat(400)}\n`);
  assert.equal(r.kind, 'profiles');
  if (r.kind !== 'profiles') return;
  const m = r.profiles[0];
  // Only `a;b 3` is left: 3 samples, and the frame c never appears.
  assert.equal(m.totalWeight, 3);
  assert.ok(!m.frames.some((f) => f.name === 'c'));
  assert.ok(r.diagnostics.some((d) => d.line === 2 && /out of range/.test(d.message)));
});

test('a folded file whose first line is longer than the sniffed 4 KB is recognised', () => {
  const deep = Array.from({ length: 400 }, (_, i) => `crate::module::function_${i}`).join(';');
  const head = `${deep} 7\nshort;stack 1\n`.slice(0, 4096);
  const c = chooseImporter('deep.folded', head);
  assert.ok('importer' in c && c.importer.id === 'folded', JSON.stringify(c));
});

/** root → f (id 2), g (id 3); samples and deltas as given (µs). */
function cpuprofileWith(p: {
  samples: number[];
  timeDeltas: number[];
  startTime?: number;
  endTime?: number;
}): string {
  return JSON.stringify({
    nodes: [
      {
        id: 1,
        callFrame: { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1 },
        children: [2, 3],
      },
      { id: 2, callFrame: { functionName: 'f', url: '', lineNumber: 0, columnNumber: 0 } },
      { id: 3, callFrame: { functionName: 'g', url: '', lineNumber: 0, columnNumber: 0 } },
    ],
    startTime: p.startTime ?? 0,
    endTime: p.endTime ?? 4000,
    samples: p.samples,
    timeDeltas: p.timeDeltas,
  });
}

async function loadText(name: string, text: string) {
  const dir = tmp();
  writeFileSync(join(dir, name), text);
  return loadProfilePath(join(dir, name), { sourceMaps: false });
}

test('a time delta of 1e308 µs is a warning and that sample is left out, not Infinity ms', async () => {
  // Samples f, g, f at 0, 1000, 1000 + 1e308 µs: f stands for 1000 µs, g for 1e308 (left out),
  // the last f for endTime − t, which is negative (0). Total: 1 ms.
  const r = await loadText(
    'huge.cpuprofile',
    cpuprofileWith({ samples: [2, 3, 2], timeDeltas: [0, 1000, 1e308] }),
  );
  const m = r.profiles[0];
  assert.equal(m.totalWeight, 1);
  assert.ok(r.diagnostics.some((d) => /more than a day/.test(d.message)));
});

test('a fractional sample id is a missing node, not the first node', async () => {
  // Samples 2, 2.5, 3 at 0, 1000, 2000 µs, end 4000: f 1 ms, 2.5 dropped, g 4000 − 2000 = 2 ms.
  const r = await loadText(
    'frac.cpuprofile',
    cpuprofileWith({ samples: [2, 2.5, 3], timeDeltas: [0, 1000, 1000] }),
  );
  const m = r.profiles[0];
  const names = Array.from(m.sampleStack, (s) => m.frames[m.stacks.frameOf[s]].name);
  assert.deepEqual(names, ['f', 'g']);
  assert.ok(
    r.diagnostics.some((d) => /1 of 3 samples point at node ids not in 'nodes'/.test(d.message)),
  );
});

test('year-275760 end times do not make a 631-billion-second window', async () => {
  // endTime 8.64e18 µs (the largest Date, in µs) against startTime 0.
  const r = await loadText(
    'years.cpuprofile',
    cpuprofileWith({ samples: [2, 3], timeDeltas: [0, 1000], endTime: 8.64e18 }),
  );
  const m = r.profiles[0];
  assert.equal(m.endMs, undefined);
  assert.ok(r.diagnostics.some((d) => /do not make a profile window/.test(d.message)));
  // f 1 ms; g would stand for 8.64e18 − 1000 µs: left out with a warning.
  assert.equal(m.totalWeight, 1);
});

test('a 0x code name of 200,000 characters without file:line:col is read in linear time', () => {
  const long = 'a'.repeat(200_000);
  assert.equal(splitJsCodeName(long), undefined);
  // `<name> <file>:<line>:<col>`, by hand: name "foo", file "/app/x.js", line 3, column 14.
  assert.deepEqual(splitJsCodeName('*foo /app/x.js:3:14'), {
    name: 'foo',
    file: '/app/x.js',
    line: 3,
    column: 14,
  });
  assert.deepEqual(splitJsCodeName(' /app/x.js:1:1'), {
    name: '',
    file: '/app/x.js',
    line: 1,
    column: 1,
  });
});

test('0x ticks with NaN, negative or equal tm, or no stack array, are warned and given no time', () => {
  const code = [
    { name: 'f /a.js:1:1', type: 'JS' },
    { name: 'g /a.js:5:1', type: 'JS' },
  ];
  // Equal times: 3 ticks at 5 µs never advance; by hand every tick stands for 0 µs.
  const eq = parseOxLogJson(
    'eq-v8.log.json',
    JSON.stringify({ code, ticks: [0, 1, 2].map(() => ({ tm: 5, s: [0, 0] })) }),
  );
  assert.equal(eq.kind, 'profiles');
  if (eq.kind !== 'profiles') return;
  assert.equal(eq.profiles[0].totalWeight, 0);
  assert.ok(eq.diagnostics.some((d) => /never advance/.test(d.message)));
  // tm 0, NaN (a string), 2000, -1, 3000 µs; s of the third is not an array.
  // By hand: tick 0 → next is NaN: no time; tick 1 (NaN) no time; tick 2 → −1 is invalid: no
  // time; tick 3 (invalid) none; tick 4 the mean of the valid deltas — there are none, 1000 µs.
  const bad = parseOxLogJson(
    'bad-v8.log.json',
    JSON.stringify({
      code,
      ticks: [
        { tm: 0, s: [0, 0] },
        { tm: 'x', s: [1, 0] },
        { tm: 2000, s: 'nope' },
        { tm: -1, s: [1, 0] },
        { tm: 3000, s: [1, 0] },
      ],
    }),
  );
  assert.equal(bad.kind, 'profiles');
  if (bad.kind !== 'profiles') return;
  assert.equal(bad.profiles[0].totalWeight, 1);
  assert.ok(
    bad.diagnostics.some((d) =>
      /2 ticks have a 'tm' that is not a non-negative number/.test(d.message),
    ),
  );
  assert.ok(bad.diagnostics.some((d) => /1 ticks have no 's' stack array/.test(d.message)));
});

test('a parent-id cycle in a cpuprofile is a warning, not an invented call tree', async () => {
  // Nodes 2 (a) and 3 (b) name each other as parent (Chrome's `parent` form); 5 (d) is a's child
  // below the loop; 4 (c) names a missing parent.
  const node = (id: number, name: string, parent?: number) => ({
    id,
    ...(parent !== undefined ? { parent } : {}),
    callFrame: { functionName: name, url: '', lineNumber: 0, columnNumber: 0 },
  });
  const text = JSON.stringify({
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1 } },
      node(2, 'a', 3),
      node(3, 'b', 2),
      node(4, 'c', 99),
      node(5, 'd', 2),
    ],
    startTime: 0,
    endTime: 4000,
    samples: [2, 3, 4, 5],
    timeDeltas: [0, 1000, 1000, 1000],
  });
  const r = await loadText('cycle.cpuprofile', text);
  // Samples at 0, 1, 2, 3 ms, the last until endTime 4 ms: 1 ms each. Neither loop member has a
  // known caller, so each is at the top on its own: a self 1 and total 1 + 1 (d, its child) = 2;
  // b self 1, total 1 — not 3, as when a was put under b (an invented b → a edge); c and d 1 each.
  const [m] = r.profiles;
  const totals = Object.fromEntries(functionCosts(m).map((c) => [c.frame.name, [c.self, c.total]]));
  assert.deepEqual(totals, { a: [1, 2], b: [1, 1], c: [1, 1], d: [1, 1] });
  // a and b are roots of the tree; d is under a.
  const parentName = (name: string): string | undefined => {
    const at = m.stacks.frameOf.findIndex((f) => m.frames[f].name === name);
    const p = m.stacks.parentOf[at];
    return p < 0 ? undefined : m.frames[m.stacks.frameOf[p]].name;
  };
  assert.deepEqual(['a', 'b', 'c', 'd'].map(parentName), [undefined, undefined, undefined, 'a']);
  assert.ok(
    r.diagnostics.some((d) =>
      /1 parent chains loop back on themselves \(every node of the loop was attached at the top\) and 1 name a parent id not in 'nodes'/.test(
        d.message,
      ),
    ),
    r.diagnostics.map((d) => d.message).join('\n'),
  );
});

test('a profile with no samples below the root says what was expected', async () => {
  const r = await loadText(
    'root-only.cpuprofile',
    cpuprofileWith({ samples: [1, 1], timeDeltas: [0, 1000] }),
  );
  assert.ok(r.diagnostics.some((d) => /no samples below its root/.test(d.message) && d.expected));
});

/** Folded stacks, speedscope JSON and perf script: semantics beyond the snapshots. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { functionCosts } from '../../../../engine/profile/functionCosts';
import { parseFolded } from '../../../../engine/profile/importers/folded';
import { parsePerfScript } from '../../../../engine/profile/importers/perfScript';
import { parseSpeedscope } from '../../../../engine/profile/importers/speedscope';
import { loadProfileFile } from '../../../../engine/profile/loadProfileFile';
import type { ProfileModel } from '../../../../engine/profile/model';
import { chooseImporter } from '../../../../engine/profile/registry';
import { fixture } from './snapshot';

const only = (r: ReturnType<typeof parseFolded>): ProfileModel => {
  assert.equal(r.kind, 'profiles');
  return r.kind === 'profiles' ? r.profiles[0] : (undefined as never);
};
const cost = (m: ProfileModel, name: string) =>
  functionCosts(m).find((c) => c.frame.name === name)!;

test('folded: counts add up per stack, self and total follow the stack order', () => {
  const m = only(parseFolded('x.folded', 'a;b;c 3\na;b 2\na;c 1\n\n'));
  assert.equal(m.weightUnit, 'samples');
  assert.equal(m.totalWeight, 6);
  assert.deepEqual([cost(m, 'a').self, cost(m, 'a').total], [0, 6]);
  assert.deepEqual([cost(m, 'b').self, cost(m, 'b').total], [2, 5]);
  assert.deepEqual([cost(m, 'c').self, cost(m, 'c').total], [4, 4]);
});

test('folded: a line without a count is a warning with its line and column, the rest loads', async () => {
  const r = await loadProfileFile(fixture('folded/hand-made/missing-count/missing-count.folded'));
  const text = readFileSync(
    fixture('folded/hand-made/missing-count/missing-count.folded'),
    'utf8',
  ).split('\n');
  const d = r.diagnostics[0];
  assert.equal(d.severity, 'warning');
  assert.equal(text[d.line! - 1], 'main;broken-line-without-count');
  assert.equal(d.column, text[d.line! - 1].length + 1);
  assert.equal(r.profiles[0].totalWeight, 3 + 2 + 1.5);
});

test('folded: Rust frames from real perf output carry owner and name', async () => {
  const r = await loadProfileFile(fixture('folded/perf-6.1-stackcollapse/rust-dwarf/x0x.folded'));
  const verify = r.profiles[0].frames.find((f) => f.name.endsWith('Verify>::verify'))!;
  assert.deepEqual(
    [verify.native?.owner, verify.native?.trait, verify.native?.name],
    ['PubSubManager', 'Verify', 'verify'],
  );
});

test('speedscope evented: open/close intervals become self and total time', () => {
  const text = readFileSync(
    fixture('speedscope/hand-made/evented/evented.speedscope.json'),
    'utf8',
  );
  const m = only(parseSpeedscope('e.speedscope.json', text));
  assert.equal(m.weightUnit, 'milliseconds');
  assert.deepEqual([cost(m, 'main').self, cost(m, 'main').total], [5, 10]);
  assert.equal(cost(m, 'leaf').total, 1);
});

test('speedscope sampled: microseconds become ms; frame lines kept 1-based', () => {
  const text = readFileSync(
    fixture('speedscope/hand-made/sampled/sampled.speedscope.json'),
    'utf8',
  );
  const m = only(parseSpeedscope('s.speedscope.json', text));
  assert.equal(m.totalWeight, 6);
  assert.equal(cost(m, 'leaf').frame.line, 10);
  assert.equal(cost(m, 'leaf').total, 3.5);
});

test('speedscope: invalid JSON names the line and column', () => {
  const r = parseSpeedscope(
    'bad.speedscope.json',
    '{\n  "shared": {"frames": []},\n  "profiles": [oops]\n}',
  );
  assert.equal(r.kind, 'profiles');
  const d = r.kind === 'profiles' ? r.diagnostics[0] : undefined;
  assert.equal(d?.line, 3);
  assert.ok(d?.column !== undefined && d.column > 1);
});

test('perf script: leaf-first chains become root-first stacks, one profile per pid', async () => {
  const r = await loadProfileFile(fixture('perf-script/perf-6.1/rust-dwarf/x0x.perf.txt'));
  const m = r.profiles[0];
  assert.equal(m.pid, 24311);
  assert.equal(m.command, 'x0x');
  const text = readFileSync(fixture('perf-script/perf-6.1/rust-dwarf/x0x.perf.txt'), 'utf8');
  assert.equal(m.sampleStack.length, (text.match(/cpu-clock/g) ?? []).length);
  // Expected counts from awk over the same file (a sample is a `cpu-clock` header line, then its
  // frames leaf first; a frame's symbol is the text between the address and `+0x…`; self = the
  // samples whose first frame it is, total = the samples with it anywhere, once per sample):
  //   awk '/cpu-clock/ { delete seen; first = 1; next }
  //        /^\t/ { s = $0; sub(/^\t *[0-9a-f]+ /, "", s); sub(/\+0x[0-9a-f]+ \(.*\)$/, "", s);
  //               if (first) { self[s]++; first = 0 }
  //               if (!(s in seen)) { total[s]++; seen[s] = 1 } }
  //        END { for (k in total) print self[k] + 0, total[k], k }' x0x.perf.txt
  // 128 samples; handle_incoming 0 self, 128 total; its inlined {{closure}} 32 / 55; x0x::main
  // 0 / 128; <u64>::wrapping_add 30 / 30; <u64 as PartialOrd>::lt 26 / 27; rotate_left 18 / 20.
  assert.equal(m.totalWeight, 128);
  const counts = (name: string): [number, number, number, number] => {
    const c = cost(m, name);
    return [c.self, c.total, c.selfSamples, c.totalSamples];
  };
  const expected: [string, number, number][] = [
    ['x0x::gossip::pubsub::PubSubManager::handle_incoming', 0, 128],
    ['x0x::gossip::pubsub::PubSubManager::handle_incoming::{{closure}}', 32, 55],
    ['x0x::main', 0, 128],
    ['<u64>::wrapping_add', 30, 30],
    ['<u64 as core::cmp::PartialOrd>::lt', 26, 27],
    ['core::intrinsics::rotate_left', 18, 20],
  ];
  for (const [name, self, total] of expected)
    assert.deepEqual(counts(name), [self, total, self, total], name);
  const hi = cost(m, 'x0x::gossip::pubsub::PubSubManager::handle_incoming');
  assert.equal(hi.frame.native?.owner, 'PubSubManager');
});

test('perf script: two pids stay apart', () => {
  const text =
    'a 1/1 [000] 1.000000: 10 cpu-clock:\n\t1 f (/bin/a)\n\t2 main (/bin/a)\n\nb ' +
    '2/2 [001] 1.000100: 10 cpu-clock:\n\t3 g (/bin/b)\n\n';
  const r = parsePerfScript('p.txt', text);
  assert.equal(r.kind, 'profiles');
  if (r.kind === 'profiles')
    assert.deepEqual(
      r.profiles.map((p) => [p.pid, p.command, p.sampleStack.length]),
      [
        [1, 'a', 1],
        [2, 'b', 1],
      ],
    );
});

test('registry: every importer says why it declined', () => {
  const c = chooseImporter('x.bin', '\u0000\u0001garbage');
  assert.ok('declined' in c);
  if ('declined' in c)
    for (const id of ['v8-cpuprofile', 'speedscope', '0x', 'perf-script', 'folded'])
      assert.ok(c.declined.message.includes(`${id}:`), id);
});

test('pathological long lines parse in linear time (no regex backtracking blow-up)', () => {
  const long = `${'a 1 '.repeat(50000)}x`;
  const r = parseFolded('long.folded', `${long}\nmain;b 2\n`);
  assert.equal(r.kind, 'profiles');
  if (r.kind === 'profiles') assert.equal(r.profiles[0].totalWeight, 2);
  const p = parsePerfScript(
    'long.txt',
    `x 1/1 [0] 1.0: 1 cpu-clock:\n\t1 ${'f '.repeat(50000)}(\n\n`,
  );
  assert.equal(p.kind, 'profiles');
});

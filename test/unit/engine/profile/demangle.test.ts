/**
 * Demangled native names (issue 13): Rust legacy, Rust v0 and C++ Itanium symbols in real
 * `perf script --no-demangle` output (perf 6.1, programs/x0x-main.rs built by rustc 1.95 with
 * legacy and with `-C symbol-mangling-version=v0` mangling; programs/relay.cpp by g++ 12) are
 * shown demangled. The independent reference is GNU c++filt 2.40 run on the same symbols
 * (`symbols.c++filt.txt` beside each fixture, written by make-profile-fixtures.sh).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadProfileFile } from '../../../../engine/profile/loadProfileFile';
import { parseFolded } from '../../../../engine/profile/importers/folded';
import { demangleFrames, looksMangled } from '../../../../engine/profile/demangle';
import { loadDemangler } from '../../../../engine/profile/loadDemangler';
import { fixture } from './snapshot';
import { weightAt } from '../../../../engine/profile/sampleWeights';

/**
 * c++filt prints what rustc-demangle calls the verbose form: legacy symbols keep their
 * `::h<16 hex>` hash and v0 symbols their crate disambiguators `crate[<hex>]`. PerfLens shows the
 * alternate form (as `perf report`, the Firefox Profiler and rustfilt do), so those two parts are
 * removed from the reference before comparing; nothing else is touched.
 */
const withoutRustHashes = (s: string): string =>
  s.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{1,16}\]/g, '');

for (const [dir, file] of [
  ['rust-legacy-mangled', 'x0x.perf.txt'],
  ['rust-v0-mangled', 'x0x.perf.txt'],
  ['cpp-mangled', 'relay.perf.txt'],
] as const) {
  test(`perf script ${dir}: every mangled symbol is shown as c++filt demangles it`, async () => {
    const base = `perf-script/perf-6.1/${dir}`;
    const symbols = readFileSync(fixture(`${base}/symbols.txt`), 'utf8')
      .trim()
      .split('\n');
    const reference = readFileSync(fixture(`${base}/symbols.c++filt.txt`), 'utf8')
      .trim()
      .split('\n');
    assert.equal(symbols.length, reference.length);
    const loaded = await loadProfileFile(fixture(`${base}/${file}`), { sourceMaps: false });
    const names = new Set(loaded.profiles.flatMap((p) => p.frames.map((f) => f.name)));
    for (const f of loaded.profiles.flatMap((p) => p.frames))
      assert.ok(!looksMangled(f.name), `${f.name} is still mangled`);
    for (let i = 0; i < symbols.length; i++) {
      const expected = withoutRustHashes(reference[i]);
      assert.ok(names.has(expected), `${symbols[i]} → expected ${expected} among the frames`);
    }
  });
}

for (const dir of ['rust-legacy-mangled', 'rust-v0-mangled']) {
  test(`perf script ${dir}: handle_incoming is found as fn handle_incoming in impl PubSubManager`, async () => {
    const loaded = await loadProfileFile(fixture(`perf-script/perf-6.1/${dir}/x0x.perf.txt`), {
      sourceMaps: false,
    });
    const frames = loaded.profiles.flatMap((p) => p.frames);
    const hit = frames.filter((f) => f.native?.name === 'handle_incoming');
    assert.equal(hit.length, 1);
    assert.equal(hit[0].native?.owner, 'PubSubManager');
    assert.equal(hit[0].native?.modulePath, 'x0x::gossip::pubsub');
    const verify = frames.find((f) => f.native?.name === 'verify');
    assert.equal(verify?.native?.owner, 'PubSubManager');
    assert.equal(verify?.native?.trait, 'Verify');
  });
}

test('C++ frames: the owner is parsed from the demangled name without its parameter list', async () => {
  const loaded = await loadProfileFile(fixture('perf-script/perf-6.1/cpp-mangled/relay.perf.txt'), {
    sourceMaps: false,
  });
  const frames = loaded.profiles.flatMap((p) => p.frames);
  const record = frames.find((f) => f.name.startsWith('relay::AckTracker::record('));
  assert.deepEqual(
    {
      owner: record?.native?.owner,
      name: record?.native?.name,
      modulePath: record?.native?.modulePath,
    },
    { owner: 'AckTracker', name: 'record', modulePath: 'relay' },
  );
  const drain = frames.find((f) => f.name === 'relay::Queue<long>::drain(int)');
  assert.equal(drain?.native?.owner, 'Queue');
});

test('folded stacks with mangled names: demangled, weights unchanged (hand case)', () => {
  // Symbols taken from the fixtures above; their c++filt forms (hashes removed as above):
  //   _ZN3x0x6gossip6pubsub13PubSubManager15handle_incoming17h34b2b1622e31272dE
  //     → x0x::gossip::pubsub::PubSubManager::handle_incoming
  //   _RNvCs4lSbjcNF1Sy_3x0x4main → x0x::main
  //   _ZN5relay5QueueIlE5drainEi → relay::Queue<long>::drain(int)
  const text = [
    '_RNvCs4lSbjcNF1Sy_3x0x4main;_ZN3x0x6gossip6pubsub13PubSubManager15handle_incoming17h34b2b1622e31272dE 5',
    '_RNvCs4lSbjcNF1Sy_3x0x4main;_ZN5relay5QueueIlE5drainEi 2',
    '_RNvCs4lSbjcNF1Sy_3x0x4main;_ZN3x0x6gossip6pubsub13PubSubManager15handle_incoming17h34b2b1622e31272dE 3',
  ].join('\n');
  const r = parseFolded('mangled.folded', text);
  assert.equal(r.kind, 'profiles');
  if (r.kind !== 'profiles') return;
  const demangle = loadDemangler();
  assert.ok(demangle, 'the demangler wasm loads');
  const m = demangleFrames(r.profiles[0], demangle);
  const weightOf = new Map<string, number>();
  for (let i = 0; i < m.sampleStack.length; i++) {
    const name = m.frames[m.stacks.frameOf[m.sampleStack[i]]].name;
    weightOf.set(name, (weightOf.get(name) ?? 0) + weightAt(m.sampleWeight, i));
  }
  // handle_incoming: 5 + 3 = 8 samples; drain: 2 samples; total 5 + 2 + 3 = 10.
  assert.deepEqual(Object.fromEntries(weightOf), {
    'x0x::gossip::pubsub::PubSubManager::handle_incoming': 8,
    'relay::Queue<long>::drain(int)': 2,
  });
  assert.equal(m.totalWeight, 10);
  assert.ok(m.frames.some((f) => f.name === 'x0x::main'));
});

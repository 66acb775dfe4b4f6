/**
 * Matching measurements to source functions, on hand-made fixtures whose numbers are worked out
 * beside each assertion:
 * - test/fixtures/inline/ts-store: a V8 profile recorded in another checkout
 *   (`/home/ci/old-checkout/src/store.ts`), 25 samples of 1 ms each (timeDeltas of 1,000 µs);
 * - test/fixtures/inline/rust-x0x: a folded-stack profile of 3,134 samples
 *   (700 + 540 + 672 + 300 + 922).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildInlineCosts, type InlineCosts } from '../../../../engine/inline/costGroups';
import {
  matchFunctions,
  type CounterFacts,
  type FunctionMeasure,
} from '../../../../engine/inline/matchFunctions';
import { normalizeProfilePath } from '../../../../engine/inline/paths';
import { loadProfilePath } from '../../../../engine/profile/loadProfileFile';
import { parseFolded } from '../../../../engine/profile/importers/folded';
import { findTsFunctions } from '../../../../engine/source/tsFunctions';
import { findRustFunctions } from '../../../../engine/source/rustFunctions';
import { rustParser } from '../../../../engine/source/rustParser';

const fixtures = resolve(__dirname, '../../../fixtures/inline');
const storeTs = resolve(fixtures, 'ts-store/src/store.ts');
const pubsubRs = resolve(fixtures, 'rust-x0x/src/gossip/pubsub.rs');

const timer = (name: string, count: number, totalMs: number, share = 0.01): CounterFacts => ({
  name,
  count,
  totalMs,
  avgMs: totalMs / count,
  maxMs: totalMs,
  ratePerSec: 1,
  kind: 'timer',
  shareOfWallClock: share,
});
const count = (name: string, n: number): CounterFacts => ({
  name,
  count: n,
  totalMs: 0,
  avgMs: 0,
  maxMs: 0,
  ratePerSec: 1,
  kind: 'count',
  shareOfWallClock: 0,
});

const label = (m: FunctionMeasure): string =>
  `${m.fn.owner ? `${m.fn.owner}.` : ''}${m.fn.name}@${m.fn.line}`;

describe('matching a TypeScript file', () => {
  let costs: InlineCosts;
  let measures: readonly FunctionMeasure[];
  let profileFile: string | undefined;
  const counters = [
    timer('orbitdb.putEntry', 3606, 24449),
    count('orbitdb.putEntry.calls', 3606),
    timer('ipfs.fetchCar.ms', 10, 50),
    count('fetchCarFromIpfs.blocks', 42),
    timer('OrbitDbAdapter.listActiveBundles', 5, 20),
    timer('listActiveBundles.ms', 7, 30),
    count('wallet.listActiveBundles.calls', 9),
    count('nobody.knows', 1),
  ];
  const find = (l: string): FunctionMeasure => {
    const m = measures.find((x) => label(x) === l);
    assert.ok(m, `${l} has measurements: ${measures.map(label).join(', ')}`);
    return m;
  };

  before(async () => {
    const loaded = await loadProfilePath(
      resolve(fixtures, 'ts-store/recorded-elsewhere.cpuprofile'),
      {
        sourceMaps: false,
      },
    );
    costs = buildInlineCosts(loaded.profiles);
    const functions = findTsFunctions(readFileSync(storeTs, 'utf8'), storeTs);
    const r = matchFunctions({
      path: normalizeProfilePath(storeTs),
      language: 'typescript',
      functions,
      costs,
      counters,
    });
    measures = r.measures;
    profileFile = r.profileFile;
  });

  it('finds the file by its trailing segments (recorded in another checkout)', () => {
    assert.equal(profileFile, '/home/ci/old-checkout/src/store.ts');
    // 25 samples × 1 ms.
    assert.equal(costs.totalSamples, 25);
    assert.equal(costs.totalWeight, 25);
  });

  it('puts CPU on class methods by position; the callback keeps its own frame', () => {
    const put = find('OrbitDbAdapter.putEntry@6').cpu!;
    // self 2; total 2 + callback 3 + encode 4 + inner 1 = 10 ms of 25 = 40 %.
    assert.equal(put.self, 2);
    assert.equal(put.total, 10);
    assert.equal(put.totalPct, 40);
    // The `time` callback (line 8): 3 + 4 + 1 = 8 ms, listed under putEntry, not added to it.
    const cb = find('OrbitDbAdapter.putEntry@6').callbacks;
    assert.deepEqual(
      cb.map((c) => [c.line, c.cpu.total]),
      [[8, 8]],
    );
  });

  it('keeps two same-named methods of different classes apart', () => {
    // OrbitDbAdapter's: 5 samples; WalletStore's: 7.
    assert.equal(find('OrbitDbAdapter.listActiveBundles@14').cpu!.total, 5);
    assert.equal(find('WalletStore.listActiveBundles@20').cpu!.total, 7);
  });

  it('puts an overloaded function on its implementation, and an arrow assigned to a name on itself', () => {
    // parse: 1 sample, at the implementation (line 32).
    assert.equal(find('parse@32').cpu!.total, 1);
    // encode: self 4, total 4 + inner 1 = 5; `inner` (an arrow assigned to a const) is its own
    // function.
    assert.equal(find('encode@50').cpu!.self, 4);
    assert.equal(find('encode@50').cpu!.total, 5);
    assert.equal(find('inner@51').cpu!.total, 1);
  });

  it('matches counters by call site, and says when two functions record the same counter', () => {
    const put = find('OrbitDbAdapter.putEntry@6');
    assert.deepEqual(
      put.counters.map((c) => [
        c.counter.name,
        c.reason.kind,
        c.reason.kind === 'call-site' ? c.reason.line : 0,
      ]),
      [
        ['orbitdb.putEntry', 'call-site', 8],
        ['orbitdb.putEntry.calls', 'call-site', 7],
      ],
    );
    // WalletStore.putEntry (line 25) also calls time('orbitdb.putEntry', …) at line 26.
    assert.deepEqual(put.counters[0].sharedWith, ['WalletStore.putEntry (line 25)']);
    assert.deepEqual(put.counters[1].sharedWith, []);
    const wallet = find('WalletStore.listActiveBundles@20');
    assert.deepEqual(
      wallet.counters.map((c) => c.counter.name),
      ['wallet.listActiveBundles.calls'],
    );
  });

  it('matches template counter names as patterns, then counters by name', () => {
    const fetch = find('fetchCarFromIpfs@36');
    assert.deepEqual(
      fetch.counters.map((c) => [c.counter.name, c.reason.kind]),
      [
        ['ipfs.fetchCar.ms', 'call-site'],
        // `fetchCarFromIpfs.blocks` → function fetchCarFromIpfs (no call site records it).
        ['fetchCarFromIpfs.blocks', 'name'],
      ],
    );
    // `OrbitDbAdapter.listActiveBundles` → the method of that class only.
    const a = find('OrbitDbAdapter.listActiveBundles@14');
    assert.deepEqual(
      a.counters.map((c) => [c.counter.name, c.reason.kind]),
      [['OrbitDbAdapter.listActiveBundles', 'name']],
    );
  });

  it('reports a counter whose name fits several functions as ambiguous, on each, and in no lens', () => {
    const a = find('OrbitDbAdapter.listActiveBundles@14');
    const b = find('WalletStore.listActiveBundles@20');
    assert.deepEqual(
      a.ambiguous.map((c) => [c.counter.name, c.sharedWith]),
      [['listActiveBundles.ms', ['WalletStore.listActiveBundles (line 20)']]],
    );
    assert.deepEqual(
      b.ambiguous.map((c) => [c.counter.name, c.sharedWith]),
      [['listActiveBundles.ms', ['OrbitDbAdapter.listActiveBundles (line 14)']]],
    );
    assert.ok(!a.counters.some((c) => c.counter.name === 'listActiveBundles.ms'));
  });

  it('says a counter recorded in another parsed file is shared, and does not name-match it', () => {
    const r = matchFunctions({
      path: normalizeProfilePath(storeTs),
      language: 'typescript',
      functions: findTsFunctions(readFileSync(storeTs, 'utf8'), storeTs),
      counters: [count('wallet.listActiveBundles.calls', 9), count('fetchCarFromIpfs.blocks', 1)],
      recordedElsewhere: (c) =>
        c === 'fetchCarFromIpfs.blocks' ? [{ label: 'loadCar (car.ts:3)' }] : [],
    });
    const fetch = r.measures.find((m) => m.fn.name === 'fetchCarFromIpfs');
    assert.equal(fetch, undefined);
  });

  it('maps counters explicitly with perflens.counterMap before anything else', () => {
    const r = matchFunctions({
      path: normalizeProfilePath(storeTs),
      language: 'typescript',
      functions: findTsFunctions(readFileSync(storeTs, 'utf8'), storeTs),
      counters: [timer('orbitdb.putEntry', 3606, 24449)],
      counterMap: { 'orbitdb.putEntry': 'WalletStore.putEntry' },
    });
    assert.deepEqual(
      r.measures.map((m) => [label(m), m.counters.map((c) => c.reason.kind)]),
      [['WalletStore.putEntry@25', ['setting']]],
    );
  });
});

describe('matching a Rust file', () => {
  let costs: InlineCosts;
  let measures: readonly FunctionMeasure[];
  const find = (l: string): FunctionMeasure | undefined => measures.find((x) => label(x) === l);

  before(async () => {
    const folded = resolve(fixtures, 'rust-x0x/profile.folded');
    const parsed = parseFolded(folded, readFileSync(folded, 'utf8'));
    assert.ok('profiles' in parsed);
    costs = buildInlineCosts(parsed.profiles);
    const functions = findRustFunctions(readFileSync(pubsubRs, 'utf8'), await rustParser());
    measures = matchFunctions({
      path: normalizeProfilePath(pubsubRs),
      language: 'rust',
      functions,
      costs,
      counters: [timer('pubsub_stages.verify', 100, 2000)],
      counterMap: { 'pubsub_stages.verify': 'PubSubManager::verify' },
    }).measures;
  });

  it('folds hashes and closures into handle_incoming of impl PubSubManager', () => {
    const h = find('PubSubManager.handle_incoming@11')!.cpu!;
    // total: 700 (closure → verify) + 540 (closure on top) + 672 (hashed frame → decode_frame) =
    // 1,912
    assert.equal(h.totalSamples, 1912);
    // self: only the 540 with its closure on top.
    assert.equal(h.selfSamples, 540);
    // 1,912 / 3,134 = 61.008 %
    assert.equal(h.totalPct.toFixed(1), '61.0');
  });

  it('gives the same-named fn of another impl in the file its own numbers, and none to mod tests', () => {
    // TopicRouter::handle_incoming: 300 samples.
    assert.equal(find('TopicRouter.handle_incoming@30')!.cpu!.totalSamples, 300);
    assert.equal(find('handle_incoming@40'), undefined);
  });

  it('matches <T as Trait>::verify to fn verify in impl Verify for T; free fns by module', () => {
    const v = find('PubSubManager.verify@24')!;
    assert.equal(v.cpu!.totalSamples, 700);
    assert.deepEqual(
      v.counters.map((c) => [c.counter.name, c.reason.kind]),
      [['pubsub_stages.verify', 'setting']],
    );
    assert.equal(find('decode_frame@35')!.cpu!.totalSamples, 672);
  });
});

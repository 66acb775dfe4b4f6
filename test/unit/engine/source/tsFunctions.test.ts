/**
 * Function finding in TypeScript/JavaScript with the compiler's parser. Expected names, owners
 * and lines are read off the fixture by hand (test/fixtures/inline/ts-store/src/store.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findTsFunctions } from '../../../../engine/source/tsFunctions';
import { callSiteRecords } from '../../../../engine/source/sourceFunctions';

const store = resolve(__dirname, '../../../fixtures/inline/ts-store/src/store.ts');

describe('findTsFunctions', () => {
  const fns = findTsFunctions(readFileSync(store, 'utf8'), store);
  const named = fns
    .filter((f) => !f.anonymous)
    .map((f) => `${f.owner ? `${f.owner}.` : ''}${f.name}@${f.line}`);

  it('finds class methods, free functions, arrows and function expressions by name; overloads once', () => {
    assert.deepEqual(named, [
      'OrbitDbAdapter.putEntry@6',
      'OrbitDbAdapter.listActiveBundles@14',
      'WalletStore.listActiveBundles@20',
      'WalletStore.putEntry@25',
      // Lines 30 and 31 are overload signatures: one entry, on the implementation.
      'parse@32',
      'fetchCarFromIpfs@36',
      'handlers.onMessage@42',
      'handlers.stream@45',
      'encode@50',
      'inner@51',
    ]);
  });

  it('lists callbacks as anonymous, inside their parent', () => {
    const anon = fns.filter((f) => f.anonymous);
    // line 8: the `time` callback; line 9: the `timeSync` callback inside it; line 26:
    // WalletStore's.
    assert.deepEqual(
      anon.map((f) => f.line),
      [8, 9, 26],
    );
    assert.equal(fns[anon[0].parent!].name, 'putEntry');
    assert.equal(fns[anon[1].parent!].line, 8);
  });

  it('credits counter call sites (bare, member, in callbacks) to the named function around them', () => {
    const putEntry = fns.find((f) => f.name === 'putEntry' && f.owner === 'OrbitDbAdapter')!;
    assert.deepEqual(
      putEntry.counterCalls.map((c) => `${c.callee}('${c.name}')@${c.line}`),
      [
        "incr('orbitdb.putEntry.calls')@7",
        "time('orbitdb.putEntry')@8",
        "timeSync('orbitdb.putEntry.encode')@9",
      ],
    );
    const list = fns.find((f) => f.name === 'listActiveBundles' && f.owner === 'WalletStore')!;
    assert.deepEqual(
      list.counterCalls.map((c) => c.callee),
      ['perf.incr'],
    );
    assert.equal(fns.find((f) => f.line === 8)!.counterCalls.length, 0);
  });

  it('turns a template counter name into a pattern', () => {
    const fetch = fns.find((f) => f.name === 'fetchCarFromIpfs')!;
    const [site] = fetch.counterCalls;
    assert.equal(site.name, 'ipfs.${op}.ms');
    assert.ok(callSiteRecords(site, 'ipfs.fetchCar.ms'));
    assert.ok(!callSiteRecords(site, 'ipfs.ms'));
    assert.ok(!callSiteRecords(site, 'ipfs.fetchCar.bytes'));
  });

  it('reads JavaScript assignments and JSX', () => {
    const js = [
      // `module.exports.f`: no owner (module.exports is no class).
      'module.exports.load = function () {};', // 1
      'Store.prototype.flush = async function () {};', // 2
      'class A { constructor() { this.onTick = () => {}; } }', // 3
    ].join('\n');
    const got = findTsFunctions(js, 'x.cjs').filter((f) => !f.anonymous);
    assert.deepEqual(
      got.map((f) => `${f.owner ?? ''}.${f.name}@${f.line}`),
      ['.load@1', 'Store.flush@2', 'A.constructor@3', 'A.onTick@3'],
    );
    const tsx = 'export function View(): JSX.Element {\n  return <div onClick={() => 1} />;\n}\n';
    const v = findTsFunctions(tsx, 'v.tsx');
    assert.deepEqual(
      v.map((f) => `${f.name}@${f.line}${f.anonymous ? '(anon)' : ''}`),
      ['View@1', '(anonymous)@2(anon)'],
    );
  });

  it('honours a custom list of counter callees', () => {
    const src = "function f() { stat('a.b'); incr('c'); }";
    const [f] = findTsFunctions(src, 'a.ts', { counterCallees: ['stat'] });
    assert.deepEqual(
      f.counterCalls.map((c) => c.name),
      ['a.b'],
    );
  });
});

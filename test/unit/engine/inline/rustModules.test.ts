/**
 * Rust: frames matched through inline modules nested two deep, and a `metrics` macro call site
 * matched to its counter. Fixtures (test/fixtures/inline/rust-x0x):
 * - src/gossip/nested.rs: `fn f` at file level (line 2), in `mod a` (line 7), in `mod a { mod b }`
 *   (line 20, which calls `metrics::counter!("nested.deep")` at line 21) and `impl Cache` in
 *   `mod b` (line 15);
 * - nested.folded: 10 samples in `gossip::nested::f`, 20 in `…::a::f`, 40 in `…::a::b::f`, 80 in
 *   `…::a::b::Cache::f`, 160 in `…::nested::b::f` (no `mod b` directly in nested.rs: nobody's);
 * - src/gossip/pubsub.rs: `counter!("pubsub.incoming")` at line 12 and `histogram!
 *   ("pubsub.fanout_ms")` at line 16 inside `PubSubManager::handle_incoming` (line 11).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildInlineCosts } from '../../../../engine/inline/costGroups';
import {
  matchFunctions,
  type CounterFacts,
  type FunctionMeasure,
} from '../../../../engine/inline/matchFunctions';
import { normalizeProfilePath } from '../../../../engine/inline/paths';
import { parseFolded } from '../../../../engine/profile/importers/folded';
import { findRustFunctions } from '../../../../engine/source/rustFunctions';
import { rustParser } from '../../../../engine/source/rustParser';

const crate = resolve(__dirname, '../../../fixtures/inline/rust-x0x');

const counter = (name: string, n: number): CounterFacts => ({
  name,
  count: n,
  totalMs: 0,
  avgMs: 0,
  maxMs: 0,
  ratePerSec: 1,
  kind: 'count',
  shareOfWallClock: 0,
});

async function matchRust(
  file: string,
  folded: string,
  counters: readonly CounterFacts[],
): Promise<readonly FunctionMeasure[]> {
  const parsed = parseFolded(folded, readFileSync(folded, 'utf8'));
  assert.ok('profiles' in parsed);
  return matchFunctions({
    path: normalizeProfilePath(file),
    language: 'rust',
    functions: findRustFunctions(readFileSync(file, 'utf8'), await rustParser()),
    costs: buildInlineCosts(parsed.profiles),
    counters,
  }).measures;
}

/** `module owner.name@line` → CPU samples. */
const samplesByFunction = (measures: readonly FunctionMeasure[]): Record<string, number> =>
  Object.fromEntries(
    measures
      .filter((m) => m.cpu)
      .map((m) => [
        `${m.fn.module ?? ''} ${m.fn.owner ? `${m.fn.owner}.` : ''}${m.fn.name}@${m.fn.line}`,
        m.cpu!.totalSamples,
      ]),
  );

describe('Rust modules and macro call sites', () => {
  let nested: readonly FunctionMeasure[];
  before(async () => {
    nested = await matchRust(
      resolve(crate, 'src/gossip/nested.rs'),
      resolve(crate, 'nested.folded'),
      [counter('nested.deep', 6)],
    );
  });

  it('gives each fn f of nested mods its own samples, by the whole module path', () => {
    // 10 + 20 + 40 + 80 = 150 of the 310 samples land; `nested::b::f` (160) fits no function.
    assert.deepEqual(samplesByFunction(nested), {
      ' f@2': 10,
      'a f@7': 20,
      'a::b f@20': 40,
      'a::b Cache.f@15': 80,
    });
  });

  it('matches a counter! call site inside a nested mod to its counter', () => {
    const deep = nested.find((m) => m.fn.module === 'a::b' && m.fn.name === 'f' && !m.fn.owner)!;
    assert.deepEqual(
      deep.counters.map((c) => [
        c.counter.name,
        c.reason.kind,
        c.reason.kind === 'call-site' ? [c.reason.line, c.reason.callee] : [],
      ]),
      [['nested.deep', 'call-site', [21, 'metrics::counter!']]],
    );
  });

  it('matches counter! and histogram! in handle_incoming to their counters', async () => {
    const pubsub = await matchRust(
      resolve(crate, 'src/gossip/pubsub.rs'),
      resolve(crate, 'profile.folded'),
      [counter('pubsub.incoming', 12), counter('pubsub.fanout_ms', 9)],
    );
    const h = pubsub.find(
      (m) => m.fn.owner === 'PubSubManager' && m.fn.name === 'handle_incoming',
    )!;
    assert.deepEqual(
      h.counters.map((c) => [c.counter.name, c.reason.kind === 'call-site' ? c.reason.line : 0]),
      [
        ['pubsub.incoming', 12],
        ['pubsub.fanout_ms', 16],
      ],
    );
  });
});

/**
 * Lens titles and hovers on the hand-made fixtures of
 * test/unit/engine/inline/matchFunctions.test.ts (numbers worked out there and repeated beside each
 * expectation).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildInlineCosts, type InlineCosts } from '../../../engine/inline/costGroups';
import { matchFunctions, type FunctionMeasure } from '../../../engine/inline/matchFunctions';
import { normalizeProfilePath } from '../../../engine/inline/paths';
import { parseFolded } from '../../../engine/profile/importers/folded';
import { loadProfilePath } from '../../../engine/profile/loadProfileFile';
import { findRustFunctions } from '../../../engine/source/rustFunctions';
import { rustParser } from '../../../engine/source/rustParser';
import { findTsFunctions } from '../../../engine/source/tsFunctions';
import { hoverMarkdown, escapeMarkdown } from '../../../server/lsp/hoverText';
import { dominance, formatCount, formatDuration, lensTitle } from '../../../server/lsp/lensText';

const fixtures = resolve(__dirname, '../../fixtures/inline');

describe('lens titles', () => {
  let ts: { costs: InlineCosts; measures: readonly FunctionMeasure[] };
  let rust: { costs: InlineCosts; measures: readonly FunctionMeasure[] };

  before(async () => {
    const storeTs = resolve(fixtures, 'ts-store/src/store.ts');
    const loaded = await loadProfilePath(
      resolve(fixtures, 'ts-store/recorded-elsewhere.cpuprofile'),
      {
        sourceMaps: false,
      },
    );
    const tsCosts = buildInlineCosts(loaded.profiles);
    ts = {
      costs: tsCosts,
      measures: matchFunctions({
        path: normalizeProfilePath(storeTs),
        language: 'typescript',
        functions: findTsFunctions(readFileSync(storeTs, 'utf8'), storeTs),
        costs: tsCosts,
        counters: [
          {
            name: 'orbitdb.putEntry',
            count: 3606,
            totalMs: 24449,
            avgMs: 24449 / 3606,
            maxMs: 220,
            ratePerSec: 6.01,
            kind: 'timer',
            shareOfWallClock: 0.041,
          },
        ],
      }).measures,
    };
    const folded = resolve(fixtures, 'rust-x0x/profile.folded');
    const parsed = parseFolded(folded, readFileSync(folded, 'utf8'));
    assert.ok('profiles' in parsed);
    const rustCosts = buildInlineCosts(parsed.profiles);
    const pubsub = resolve(fixtures, 'rust-x0x/src/gossip/pubsub.rs');
    rust = {
      costs: rustCosts,
      measures: matchFunctions({
        path: normalizeProfilePath(pubsub),
        language: 'rust',
        functions: findRustFunctions(readFileSync(pubsub, 'utf8'), await rustParser()),
        costs: rustCosts,
      }).measures,
    };
  });

  it('formats counts exactly with separators, durations with sensible precision', () => {
    assert.equal(formatCount(1912), '1,912');
    assert.equal(formatCount(1234567), '1,234,567');
    assert.equal(formatDuration(24449), '24.4 s');
    assert.equal(formatDuration(6.78), '6.8 ms');
    assert.equal(formatDuration(312.4), '312 ms');
  });

  it('says which cost dominates', () => {
    assert.equal(dominance(1300, 24449), 'mostly waiting'); // 5 % of wall on CPU
    assert.equal(dominance(900, 1000), 'mostly CPU');
    assert.equal(dominance(600, 1000), 'CPU and waiting');
    assert.equal(dominance(5, 0), undefined);
  });

  it('puts counter wall time beside CPU share, with the verdict (TypeScript)', () => {
    const put = ts.measures.find(
      (m) => m.fn.name === 'putEntry' && m.fn.owner === 'OrbitDbAdapter',
    )!;
    // 3,606 calls; 24,449 ms → 24.4 s; avg 24,449 / 3,606 = 6.78 → 6.8 ms; share 0.041 → 4.1 %;
    // CPU total 10 ms of 25 = 40.0 %; 10 / 24,449 < 0.5 → mostly waiting. WalletStore.putEntry
    // also records it but has no sample (it never ran): CPU settles the counter as this one's, so
    // no `shared with`.
    assert.equal(
      lensTitle(put, ts.costs),
      'putEntry · 3,606 calls · 24.4 s wall (avg 6.8 ms, 4.1 % of run) · CPU 10 ms ' +
        '(40.0 %) → mostly waiting',
    );
    const wallet = ts.measures.find(
      (m) => m.fn.name === 'putEntry' && m.fn.owner === 'WalletStore',
    )!;
    // No samples in WalletStore.putEntry: the shared counter is not its number, only a hover note.
    assert.deepEqual(wallet.counters, []);
    assert.deepEqual(
      wallet.ambiguous.map((c) => [c.counter.name, c.settlement]),
      [['orbitdb.putEntry', { kind: 'cpu-elsewhere', to: 'OrbitDbAdapter.putEntry (line 6)' }]],
    );
    assert.match(
      hoverMarkdown(wallet, ts.costs, { path: '/runs/run-1' }, 0),
      /- `orbitdb\.putEntry` is recorded here too \(call site at line 26 \(`time`\)\), but only OrbitDbAdapter\\\.putEntry \\\(line 6\\\) had CPU samples in this profile: its numbers are shown there/,
    );
    // The same counter read from two daemons: 0.041 is their sum over the run's wall-clock.
    assert.equal(
      lensTitle(put, ts.costs, 2),
      'putEntry · 3,606 calls · 24.4 s wall (avg 6.8 ms, 4.1 % of run summed over 2 ' +
        'processes) · CPU 10 ms (40.0 %) → mostly waiting',
    );
    // With each process's own share (time over that process's wall-clock, as the panel shows):
    // alice 20,000 ms of 500,000 = 4.0 %, bob 4,449 ms of 400,000 = 1.1 %.
    const withShares = (n: number): FunctionMeasure => ({
      ...put,
      counters: put.counters.map((c) => ({
        ...c,
        counter: {
          ...c.counter,
          perProcess: [
            { process: 'alice', count: 3000, totalMs: 20000, shareOfWallClock: 20000 / 500000 },
            { process: 'bob', count: 606, totalMs: 4449, shareOfWallClock: 4449 / 400000 },
            ...(n > 2 ? [{ process: 'carol', count: 0, totalMs: 0, shareOfWallClock: 0 }] : []),
          ],
        },
      })),
    });
    assert.equal(
      lensTitle(withShares(2), ts.costs, 2),
      "putEntry · 3,606 calls · 24.4 s wall (avg 6.8 ms, 4.0 % of alice's run, 1.1 % of " +
        "bob's) · CPU 10 ms (40.0 %) → mostly waiting",
    );
    assert.equal(
      lensTitle(withShares(3), ts.costs, 3),
      "putEntry · 3,606 calls · 24.4 s wall (avg 6.8 ms, up to 4.0 % of alice's run (3 " +
        'processes)) · CPU 10 ms (40.0 %) → mostly waiting',
    );
    const encode = ts.measures.find((m) => m.fn.name === 'encode')!;
    // CPU only: total 5 ms of 25 = 20.0 %, self 4 ms.
    assert.equal(lensTitle(encode, ts.costs), 'encode · CPU 5.0 ms (20.0 %) · self 4.0 ms');
  });

  it('gives sample counts for folded stacks (Rust)', () => {
    const h = rust.measures.find(
      (m) => m.fn.name === 'handle_incoming' && m.fn.owner === 'PubSubManager',
    )!;
    // 1,912 of 3,134 samples = 61.0 %, self 540.
    assert.equal(
      lensTitle(h, rust.costs),
      'handle_incoming · CPU 1,912 samples (61.0 %) · self 540',
    );
  });

  it('hover: per-process numbers, callers and callees, counters with why, source and age', () => {
    const put = ts.measures.find(
      (m) => m.fn.name === 'putEntry' && m.fn.owner === 'OrbitDbAdapter',
    )!;
    const md = hoverMarkdown(put, ts.costs, { path: '/runs/run-1', dataTime: 0 }, 180_000);
    assert.match(md, /\*\*OrbitDbAdapter\\\.putEntry\*\*/);
    // One process (the fixture's file name), total 10 ms of its 25 = 40.0 %.
    assert.match(
      md,
      /\| recorded\\-elsewhere\\\.cpuprofile \| 10 ms \| 2\.0 ms \| 10 \| 40\.0 % \|/,
    );
    // putEntry's callee by weight: the callback at line 8 (8 ms).
    assert.match(md, /\*\*Callees:\*\* \\\(anonymous\\\) \(store\\\.ts:8\) 8\.0 ms/);
    assert.match(
      md,
      /\| orbitdb\\\.putEntry \| 3,606 \| 24\.4 s \| 6\.8 ms \| 220 ms \| 6\.0 \| 4\.1 % \| call site at line 8 \(`time`\) \|/,
    );
    assert.match(
      md,
      /also recorded by WalletStore\\\.putEntry \\\(line 25\\\), which had no CPU samples in this profile: its numbers are this function's/,
    );
    assert.match(md, /From \/runs\/run\\-1, data from 3 min ago/);
    // With two processes the hover lists each one's numbers over its own wall-clock:
    // alice 20,000 ms → 20.0 s, 20,000 / 500,000 = 4.0 %; bob 4,449 ms → 4.4 s, 1.1 %.
    const shared = hoverMarkdown(
      {
        ...put,
        counters: put.counters.map((c) => ({
          ...c,
          counter: {
            ...c.counter,
            perProcess: [
              { process: 'alice', count: 3000, totalMs: 20000, shareOfWallClock: 0.04 },
              { process: 'bob', count: 606, totalMs: 4449, shareOfWallClock: 4449 / 400000 },
            ],
          },
        })),
      },
      ts.costs,
      { path: '/runs/soak' },
      0,
    );
    assert.match(shared, /\| orbitdb\\\.putEntry \| alice \| 3,000 \| 20\.0 s \| 4\.0 % \|/);
    assert.match(shared, /\| orbitdb\\\.putEntry \| bob \| 606 \| 4\.4 s \| 1\.1 % \|/);
    const h = rust.measures.find(
      (m) => m.fn.name === 'handle_incoming' && m.fn.owner === 'PubSubManager',
    )!;
    const rmd = hoverMarkdown(h, rust.costs, { path: 'p.folded' }, 0);
    // Callers: block_on (1,912); callees: verify 700, decode_frame 672.
    assert.match(rmd, /\*\*Callers:\*\* Runtime::block\\_on 1,912 samples/);
    assert.match(
      rmd,
      /\*\*Callees:\*\* PubSubManager::verify 700 samples · decode\\_frame 672 samples/,
    );
  });

  it('escapes profile text so it stays text', () => {
    assert.equal(escapeMarkdown('<img src=x>'), '\\<img src=x\\>');
    assert.equal(escapeMarkdown('[a](b)'), '\\[a\\]\\(b\\)');
  });
});

describe('evented profiles in lens and hover (no samples)', () => {
  it('shows the time between events and no sample count', async () => {
    // test/fixtures/speedscope/hand-made/evented-calls: work is open 2–5 and 7–12 (leaf 8–11 under
    // it): total 3 + 5 = 8 ms of 20 = 40.0 %, self 8 − 3 = 5 ms = 25.0 % (test/unit/cli/eventedReport.test.ts).
    const dir = resolve(__dirname, '../../fixtures/speedscope/hand-made/evented-calls');
    const loaded = await loadProfilePath(resolve(dir, 'calls.speedscope.json'), {
      sourceMaps: false,
    });
    const costs = buildInlineCosts(loaded.profiles);
    assert.equal(costs.evented, true);
    const workTs = resolve(dir, 'src/work.ts');
    const work = matchFunctions({
      path: normalizeProfilePath(workTs),
      language: 'typescript',
      functions: findTsFunctions(readFileSync(workTs, 'utf8'), workTs),
      costs,
    }).measures.find((m) => m.fn.name === 'work')!;
    assert.equal(lensTitle(work, costs), 'work · CPU 8.0 ms (40.0 %) · self 5.0 ms');
    const md = hoverMarkdown(work, costs, { path: 'calls.speedscope.json' }, 0);
    assert.match(
      md,
      /\*\*CPU\*\* \(evented profile, no samples, 20 ms of CPU profile over 1 process\(es\)\): total 8\.0 ms \(40\.0 %\), self 5\.0 ms \(25\.0 %\)\n/,
    );
    assert.doesNotMatch(md, /\d samples|\| samples \|/);
  });
});

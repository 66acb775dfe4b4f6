/**
 * Counters several functions could own: a counter recorded by several functions goes to a lens
 * only when CPU settles it (exactly one of them has samples), and a bare name match must agree
 * with the owner its prefix names. Fixtures:
 * - test/fixtures/inline/ts-async (see callbackTotals.test.ts for its 12 samples): `queue.flush`
 *   is recorded by Queue.flush (line 7) and Queue.drain (line 14), both with samples (drain only
 *   through its callback at line 14); `queue.idle` by idle (18) and spare (22), neither sampled;
 *   `queue.flush.calls` by flush alone (line 6).
 * - test/fixtures/inline/ts-owner: `Wallet.send` records `wallet.send` (wallet.ts:6); ipfs-server.ts
 *   has inner closures `send` and `pin`; payments.ts a class `Wallet` with `refund`.
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
  type MatchInput,
} from '../../../../engine/inline/matchFunctions';
import { normalizeProfilePath } from '../../../../engine/inline/paths';
import { loadProfilePath } from '../../../../engine/profile/loadProfileFile';
import { findTsFunctions } from '../../../../engine/source/tsFunctions';
import { hoverMarkdown } from '../../../../server/lsp/hoverText';
import { lensTitle } from '../../../../server/lsp/lensText';

const fixtures = resolve(__dirname, '../../../fixtures/inline');
const jobsTs = resolve(fixtures, 'ts-async/src/jobs.ts');

const timer = (name: string, count: number, totalMs: number): CounterFacts => ({
  name,
  count,
  totalMs,
  avgMs: totalMs / count,
  maxMs: totalMs,
  ratePerSec: 1,
  kind: 'timer',
  shareOfWallClock: 0.5,
});
const count = (name: string, n: number): CounterFacts => ({ ...timer(name, n, 0), kind: 'count' });

const matchFile = (
  file: string,
  counters: readonly CounterFacts[],
  more: Partial<MatchInput> = {},
): readonly FunctionMeasure[] =>
  matchFunctions({
    path: normalizeProfilePath(file),
    language: 'typescript',
    functions: findTsFunctions(readFileSync(file, 'utf8'), file),
    counters,
    ...more,
  }).measures;

const byName = (measures: readonly FunctionMeasure[], name: string): FunctionMeasure | undefined =>
  measures.find((m) => !m.fn.anonymous && m.fn.name === name);

/** [counter, settlement kind, sampled or to] of each ambiguous counter. */
const ambiguity = (m: FunctionMeasure | undefined): unknown[] =>
  (m?.ambiguous ?? []).map((c) => [
    c.counter.name,
    c.settlement?.kind,
    c.settlement?.kind === 'cpu-unsettled'
      ? c.settlement.sampled
      : c.settlement?.kind === 'cpu-elsewhere'
        ? c.settlement.to
        : c.settlement?.kind === 'owner-mismatch'
          ? c.settlement.prefix
          : undefined,
  ]);

describe('a counter recorded by several functions', () => {
  let costs: InlineCosts;
  const counters = [
    timer('queue.flush', 40, 2000),
    count('queue.idle', 7),
    count('queue.flush.calls', 40),
  ];
  before(async () => {
    const loaded = await loadProfilePath(
      resolve(fixtures, 'ts-async/async-continuations.cpuprofile'),
      { sourceMaps: false },
    );
    costs = buildInlineCosts(loaded.profiles);
  });

  it('is no one’s number when both recorders ran (drain through its callback alone)', () => {
    const ms = matchFile(jobsTs, counters, { costs });
    const flush = byName(ms, 'flush')!;
    const drain = byName(ms, 'drain')!;
    // flush: 9 ms with its callbacks; drain: 1 ms, all in callback D. Both ran: not settled.
    assert.deepEqual(ambiguity(flush), [['queue.flush', 'cpu-unsettled', 2]]);
    assert.deepEqual(ambiguity(drain), [['queue.flush', 'cpu-unsettled', 2]]);
    assert.deepEqual(
      drain.counters.map((c) => c.counter.name),
      [],
    );
    // flush's lens leads with the counter only it records: 40 counted; CPU 9 ms of 12 = 75.0 %.
    assert.deepEqual(
      flush.counters.map((c) => [c.counter.name, c.sharedWith, c.settlement]),
      [['queue.flush.calls', [], undefined]],
    );
    assert.equal(
      lensTitle(flush, costs),
      'flush · 40 counted (queue.flush.calls) · CPU 9.0 ms (75.0 %)',
    );
    assert.match(
      hoverMarkdown(drain, costs, { path: 'p' }, 0),
      /- `queue\.flush` \(40 calls, 2\.0 s\) is recorded here \(call site at line 14 \(`time`\)\) and by Queue\\\.flush \\\(line 5\\\): 2 of them had CPU samples in this profile, so its numbers cannot be told apart/,
    );
  });

  it('is no one’s number when neither ran, nor without a profile', () => {
    const ms = matchFile(jobsTs, counters, { costs });
    assert.deepEqual(ambiguity(byName(ms, 'idle')), [['queue.idle', 'cpu-unsettled', 0]]);
    assert.deepEqual(ambiguity(byName(ms, 'spare')), [['queue.idle', 'cpu-unsettled', 0]]);
    const noProfile = matchFile(jobsTs, counters);
    assert.deepEqual(ambiguity(byName(noProfile, 'flush')), [
      ['queue.flush', 'cpu-unsettled', undefined],
    ]);
    assert.match(
      hoverMarkdown(byName(noProfile, 'idle')!, undefined, { path: 'p' }, 0),
      /no CPU profile tells which of them ran/,
    );
  });

  it('goes to the only recorder with samples, counting other files’ recorders', () => {
    const ms = matchFile(jobsTs, counters, {
      costs,
      recordedElsewhere: (c) =>
        c === 'queue.flush.calls'
          ? [{ label: 'Other.flush (b.ts:3)', sampled: false }]
          : c === 'queue.idle'
            ? [{ label: 'Other.idle (b.ts:9)', sampled: true }]
            : [],
    });
    // flush ran, Other.flush did not: the counter is flush's, with no `shared with` in its lens.
    const flush = byName(ms, 'flush')!;
    assert.deepEqual(
      flush.counters.map((c) => [c.counter.name, c.sharedWith, c.settlement?.kind]),
      [['queue.flush.calls', ['Other.flush (b.ts:3)'], 'cpu-here']],
    );
    assert.equal(
      lensTitle(flush, costs),
      'flush · 40 counted (queue.flush.calls) · CPU 9.0 ms (75.0 %)',
    );
    // Only Other.idle ran: idle and spare show it in their hovers, in no lens.
    assert.deepEqual(ambiguity(byName(ms, 'idle')), [
      ['queue.idle', 'cpu-elsewhere', 'Other.idle (b.ts:9)'],
    ]);
    assert.deepEqual(ambiguity(byName(ms, 'spare')), [
      ['queue.idle', 'cpu-elsewhere', 'Other.idle (b.ts:9)'],
    ]);
    // An elsewhere recorder whose CPU is unknown never lets CPU settle.
    const unknown = matchFile(jobsTs, [count('queue.flush.calls', 40)], {
      costs,
      recordedElsewhere: () => [{ label: 'Other.flush (b.ts:3)' }],
    });
    assert.deepEqual(ambiguity(byName(unknown, 'flush')), [
      ['queue.flush.calls', 'cpu-unsettled', undefined],
    ]);
  });
});

describe('a counter matched by a bare function name', () => {
  const owner = (f: string): string => resolve(fixtures, 'ts-owner/src', f);
  const counters = [
    timer('wallet.send', 320, 14800),
    count('wallet.receive', 5),
    count('ipfs.pin', 3),
    count('wallet.refund', 2),
  ];

  it('never lands on a closure of another file whose name its prefix does not give', () => {
    const ms = matchFile(owner('ipfs-server.ts'), counters);
    // `wallet.send` → `send` by name only, but `wallet` is neither ipfs-server.ts nor an owner
    // of the closure: ambiguous, in no lens.
    const send = byName(ms, 'send')!;
    assert.deepEqual(send.counters, []);
    assert.deepEqual(ambiguity(send), [['wallet.send', 'owner-mismatch', 'wallet']]);
    assert.match(
      hoverMarkdown(send, undefined, { path: 'p' }, 0),
      /`wallet\.send` fits this function by name only, but `wallet` names neither this file nor its class or object/,
    );
    // `ipfs.pin` → `pin`: `ipfs` is the lead word of ipfs-server.ts.
    assert.deepEqual(
      byName(ms, 'pin')!.counters.map((c) => [c.counter.name, c.reason.kind]),
      [['ipfs.pin', 'name']],
    );
  });

  it('lands on the function of the file or class the prefix names', () => {
    const wallet = matchFile(owner('wallet.ts'), counters);
    assert.deepEqual(
      byName(wallet, 'send')!.counters.map((c) => [c.counter.name, c.reason.kind]),
      [['wallet.send', 'call-site']],
    );
    // wallet.ts, class Wallet: both agree with `wallet`.
    assert.deepEqual(
      byName(wallet, 'receive')!.counters.map((c) => [c.counter.name, c.reason.kind]),
      [['wallet.receive', 'name']],
    );
    // payments.ts: the file does not agree, its class Wallet does.
    const payments = matchFile(owner('payments.ts'), counters);
    assert.deepEqual(
      byName(payments, 'refund')!.counters.map((c) => [c.counter.name, c.reason.kind]),
      [['wallet.refund', 'name']],
    );
  });
});

/**
 * The sample daemon itself: its counter dumps have the real SDK's console form, `--batch`
 * really batches the pin/verify round trips, `--crash-after` crashes, and the soak passes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { DAEMON, SOAK, buildSampleDaemon } from '../runner/helpers';

const perfEnv = {
  ...process.env,
  SPHERE_PERF: '1',
  SPHERE_DEBUG: 'perf=info',
  SPHERE_PERF_DUMP_MS: '300',
};

function runDaemon(args: string[], env: NodeJS.ProcessEnv = perfEnv) {
  const r = spawnSync(process.execPath, [DAEMON, ...args], {
    env,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Sums a counter's `count` over every util.inspect dump in the output. */
function sumCount(out: string, name: string): number {
  const re = new RegExp(`^  '${name.replace(/\./g, '\\.')}': \\{ count: (\\d+),`, 'gm');
  let total = 0;
  for (const m of out.matchAll(re)) total += Number(m[1]);
  return total;
}

describe('sample daemon', () => {
  before(buildSampleDaemon);

  it('prints counter dumps in the SDK logger form and a done line', () => {
    const r = runDaemon(['--duration', '1', '--ops-per-sec', '0']);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /^\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\] \[INFO \] \[perf\] \[perf-counters\] snapshot: \{$/m,
    );
    assert.match(
      r.out,
      /^ {2}'orbitdb\.putEntry': \{ count: \d+, totalMs: [\d.]+, avgMs: [\d.]+, maxMs: [\d.]+ \},?$/m,
    );
    assert.match(r.out, /^\}$/m);
    assert.match(r.out, /^alice: done ops=\d+ elapsed_s=[\d.]+ ops_per_s=[\d.]+ /m);
  });

  it('hides dumps without SPHERE_DEBUG=perf=info, and counts nothing without SPHERE_PERF=1', () => {
    assert.doesNotMatch(
      runDaemon(['--duration', '0.5'], { ...perfEnv, SPHERE_DEBUG: '' }).out,
      /perf-counters/,
    );
    assert.doesNotMatch(
      runDaemon(['--duration', '0.5'], { ...perfEnv, SPHERE_PERF: '0' }).out,
      /perf-counters/,
    );
    assert.match(
      runDaemon(['--duration', '0.5'], { ...perfEnv, SPHERE_DEBUG: '*' }).out,
      /perf-counters/,
    );
  });

  it('--batch pins once per operation instead of once per entry', () => {
    const plain = runDaemon(['--duration', '1', '--ops-per-sec', '20']);
    const batched = runDaemon(['--duration', '1', '--ops-per-sec', '20', '--batch']);
    const ratio = (out: string) =>
      sumCount(out, 'ipfs.pinCar') / sumCount(out, 'wallet.send.calls');
    assert.ok(Math.abs(ratio(plain.out) - 4) < 0.3, `plain pins/op ${ratio(plain.out)}`);
    assert.ok(Math.abs(ratio(batched.out) - 1) < 0.3, `batched pins/op ${ratio(batched.out)}`);
    assert.ok(sumCount(batched.out, 'orbitdb.putEntry.bundle') > 0);
  });

  it('--ops N stops after exactly N payments (fixed work for an A/B), before --duration', () => {
    // 7 payments × 4 entries (tx, balance, history, outbox) = 28 putEntry calls; no peer.
    const r = runDaemon(['--ops', '7', '--ops-per-sec', '0', '--duration', '60', '--linger', '0']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /done ops=7 /);
    assert.equal(sumCount(r.out, 'orbitdb.putEntry.calls'), 28);
  });

  it('--crash-after throws an uncaught error (exit code 1)', () => {
    const r = runDaemon(['--crash-after', '0.3']);
    assert.equal(r.code, 1);
    assert.match(r.err, /Error: alice: simulated crash after 0\.3s/);
  });

  it('the soak passes with two daemons paying each other', () => {
    const r = spawnSync(process.execPath, [SOAK, '--duration', '2'], {
      env: perfEnv,
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal((r.stdout.match(/^PASS /gm) ?? []).length, 6);
    assert.doesNotMatch(r.stdout, /^FAIL /m);
    assert.match(
      r.stdout,
      /^\[alice\] \[\S+\] \[INFO \] \[perf\] \[perf-counters\] snapshot: \{$/m,
    );
  });
});

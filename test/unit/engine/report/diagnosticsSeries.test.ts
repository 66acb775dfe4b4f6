/**
 * Every numeric field of diagnostics snapshots over time: a 48-hour soak polled every 30 minutes
 * (test/fixtures/rust-diagnostics/soak-48h, written by generate.mjs beside it). Each expected
 * value is computed by hand from the generator's formulas, written beside it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadSections } from '../../../../server/views/sourceView';
import { sourceDataOf } from '../../../../engine/report/sourceData';
import { diagnosticsSeries } from '../../../../engine/report/diagnosticsSeries';
import { parseDiagnosticsSnapshots } from '../../../../engine/compare/diagnosticsFields';

const dir = resolve(__dirname, '..', '..', '..', 'fixtures', 'rust-diagnostics', 'soak-48h');
const file = resolve(dir, 'diagnostics.jsonl');

function series() {
  const { snapshots } = parseDiagnosticsSnapshots(readFileSync(file, 'utf8'), file);
  return diagnosticsSeries(snapshots)!;
}

describe('diagnostics snapshots over time (engine/report/diagnosticsSeries)', () => {
  it('48 h polled every 30 min: 97 snapshots, the real poll interval, every field kept', () => {
    const s = series();
    assert.equal(s.timesMs.length, 97); // 48 h × 2 polls/h + the one at 0
    assert.equal(s.pollIntervalMs, 1_800_000); // 30 min
    assert.equal(s.timesMs[96], 48 * 3_600_000);
    assert.deepEqual(
      s.fields.map((f) => [f.path, f.kind]),
      [
        ['pubsub_stages.verify.count', 'rate'],
        ['pubsub_stages.verify.total_ns', 'rate'],
        ['pubsub_stages.verify.max_ns', 'level'], // a high-water mark, never a rate
        ['recv_pump.dropped_full', 'rate'],
        ['recv_pump.avg_dwell_ms', 'level'],
        ['recv_pump.producer_per_sec', 'level'],
      ],
    );
  });

  it('a counter is its rate per second over each poll interval', () => {
    const f = (p: string) => series().fields.find((x) => x.path === p)!.values;
    const count = f('pubsub_stages.verify.count');
    assert.equal(count[0], null); // no interval before the first snapshot
    // 1000 → 2800 over 1,800 s = 1.0/s
    assert.equal(count[1], 1.0);
    assert.ok(count.slice(1).every((v) => v === 1.0));
    // 9e11 ns per 1,800 s = 5e8 ns/s (0.5 s of stage time per second)
    assert.equal(f('pubsub_stages.verify.total_ns')[7], 5e8);
    const dropped = f('recv_pump.dropped_full');
    assert.equal(dropped[48], 0); // 0 → 0 in the first 24 h
    // snapshot 49 (24 h 30 min): 0 → 90 over 1,800 s = 0.05/s
    assert.equal(dropped[49], 0.05);
    assert.equal(dropped[96], 0.05);
  });

  it('a gauge is its level as read', () => {
    const f = (p: string) => series().fields.find((x) => x.path === p)!.values;
    // 12 + (i mod 4) for i = 0..5
    assert.deepEqual(f('recv_pump.avg_dwell_ms').slice(0, 6), [12, 13, 14, 15, 12, 13]);
    // 40 + (i mod 3) for i = 94..96
    assert.deepEqual(f('recv_pump.producer_per_sec').slice(94), [41, 42, 40]);
    // min(1e6·i, 2e7): 3e6 at i = 3, capped at 2e7 from i = 20
    assert.equal(f('pubsub_stages.verify.max_ns')[3], 3e6);
    assert.equal(f('pubsub_stages.verify.max_ns')[96], 2e7);
  });

  it('the run folder reaches the panel data with every field on the timeline', async () => {
    const s = await loadSections(dir);
    const d = sourceDataOf(dir, s.profile, s.counters);
    const ds = d.timeline?.diagnosticsFields;
    assert.equal(ds?.length, 1);
    assert.equal(ds[0].fields.length, 6);
    assert.equal(ds[0].pollIntervalMs, 1_800_000);
    const dwell = ds[0].fields.find((x) => x.path === 'recv_pump.avg_dwell_ms')!;
    assert.equal(dwell.kind, 'level');
    assert.equal(dwell.values[1], 13);
  });
});

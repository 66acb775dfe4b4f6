/**
 * One iteration's metrics from its folder (engine/compare/loadSide.ts → iterationMetrics.ts):
 * the `diag:` metrics of diagnostics.jsonl — a cumulative field as its rate over the active
 * window, a gauge as its mean level there — and the wall-clock from summary-metrics.json when
 * there is no run.json. Every expected number is worked out by hand beside it.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadIteration } from '../../../../engine/compare/loadSide';

const root = mkdtempSync(join(tmpdir(), 'perflens-iteration-metrics-'));
after(() => rmSync(root, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

describe('iteration metrics', () => {
  it('diag: a cumulative field is its rate over the active window, a gauge its mean level there', async () => {
    // Snapshots every 10 s from t0, as the runner polls them ({ time, url, status, body }).
    // The first 30 s are start-up (startSkipMs 30 000): the active window is t = 30, 40, 50, 60 s.
    const t0 = Date.UTC(2026, 11, 2, 10, 0, 0);
    const dropped = [0, 100, 200, 1000, 1600, 2200, 2800];
    const dwell = [100, 90, 80, 4, 6, 8, 10];
    const perSec = [0, 10, 20, 100, 200, 300, 400];
    const lines = dropped.map((d, k) =>
      JSON.stringify({
        time: new Date(t0 + k * 10_000).toISOString(),
        url: 'http://127.0.0.1:9000/diagnostics',
        status: 200,
        body: {
          recv_pump: { dropped_full: d, avg_dwell_ms: dwell[k] },
          producer_per_sec: perSec[k],
        },
      }),
    );
    const dir = folder('diag', {
      'script.log': 'PASS ok\n',
      'diagnostics.jsonl': `${lines.join('\n')}\n`,
    });
    const it = await loadIteration(dir, { functions: false, startSkipMs: 30_000 });
    const m = (id: string) => it.metrics.get(id);
    // recv_pump.dropped_full never goes down and reads as cumulative (`dropped`): a counter.
    // Rate = (2800 − 1000) / (60 s − 30 s) = 60 per second; the start-up's 0 → 1000 is left out.
    assert.deepEqual(
      {
        value: m('diag:recv_pump.dropped_full:rate')?.value,
        unit: m('diag:recv_pump.dropped_full:rate')?.unit,
        better: m('diag:recv_pump.dropped_full:rate')?.better,
      },
      { value: 60, unit: '/s', better: 'lower' },
    );
    // avg_dwell_ms is a gauge (avg, _ms): mean of 4, 6, 8, 10 = 7 ms; lower is better (dwell).
    assert.equal(m('diag:recv_pump.avg_dwell_ms:level')?.value, 7);
    assert.equal(m('diag:recv_pump.avg_dwell_ms:level')?.better, 'lower');
    // producer_per_sec rises, but per_sec reads as a rate already: a gauge, mean of 100…400 = 250,
    // and higher is better.
    assert.equal(m('diag:producer_per_sec:level')?.value, 250);
    assert.equal(m('diag:producer_per_sec:level')?.better, 'higher');
    // Nothing else: no `:level` for the counter, no `:rate` for the gauges.
    assert.deepEqual([...it.metrics.keys()].filter((k) => k.startsWith('diag:')).sort(), [
      'diag:producer_per_sec:level',
      'diag:recv_pump.avg_dwell_ms:level',
      'diag:recv_pump.dropped_full:rate',
    ]);
  });

  it('a cumulative name that goes down (a restart) is a gauge: its mean level', async () => {
    // errors_total 5, 7, 2, 4 inside the active window (startSkipMs 0): not monotone → level
    // (5 + 7 + 2 + 4) / 4 = 4.5.
    const t0 = Date.UTC(2026, 11, 2, 10, 0, 0);
    const lines = [5, 7, 2, 4].map((v, k) =>
      JSON.stringify({ time: new Date(t0 + k * 1000).toISOString(), body: { errors_total: v } }),
    );
    const dir = folder('restart', { 'diagnostics.jsonl': lines.join('\n') });
    const it = await loadIteration(dir, { functions: false, startSkipMs: 0 });
    assert.equal(it.metrics.get('diag:errors_total:level')?.value, 4.5);
    assert.equal(it.metrics.has('diag:errors_total:rate'), false);
  });

  it('wall-clock from summary-metrics.json when there is no run.json (seconds → ms)', async () => {
    // A soak script's own summary: wall_clock_s 631.5 → 631 500 ms.
    const dir = folder('summary', {
      'script.log': 'PASS ok\n',
      'summary-metrics.json': JSON.stringify({ wall_clock_s: 631.5, avg_rss_mb: 2 }),
    });
    const it = await loadIteration(dir, { functions: false });
    assert.equal(it.metrics.get('wall-clock')?.value, 631_500);
    // avg_rss_mb 2 → 2048 KiB.
    assert.equal(it.metrics.get('resource:rss:avg')?.value, 2048);
    // run.json's start and end win over the summary: 805 s.
    const both = folder('both', {
      'summary-metrics.json': JSON.stringify({ wall_clock_s: 631.5 }),
      'run.json': JSON.stringify({
        startTime: '2026-12-02T10:00:00.000Z',
        endTime: '2026-12-02T10:13:25.000Z',
      }),
    });
    assert.equal(
      (await loadIteration(both, { functions: false })).metrics.get('wall-clock')?.value,
      805_000,
    );
  });
});

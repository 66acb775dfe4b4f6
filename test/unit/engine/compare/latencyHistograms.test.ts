/**
 * Latency percentiles from histograms in a run's logs: Prometheus exposition histograms written
 * by prom-client 15.1.3 and HdrHistogram percentile distributions written by hdr-histogram-js
 * 3.0.1 (test/fixtures/<tool>/<version>/make-fixtures.mjs: the values each observed), a wrk2
 * report excerpt written by hand after wrk2's documented layout, and bad input. Every expected
 * percentile is worked out by hand beside it with Prometheus' histogram_quantile rule: rank
 * r = q·N; the first bucket whose cumulative count reaches r; start + width × (r − count below) /
 * (count in the bucket).
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIteration } from '../../../../engine/compare/loadSide';
import { bucketQuantile } from '../../../../engine/compare/bucketQuantile';
import { PromHistograms } from '../../../../engine/compare/promHistograms';
import { HdrHistograms } from '../../../../engine/compare/hdrHistograms';
import { summariseBasis } from '../../../../engine/compare/latencyBasis';
import type { LatencyBasis } from '../../../../engine/compare/latencyHistograms';
import type { IterationMetrics } from '../../../../engine/compare/metricTypes';
import { formatDiagnostic } from '../../../../protocol/diagnostics';

const FIX = join(__dirname, '../../../fixtures');
const PROM = join(FIX, 'prom-client/15.1.3');
const HDR = join(FIX, 'hdr-histogram-js/3.0.1');
const tmp = mkdtempSync(join(tmpdir(), 'perflens-histograms-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const close = (actual: number | undefined, expected: number, what: string): void =>
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) < 1e-9 * Math.max(1, expected),
    `${what}: ${actual} ≠ ${expected}`,
  );

function pct(it: IterationMetrics, name: string, p: string): number | undefined {
  return it.metrics.get(`latency:${name}:${p}`)?.value;
}

function bracket(it: IterationMetrics, name: string, p: string): [number, number] | undefined {
  const b = it.metrics.get(`latency:${name}:${p}`)?.basis;
  return b?.kind === 'histogram' ? [b.lo, b.hi] : undefined;
}

/** A run folder holding the given files. */
function runWith(name: string, files: Record<string, string>): string {
  const d = join(tmp, name);
  mkdirSync(d, { recursive: true });
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(d, f, '..'), { recursive: true });
    writeFileSync(join(d, f), text);
  }
  return d;
}

describe('bucketQuantile (Prometheus histogram_quantile rule)', () => {
  // The example histogram of prometheus.io "Exposition formats": 0.05 → 24054, 0.1 → 33444,
  // 0.2 → 100392, 0.5 → 129389, 1 → 133988, +Inf → 144320.
  const doc = [
    { le: 0.05, count: 24054 },
    { le: 0.1, count: 33444 },
    { le: 0.2, count: 100392 },
    { le: 0.5, count: 129389 },
    { le: 1, count: 133988 },
    { le: Infinity, count: 144320 },
  ];
  it('interpolates linearly inside the bucket the rank falls in', () => {
    // p50: r = 72160 → bucket (0.1, 0.2] holding 100392 − 33444 = 66948;
    // 0.1 + 0.1 × (72160 − 33444) / 66948 = 0.1 + 0.1 × 38716 / 66948.
    const e = bucketQuantile(0.5, doc)!;
    close(e.value, 0.1 + (0.1 * 38716) / 66948, 'p50');
    assert.deepEqual([e.lo, e.hi, e.overflow], [0.1, 0.2, false]);
    // p10: r = 14432 → first bucket (0, 0.05]: 0.05 × 14432 / 24054.
    close(bucketQuantile(0.1, doc)!.value, (0.05 * 14432) / 24054, 'p10');
  });
  it('a rank in the +Inf bucket gives the highest finite bound, flagged', () => {
    // p99: r = 142876.8 > 133988 (le 1) → +Inf bucket → 1.
    assert.deepEqual(bucketQuantile(0.99, doc), { value: 1, lo: 1, hi: Infinity, overflow: true });
  });
  it('no observations, or no +Inf bucket: no estimate', () => {
    assert.equal(
      bucketQuantile(0.5, [
        { le: 1, count: 0 },
        { le: Infinity, count: 0 },
      ]),
      undefined,
    );
    assert.equal(
      bucketQuantile(0.5, [
        { le: 1, count: 3 },
        { le: 2, count: 4 },
      ]),
      undefined,
    );
  });
});

describe('Prometheus histograms in a run (prom-client 15.1.3)', () => {
  it('two scrapes in script.log with a [relay] prefix: the last, GET and POST summed', async () => {
    const it = await loadIteration(join(PROM, 'two-scrapes'), { functions: false });
    assert.deepEqual(it.problems, []);
    // Last scrape, GET + POST per bound (s): 0.005 → 60+50 = 110, 0.01 → 110, 0.025 → 85+90 =
    // 175, 0.05 → 175, 0.1 → 95+90 = 185, 0.25 → 185, 0.5 → 99+90 = 189, 1 → 99+100 = 199,
    // 2.5 → 199, 5 → 200, 10 → 200, +Inf → 200.
    // p50: r = 100 → (0, 5 ms]: 5 × 100 / 110 ms.
    close(pct(it, 'ack_latency_seconds', 'p50'), (5 * 100) / 110, 'p50');
    // p90: r = 180 → (50, 100 ms] holding 10: 50 + 50 × 5 / 10 = 75 ms.
    close(pct(it, 'ack_latency_seconds', 'p90'), 75, 'p90');
    // p99: r = 198 → (500, 1000 ms] holding 10: 500 + 500 × 9 / 10 = 950 ms.
    close(pct(it, 'ack_latency_seconds', 'p99'), 950, 'p99');
    assert.deepEqual(bracket(it, 'ack_latency_seconds', 'p99'), [500, 1000]);
    // p999: r = 199.8 → (2500, 5000 ms] holding 1: 2500 + 2500 × 0.8 = 4500 ms.
    close(pct(it, 'ack_latency_seconds', 'p999'), 4500, 'p999');
    const basis = it.metrics.get('latency:ack_latency_seconds:p99')?.basis;
    assert.equal(basis?.kind === 'histogram' && basis.buckets, 11); // 11 finite + +Inf
    // The counter acks_total is not a histogram: no latency metric for it.
    assert.equal([...it.metrics.keys()].filter((k) => k.includes('acks_total')).length, 0);
  });

  it('a counter reset between scrapes: the counts before it are added back', async () => {
    const it = await loadIteration(join(PROM, 'restart'), { functions: false });
    // Before the restart GET's 100 (0.005 → 60, 0.025 → 85, 0.1 → 95, 0.5 → 99, 5 → 100), after
    // it 20 at 3 ms: 0.005 → 80, 0.01 → 80, 0.025 → 105, 0.05 → 105, 0.1 → 115, 0.25 → 115,
    // 0.5 → 119, …, +Inf → 120.
    // p50: r = 60 → (0, 5 ms]: 5 × 60 / 80 = 3.75 ms (the last scrape alone would say 2.5).
    close(pct(it, 'ack_latency_seconds', 'p50'), 3.75, 'p50');
    // p99: r = 118.8 → (250, 500 ms] holding 4: 250 + 250 × 3.8 / 4 = 487.5 ms.
    close(pct(it, 'ack_latency_seconds', 'p99'), 487.5, 'p99');
  });

  it('a .prom file in the run folder', async () => {
    const it = await loadIteration(join(PROM, 'prom-file'), { functions: false });
    // GET: 0.005 → 60, 0.025 → 85, 0.1 → 95, 0.5 → 99, 5 → 100.
    // p50: r = 50 → 5 × 50 / 60 ms; p90: r = 90 → 50 + 50 × 5 / 10 = 75 ms;
    // p99: r = 99 → (250, 500] holding 4: 250 + 250 × 4 / 4 = 500 ms;
    // p999: r = 99.9 → (2500, 5000] holding 1: 2500 + 2500 × 0.9 = 4750 ms.
    close(pct(it, 'ack_latency_seconds', 'p50'), (5 * 50) / 60, 'p50');
    close(pct(it, 'ack_latency_seconds', 'p90'), 75, 'p90');
    close(pct(it, 'ack_latency_seconds', 'p99'), 500, 'p99');
    assert.deepEqual(bracket(it, 'ack_latency_seconds', 'p99'), [250, 500]);
    close(pct(it, 'ack_latency_seconds', 'p999'), 4750, 'p999');
  });

  it('the unit comes from the name: _ms as is, none is seconds, _bytes is not a latency', async () => {
    const d = runWith('units', {
      'script.log': [
        'rpc_ms_bucket{le="10"} 3',
        'rpc_ms_bucket{le="20"} 4',
        'rpc_ms_bucket{le="+Inf"} 4',
        'rpc_duration_bucket{le="0.5"} 2',
        'rpc_duration_bucket{le="+Inf"} 2',
        'body_bytes_bucket{le="100"} 4',
        'body_bytes_bucket{le="+Inf"} 4',
        '',
      ].join('\n'),
    });
    const it = await loadIteration(d, { functions: false });
    // p50: r = 2 → (0, 10 ms] holding 3: 10 × 2 / 3 ms.
    close(pct(it, 'rpc_ms', 'p50'), 20 / 3, 'p50');
    // No unit suffix: seconds, the Prometheus convention. p50: r = 1 → (0, 500 ms] holding 2:
    // 500 × 1/2 = 250 ms.
    close(pct(it, 'rpc_duration', 'p50'), 250, 'p50 (seconds by convention)');
    assert.equal(pct(it, 'body_bytes', 'p50'), undefined);
  });

  it('raw samples win over a histogram of the same name', async () => {
    const d = runWith('raw-wins', {
      'script.log': 'ack_ms_bucket{le="100"} 4\nack_ms_bucket{le="+Inf"} 4\n',
      'latency/ack_ms.txt': '1\n2\n3\n4\n',
    });
    const it = await loadIteration(d, { functions: false });
    // numpy 'linear' on 1, 2, 3, 4: p50 = 2 + 0.5 × (3 − 2) = 2.5 (the histogram would say 50).
    assert.equal(pct(it, 'ack_ms', 'p50'), 2.5);
    assert.deepEqual(it.metrics.get('latency:ack_ms:p50')?.basis, { kind: 'raw', samples: 4 });
  });
});

describe('HdrHistogram percentile distributions (hdr-histogram-js 3.0.1)', () => {
  // 1 … 1000 µs each recorded once, printed in ms. The rows give (value, TotalCount) points,
  // e.g. (0.400, 400), (0.500, 500), (0.888, 888), (0.900, 900), (0.988, 988), (0.990, 990),
  // (0.998, 998), (0.999, 999), (1.000, 1000).
  // p50: r = 500 reaches the point (0.500, 500) exactly → 0.4 + 0.1 × 100/100 = 0.5 ms;
  // p90: (0.900, 900) → 0.9; p99: (0.990, 990) → 0.988 + 0.002 × 2/2 = 0.99;
  // p999: (0.999, 999) → 0.998 + 0.001 × 1/1 = 0.999 ms.
  const expected: Array<[string, number]> = [
    ['p50', 0.5],
    ['p90', 0.9],
    ['p99', 0.99],
    ['p999', 0.999],
  ];
  it('the classic print, named by its file, unit from the name suffix', async () => {
    const d = runWith('hgrm', {
      'ack_latency_ms.hgrm': readFileSync(join(HDR, 'ack_latency_ms.hgrm'), 'utf8'),
    });
    const it = await loadIteration(d, { functions: false });
    assert.deepEqual(it.problems, []);
    for (const [p, v] of expected) close(pct(it, 'ack_latency_ms', p), v, p);
    assert.deepEqual(bracket(it, 'ack_latency_ms', 'p99'), [0.988, 0.99]);
  });
  it('the CSV print', async () => {
    const d = runWith('hgrm-csv', {
      'ack_latency_ms.txt': readFileSync(join(HDR, 'ack_latency_ms.csv.txt'), 'utf8'),
    });
    const it = await loadIteration(d, { functions: false });
    for (const [p, v] of expected) close(pct(it, 'ack_latency_ms', p), v, p);
  });
  it('wrk2 --latency in script.log: recorded and uncorrected latency, in ms', async () => {
    // wrk2's layout (its README's sample output), with numbers made up here: 10 requests.
    const log = [
      'Running 10s test @ http://127.0.0.1:8080/',
      '  Latency Distribution (HdrHistogram - Recorded Latency)',
      ' 50.000%    2.00ms',
      '100.000%   10.00ms',
      '',
      '  Detailed Percentile spectrum:',
      '       Value   Percentile   TotalCount 1/(1-Percentile)',
      '',
      '       1.000     0.000000            1         1.00',
      '       2.000     0.500000            5         2.00',
      '       4.000     0.900000            9        10.00',
      '      10.000     1.000000           10          inf',
      '#[Mean    =        2.800, StdDeviation   =        2.400]',
      '#[Max     =       10.000, Total count    =           10]',
      '#[Buckets =           27, SubBuckets     =         2048]',
      '----------------------------------------------------------',
      '  Latency Distribution (HdrHistogram - Uncorrected Latency (measured without taking delayed starts into account))',
      '  Detailed Percentile spectrum:',
      '       Value   Percentile   TotalCount 1/(1-Percentile)',
      '',
      '       1.000     0.000000            2         1.00',
      '       3.000     1.000000           10          inf',
      '#[Buckets =           27, SubBuckets     =         2048]',
      'Requests/sec:      1.00',
      '',
    ].join('\n');
    const it = await loadIteration(runWith('wrk2', { 'script.log': log }), { functions: false });
    assert.deepEqual(it.problems, []);
    // Recorded: points (1, 1), (2, 5), (4, 9), (10, 10). p50: r = 5 → (1, 2] holding 4:
    // 1 + 1 × 4/4 = 2 ms. p90: r = 9 → (2, 4] holding 4: 2 + 2 × 4/4 = 4 ms.
    // p99: r = 9.9 → (4, 10] holding 1: 4 + 6 × 0.9 = 9.4 ms.
    close(pct(it, 'wrk2_latency', 'p50'), 2, 'p50');
    close(pct(it, 'wrk2_latency', 'p90'), 4, 'p90');
    close(pct(it, 'wrk2_latency', 'p99'), 9.4, 'p99');
    // Uncorrected: (1, 2), (3, 10). p50: r = 5 → (1, 3] holding 8: 1 + 2 × 3/8 = 1.75 ms.
    close(pct(it, 'wrk2_uncorrected_latency', 'p50'), 1.75, 'p50 uncorrected');
  });
});

describe('bad histograms: a diagnostic with file and line, the rest still read', () => {
  it('Prometheus: out of order, a falling count, garbage, no +Inf', () => {
    const prom = new PromHistograms();
    const r = prom.reader('relay.log', false);
    [
      'a_seconds_bucket{le="0.5"} 1', // 1
      'a_seconds_bucket{le="0.1"} 2', // 2: out of order
      'a_seconds_bucket{le="+Inf"} 2', // 3
      'b_seconds_bucket{le="0.1"} 5', // 4
      'b_seconds_bucket{le="0.5"} 3', // 5: count falls
      'b_seconds_bucket{le="+Inf"} 6', // 6
      'c_seconds_bucket{le="0.1"} lots', // 7: not a number
      'd_seconds_bucket{le="0.1"} 1', // 8: never reaches +Inf
      'ok_seconds_bucket{le="0.1"} 1', // 9
      'ok_seconds_bucket{le="+Inf"} 2', // 10
      'just a log line about seconds_bucket sizes', // 11: not a sample, ignored in a log
    ].forEach((l, i) => r.push(l, i + 1));
    const hs = prom.finish();
    assert.deepEqual(
      hs.map((h) => h.name),
      ['ok_seconds'],
    );
    const where = prom.diagnostics.map((d) => `${d.file}:${d.line}`);
    assert.deepEqual(where, ['relay.log:2', 'relay.log:5', 'relay.log:7', 'relay.log:8']);
    assert.match(prom.diagnostics[0].message, /out of order/);
    assert.match(prom.diagnostics[1].message, /must not fall/);
    assert.match(prom.diagnostics[3].message, /no le="\+Inf" bucket/);
  });

  it('a .prom file: a line that is no sample at all is named', () => {
    const prom = new PromHistograms();
    const r = prom.reader('metrics.prom', true);
    ['# TYPE x histogram', 'x_bucket{le="+Inf"} 1', '<html>oops</html>', 'up 1'].forEach((l, i) =>
      r.push(l, i + 1),
    );
    prom.finish();
    assert.deepEqual(
      prom.diagnostics.map((d) => `${d.file}:${d.line}`),
      ['metrics.prom:3'],
    );
  });

  it('HdrHistogram: a row that goes back, a garbage row', () => {
    const hdr = new HdrHistograms();
    const r = hdr.reader('bench.log');
    [
      'back_ms', // 1
      '       Value     Percentile TotalCount 1/(1-Percentile)', // 2
      '', // 3
      '       2.000 0.500000000000          5           2.00', // 4
      '       1.000 0.900000000000          9          10.00', // 5: value falls
      '       3.000 1.000000000000         10', // 6
      '', // 7
      'junk_ms', // 8
      '       Value     Percentile TotalCount 1/(1-Percentile)', // 9
      '       1.000 zero          1           1.00', // 10: not a row
      '', // 11
      'good_ms', // 12
      '       Value     Percentile TotalCount 1/(1-Percentile)', // 13
      '       1.000 1.000000000000          3', // 14
    ].forEach((l, i) => r.push(l, i + 1));
    r.end();
    assert.deepEqual(
      hdr.finish().map((h) => h.name),
      ['good_ms'],
    );
    assert.deepEqual(
      hdr.diagnostics.map((d) => `${d.file}:${d.line}`),
      ['bench.log:5', 'bench.log:10'],
    );
  });

  it('a broken histogram in a run is a problem of the iteration; the run is still read', async () => {
    const d = runWith('broken', {
      'script.log': 'PASS ok\nx_seconds_bucket{le="1"} 5\nx_seconds_bucket{le="0.5"} 6\n',
    });
    const it = await loadIteration(d, { functions: false });
    assert.equal(it.correctness.pass, 1);
    assert.equal(it.problems.length, 1);
    assert.match(formatDiagnostic(it.problems[0]), /script\.log:3:.*out of order/);
  });
});

describe('the basis a latency row names', () => {
  const hist = (buckets: number, lo: number, hi: number): LatencyBasis => ({
    kind: 'histogram',
    format: 'Prometheus',
    buckets,
    lo,
    hi,
    overflow: hi === Infinity,
  });
  it('a histogram: its buckets and the bucket on each side; the shift range from the bounds', () => {
    const s = summariseBasis(
      'p99',
      { b: [950, 900], t: [950, 990] },
      {
        b: [hist(11, 500, 1000), hist(11, 500, 1000)],
        t: [hist(11, 500, 1000), hist(11, 500, 1000)],
      },
    )!;
    assert.equal(
      s.text,
      'from an 11-bucket Prometheus histogram; p99 within 500–1,000 ms on both sides',
    );
    // Smallest shift: treatment lows 500 − baseline highs 1000 = −500 for every pair; largest +500.
    assert.deepEqual(s.resolution, { low: -500, high: 500 });
  });
  it('raw samples: their count, no resolution limit', () => {
    const raw: LatencyBasis = { kind: 'raw', samples: 100 };
    const s = summariseBasis(
      'p50',
      { b: [1], t: [2] },
      { b: [raw], t: [{ kind: 'raw', samples: 120 }] },
    )!;
    assert.equal(s.text, 'from raw samples (n=100–120 per iteration)');
    assert.equal(s.resolution, undefined);
  });
});

/**
 * A run folder whose text files are UTF-16 with a byte-order mark (issue 13), as PowerShell 5's
 * `>` writes them: `script.log`, `counters.jsonl`, `samples.tsv`, `totals.tsv` and
 * `summary-metrics.json` of a real soak of the sample daemon (`perflens run --none
 * --sample-interval 500 --env SPHERE_PERF_DUMP_MS=1000 -- node examples/sample-daemon/soak.mjs
 * --duration 4`), re-encoded by glibc iconv 2.36 (`iconv -f UTF-8 -t UTF-16LE|UTF-16BE`, BOM
 * prepended; test/fixtures/make-profile-fixtures.sh). Every expected number below was computed
 * from the UTF-8 original with jq, awk or grep (the command is beside each), not by PerfLens.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readRunFolder } from '../../../../engine/soak/readRunFolder';
import { scanLogFile } from '../../../../engine/counters/logFileScanner';
import type { CounterDump } from '../../../../engine/counters/types';

const FIX = join(__dirname, '../../../fixtures');
const folders = {
  'UTF-8 original': join(FIX, 'soak-runs/node-20/sample-soak'),
  'UTF-16 LE': join(FIX, 'utf16/glibc-iconv-2.36/run-folder-le'),
  'UTF-16 BE': join(FIX, 'utf16/glibc-iconv-2.36/run-folder-be'),
};

// jq -s '[.[].counters["orbitdb.putEntry"] | select(. != null)]
//   | [length, (map(.count)|add), (map(.totalMs)|add), (map(.maxMs)|max)]' counters.jsonl
//   → [10, 966, 6683.818, 20.71]; and the same from script.log:
// awk "/'orbitdb.putEntry': /{…sum count: and totalMs:…}" script.log → 966 6683.818
const PUT_ENTRY = { windows: 10, count: 966, totalMs: 6683.818, maxMs: 20.71 };
// grep -c '\[perf-counters\] snapshot: {' script.log → 10; wc -l < counters.jsonl → 10
const DUMPS = 10;
// grep -c '^PASS' script.log → 6; grep -c '^FAIL' script.log → 0
const PASS = 6;
// awk -F'\t' 'NR>1{n[$3]++; c[$3]+=$6; if($7>m[$3])m[$3]=$7} END{…c/n, m…}' samples.tsv
const PROCESSES = new Map([
  [11515, { samples: 10, avgCpuPct: 1.39, maxRssKb: 45488 }],
  [11529, { samples: 10, avgCpuPct: 19.57, maxRssKb: 59976 }],
  [11530, { samples: 10, avgCpuPct: 19.17, maxRssKb: 59324 }],
]);
// awk -F'\t' '$1=="wallet.send"{print $6}' totals.tsv → 7285.449; awk 'END{print NR-1}' → 13
const WALLET_SEND_TOTAL_MS = '7285.449';
const TOTALS_ROWS = 13;
// jq .wallClockMs summary-metrics.json → 5342
const SUMMARY_WALL_MS = 5342;

for (const [label, dir] of Object.entries(folders)) {
  test(`run folder in ${label}: counters, assertions, resources, totals and summary as awk/jq read the UTF-8 files`, async () => {
    const run = await readRunFolder(dir, { startSkipMs: 0 });
    assert.deepEqual(
      run.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    assert.equal(run.countersFrom, 'counters.jsonl');
    assert.equal(run.counters?.windowCount, DUMPS);
    const put = run.counters?.totals.find((t) => t.name === 'orbitdb.putEntry');
    assert.ok(put, 'orbitdb.putEntry is read');
    assert.equal(put.count, PUT_ENTRY.count);
    assert.ok(Math.abs(put.totalMs - PUT_ENTRY.totalMs) < 1e-6, `${put.totalMs}`);
    assert.equal(put.maxMs, PUT_ENTRY.maxMs);
    assert.equal(run.assertions?.pass, PASS);
    assert.equal(run.assertions?.fail, 0);
    const procs = run.resources?.perProcess ?? [];
    assert.equal(procs.length, PROCESSES.size);
    for (const p of procs) {
      const want = PROCESSES.get(p.pid!);
      assert.ok(want, `pid ${p.pid}`);
      assert.equal(p.samples, want.samples);
      // The summary shows CPU % to 0.1 (1.39 → 1.4).
      assert.equal(p.avgCpuPct, Math.round(want.avgCpuPct * 10) / 10);
      assert.equal(p.maxRssKb, want.maxRssKb);
    }
    assert.equal(run.totalsTable?.rows.length, TOTALS_ROWS);
    const send = run.totalsTable?.rows.find((r) => r.cells.name === 'wallet.send');
    assert.equal(send?.cells.total_ms, WALLET_SEND_TOTAL_MS);
    assert.equal(run.summaryMetrics?.wallClockMs, SUMMARY_WALL_MS);
  });

  test(`script.log in ${label} streamed in 7-byte chunks (UTF-16 units cut at every edge): the dumps grep and awk count`, async () => {
    const dumps: CounterDump[] = [];
    await scanLogFile(join(dir, 'script.log'), { chunkBytes: 7, onDump: (d) => dumps.push(d) });
    assert.equal(dumps.length, DUMPS);
    const cells = dumps.flatMap((d) => d.counters['orbitdb.putEntry'] ?? []);
    assert.equal(cells.length, PUT_ENTRY.windows);
    assert.equal(
      cells.reduce((s, c) => s + c.count, 0),
      PUT_ENTRY.count,
    );
    const totalMs = cells.reduce((s, c) => s + c.totalMs, 0);
    assert.ok(Math.abs(totalMs - PUT_ENTRY.totalMs) < 1e-6, `${totalMs}`);
    assert.deepEqual(dumps.map((d) => d.source).sort(), [
      'alice',
      'alice',
      'alice',
      'alice',
      'alice',
      'bob',
      'bob',
      'bob',
      'bob',
      'bob',
    ]);
  });
}

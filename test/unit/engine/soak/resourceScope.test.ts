/**
 * Resource totals per sampling pass, of the measured program only: a hand-made 0x run folder
 * sampled every 200 ms (test/fixtures/run-folder/0x-subsecond-samples). Its run.json marks 0x
 * (pid 100), its `--prof-process` (300) and `nm` (301) as the profiler, and ends the target at
 * 00:00:01.000; pid 210 is a child of the target that outlives it by one pass.
 *
 * Every expected figure is computed by hand beside the assertion and was checked with awk over
 * samples.tsv, e.g. for the measured program:
 *   awk -F'\t' 'NR>1 && $3!=100 && $3!=300 && $3!=301 && $2<=1.0 {c[$1]+=$6; r[$1]+=$7}
 *     END {for (t in c) {n++; sc+=c[t]; sr+=r[t]; if (c[t]>mc) mc=c[t]; if (r[t]>mr) mr=r[t]}
 *          print n, sc/n, mc, sr/n, mr}' samples.tsv        → 5 108.8 139 88000 120000
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseTsv } from '../../../../engine/soak/tsv';
import { sampleScopeOf, samplesFromTsv, summariseResources } from '../../../../engine/soak/samples';
import { readRunFolder } from '../../../../engine/soak/readRunFolder';
import { buildCounterSection, formatCounterTable } from '../../../../engine/report/counterReport';

const RUN = path.resolve(__dirname, '../../../fixtures/run-folder/0x-subsecond-samples');

function fixtureSamples() {
  const file = path.join(RUN, 'samples.tsv');
  return samplesFromTsv(parseTsv(readFileSync(file, 'utf8'), file), file).samples;
}

test('passes 200 ms apart are totalled one by one, not merged by the second', () => {
  // No scope: every row counts. Per pass (CPU %, RSS KiB):
  //   0.2 s: 10+90 = 100, 50000+60000 = 110000
  //   0.4 s: 5+100 = 105, 120000          0.6 s: 5+95 = 100, 130000
  //   0.8 s: 5+99+40 = 144, 160000        1.0 s: 5+80+40 = 125, 170000
  //   1.2 s: 20+30+95 = 145, 221000       1.4 s: 10+100+50 = 160, 261000
  // CPU avg 879 / 7 = 125.57 → 125.6, max 160; RSS avg 1172000 / 7 = 167428.6 → 167429, max 261000.
  const r = summariseResources(fixtureSamples(), 30_000);
  assert.equal(r.total.samples, 7);
  assert.equal(r.total.avgCpuPct, 125.6);
  assert.equal(r.total.maxCpuPct, 160);
  assert.equal(r.total.avgRssKb, 167429);
  assert.equal(r.total.maxRssKb, 261000);
  assert.equal(r.leftOut, undefined);
});

test("run.json's profiler processes and the rows after the target's end are left out, and counted", () => {
  const manifest: unknown = JSON.parse(readFileSync(path.join(RUN, 'run.json'), 'utf8'));
  const scope = sampleScopeOf(manifest);
  assert.deepEqual(scope.profilerPids, [100, 300, 301]);
  assert.equal(scope.targetEndMs, Date.parse('2026-01-01T00:00:01.000Z'));
  const r = summariseResources(fixtureSamples(), 30_000, scope);
  // Measured rows: pid 200 at 0.2–1.0 s and pid 210 at 0.8 and 1.0 s. Per pass:
  //   CPU 90, 100, 95, 99+40 = 139, 80+40 = 120 → avg 544 / 5 = 108.8, max 139
  //   RSS 60000, 70000, 80000, 90000+20000 = 110000, 100000+20000 = 120000
  //       → avg 440000 / 5 = 88000, max 120000
  assert.equal(r.total.samples, 5);
  assert.equal(r.total.avgCpuPct, 108.8);
  assert.equal(r.total.maxCpuPct, 139);
  assert.equal(r.total.avgRssKb, 88000);
  assert.equal(r.total.maxRssKb, 120000);
  // Left out: pid 100 × 7 passes, 300 × 2, 301 × 1 = 10 profiler rows; pid 210 at 1.2 s = 1 row.
  assert.deepEqual(r.leftOut, { profilerRows: 10, profilerPids: [100, 300, 301], afterEndRows: 1 });
  assert.deepEqual(r.perProcess.map((p) => p.pid).sort(), [200, 210]);
});

test('the run folder reader and the report apply run.json and say what they left out', async () => {
  const run = await readRunFolder(RUN);
  assert.equal(run.resources?.total.avgCpuPct, 108.8);
  assert.equal(run.resources?.total.maxRssKb, 120000);
  const text = formatCounterTable(await buildCounterSection(RUN));
  assert.match(text, /CPU avg 108\.8% max 139%/);
  // No counters: the wall-clock is run.json's 00:00:00.000 to 00:00:01.000, and said to be.
  assert.match(text, /wall-clock 1(\.0)? s \(run\.json start to end\)/);
  assert.match(
    text,
    /leave out 10 samples of the profiler's own processes \(pid 100, 300, 301\) and 1 samples taken after the target ended/,
  );
});

test('a soak folder of two such runs adds up what each left out', async () => {
  const soak = mkdtempSync(path.join(tmpdir(), 'perflens-scope-soak-'));
  try {
    for (const run of ['run-1', 'run-2']) cpSync(RUN, path.join(soak, run), { recursive: true });
    const text = formatCounterTable(await buildCounterSection(soak));
    // Each run leaves out 10 profiler rows and 1 after the end: 2 × 10 = 20 and 2 × 1 = 2.
    assert.match(
      text,
      /leave out 20 samples of the profiler's own processes \(pid 100, 300, 301\) and 2 samples taken after the target ended/,
    );
  } finally {
    rmSync(soak, { recursive: true, force: true });
  }
});

test('a file with only elapsed time is never cut by an epoch end time', () => {
  const text = 'elapsed_s\tpid\tcpu_pct\trss_kb\n0.2\t1\t50\t100\n0.4\t1\t70\t100\n';
  const { samples } = samplesFromTsv(parseTsv(text, 's.tsv'), 's.tsv');
  const r = summariseResources(samples, 0, { targetEndMs: 1 });
  // Both passes kept: CPU (50 + 70) / 2 = 60.
  assert.equal(r.total.avgCpuPct, 60);
  assert.equal(r.leftOut, undefined);
});

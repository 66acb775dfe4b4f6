/**
 * Header-driven TSV and resource summaries (samples.tsv) with start-skip, per process and total.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import '../../../helpers/propertySeed';
import { parseTsv } from '../../../../engine/soak/tsv';
import { samplesFromTsv, summariseResources } from '../../../../engine/soak/samples';

const FIX = path.resolve(__dirname, '../../../fixtures');

test('ragged rows are kept with warnings naming the line; unknown columns are kept', () => {
  const file = path.join(FIX, 'soak-runs', 'hand-made', 'partial', 'run-2', 'samples.tsv');
  const text = readFileSync(file, 'utf8');
  const t = parseTsv(text, file);
  assert.equal(t.rows.length, text.split('\n').filter((l) => l.trim()).length - 1);
  assert.ok(t.header.includes('threads'));
  assert.equal(t.rows[0].cells.threads, '7');
  const ragged = text
    .split('\n')
    .flatMap((l, i) =>
      i > 0 && l.trim() && l.split('\t').length !== t.header.length ? [i + 1] : [],
    );
  assert.deepEqual(
    t.diagnostics.map((d) => d.line),
    ragged,
  );
  assert.ok(t.rows.some((r) => r.cells._extra1 === 'extra'));
});

test('property: TSV parsing never throws and keeps every non-empty row', () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.stringMatching(/^[^\t\n\r]*$/), { minLength: 1, maxLength: 6 }), {
        minLength: 1,
        maxLength: 20,
      }),
      (rows) => {
        const text = rows.map((r) => r.join('\t')).join('\n');
        const t = parseTsv(text, 'f.tsv');
        const nonEmpty = rows.filter(
          (r) => r.join('\t').trim() !== '' && !r.join('\t').startsWith('#'),
        );
        assert.equal(t.rows.length, Math.max(0, nonEmpty.length - 1));
      },
    ),
  );
});

test('aliases (ts, comm, %CPU, rss_mb) are understood; RSS is normalised to KiB', () => {
  const file = path.join(FIX, 'soak-runs', 'hand-made', 'partial', 'run-2', 'samples.tsv');
  const { samples } = samplesFromTsv(parseTsv(readFileSync(file, 'utf8'), file), file);
  const wallet = samples.filter((s) => s.pid === 100 && s.rssKb !== undefined);
  assert.equal(wallet[0].rssKb, 100 * 1024);
  assert.equal(wallet[0].name, 'wallet');
});

test('start-skip leaves start-up out; per-process and total (summed per tick) stats', () => {
  const rows = ['time\tpid\tname\tcpu_pct\trss_kb'];
  const data: Array<[number, number, number, number]> = [];
  for (let t = 0; t <= 120; t += 5) {
    data.push([t, 1, t < 30 ? 100 : 20, 1000 + t]);
    data.push([t, 2, t < 30 ? 90 : 40, 5000]);
  }
  for (const [t, pid, cpu, rss] of data)
    rows.push(`${1_700_000_000 + t}\t${pid}\tnode\t${cpu}\t${rss}`);
  const t = parseTsv(rows.join('\n'), 's.tsv');
  const { samples } = samplesFromTsv(t, 's.tsv');
  const r = summariseResources(samples, 30_000);
  const active = data.filter(([tt]) => tt >= 30);
  assert.equal(r.skippedSamples, data.length - active.length);
  const p1 = r.perProcess.find((p) => p.pid === 1)!;
  const p1rss = active.filter(([, pid]) => pid === 1).map(([, , , rss]) => rss);
  assert.equal(p1.avgRssKb, Math.round(p1rss.reduce((a, b) => a + b, 0) / p1rss.length));
  assert.equal(p1.maxRssKb, Math.max(...p1rss));
  assert.equal(p1.maxCpuPct, 20);
  assert.equal(r.total.avgCpuPct, 60);
  assert.equal(r.total.maxRssKb, Math.max(...p1rss) + 5000);
  assert.equal(summariseResources(samples, 0).total.maxCpuPct, 190);
});

test('a run shorter than the start-skip: figures over the whole run, marked as such', () => {
  // Two processes sampled at 0, 5 and 10 s: all inside a 30 s start-skip.
  const rows = ['time\tpid\tname\tcpu_pct\trss_kb'];
  for (const [t, pid, cpu, rss] of [
    [0, 1, 50, 1000],
    [0, 2, 10, 2000],
    [5, 1, 70, 1100],
    [5, 2, 30, 2000],
    [10, 1, 90, 1200],
    [10, 2, 20, 2000],
  ])
    rows.push(`${1_700_000_000 + t}\t${pid}\tnode\t${cpu}\t${rss}`);
  const { samples } = samplesFromTsv(parseTsv(rows.join('\n'), 's.tsv'), 's.tsv');
  const r = summariseResources(samples, 30_000);
  assert.equal(r.wholeRun, true);
  assert.equal(r.skippedSamples, 0);
  // Total per tick: 50+10 = 60, 70+30 = 100, 90+20 = 110 → avg (60+100+110)/3 = 90, max 110.
  assert.equal(r.total.avgCpuPct, 90);
  assert.equal(r.total.maxCpuPct, 110);
  // RSS per tick: 3000, 3100, 3200 → max 3200.
  assert.equal(r.total.maxRssKb, 3200);
  // pid 1 alone: CPU (50+70+90)/3 = 70.
  assert.equal(r.perProcess.find((p) => p.pid === 1)!.avgCpuPct, 70);
  // A run that does pass the start-skip is not marked.
  assert.equal(summariseResources(samples, 5_000).wholeRun, undefined);
});

/**
 * Run and soak folders: real soak iterations from the fixture soak script, a hand-made partial
 * soak, the writers (round-trip through the readers), the runner's analysis hooks, and the CLI
 * counter section.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { scanText } from '../../../../engine/counters/dumpScanner';
import { buildCounterRun } from '../../../../engine/counters/counterRun';
import { classifyPath, readRunFolder, readSoakFolder } from '../../../../engine/soak/readRunFolder';
import {
  formatCountersJsonlLine,
  formatTotalsTsv,
  TOTALS_COLUMNS,
} from '../../../../engine/soak/runFolderFormat';
import { parseTsv } from '../../../../engine/soak/tsv';
import { createRunAnalysisHooks } from '../../../../engine/soak/runAnalysisHooks';
import { buildCounterSection, formatCounterTable } from '../../../../engine/report/counterReport';

const FIX = path.resolve(__dirname, '../../../fixtures');
const SOAK = path.join(FIX, 'soak-runs', 'node-20', 'two-wallets');
const PARTIAL = path.join(FIX, 'soak-runs', 'hand-made', 'partial');

test('a real soak folder: runs in order, counters per process, resources after start-skip, assertions', async () => {
  assert.equal(await classifyPath(SOAK), 'soak');
  const soak = await readSoakFolder(SOAK, { startSkipMs: 500 });
  assert.deepEqual(
    soak.runs.map((r) => r.name),
    readdirSync(SOAK)
      .filter((n) => /^run-\d+$/.test(n))
      .sort(),
  );
  for (const r of soak.runs) {
    const log = readFileSync(path.join(r.dir, 'script.log'), 'utf8');
    const direct = buildCounterRun(scanText(log).dumps);
    assert.equal(r.countersFrom, 'script.log');
    assert.deepEqual(r.counters!.processes.map((p) => p.source).sort(), ['alice', 'bob']);
    assert.deepEqual(
      r.counters!.totals.map((t) => [t.name, t.count, t.totalMs]),
      direct.totals.map((t) => [t.name, t.count, t.totalMs]),
    );
    const manifest = JSON.parse(readFileSync(path.join(r.dir, 'run.json'), 'utf8')) as {
      startTime: string;
      endTime: string;
    };
    assert.equal(r.wallClockMs, Date.parse(manifest.endTime) - Date.parse(manifest.startTime));
    assert.ok(r.resources && r.resources.total.samples > 0 && r.resources.skippedSamples > 0);
    assert.equal(r.assertions!.pass, log.split('\n').filter((l) => l.startsWith('PASS')).length);
    assert.deepEqual(r.missing.sort(), ['counters.jsonl', 'diagnostics.jsonl', 'totals.tsv']);
  }
});

test('a partial soak: cut-off dump kept as partial, missing files listed, malformed JSON and ragged TSV reported', async () => {
  const soak = await readSoakFolder(PARTIAL);
  const [r1, r2] = soak.runs;
  assert.ok(r1 && r2);
  assert.ok(r1.missing.includes('samples.tsv') && r1.missing.includes('run.json'));
  const alice = r1.counters!.processes.find((p) => p.source === 'alice')!;
  assert.deepEqual(
    alice.windows.map((w) => w.partial),
    [false, true],
  );
  assert.equal(
    r1.counters!.totals.find((t) => t.name === 'orbitdb.putEntry.bundle')!.count,
    10 + 1 + 3,
  );
  assert.deepEqual([r1.assertions!.pass, r1.assertions!.fail], [1, 1]);
  assert.ok(r1.diagnostics.some((d) => /cut off/.test(d.message) && d.line !== undefined));
  assert.equal(r2.counters, undefined);
  assert.ok(r2.resources && r2.resources.perProcess.length === 2);
  assert.ok(
    r2.diagnostics.some(
      (d) => d.file.endsWith('summary-metrics.json') && /not valid JSON/.test(d.message),
    ),
  );
  assert.ok(r2.diagnostics.some((d) => d.file.endsWith('samples.tsv') && d.line !== undefined));
  assert.deepEqual(r2.totalsTable!.header, ['name', 'calls', 'total_ms', 'note']);
});

test('writers round-trip: counters.jsonl lines read back as the same windows; totals.tsv by its header', () => {
  const log = readFileSync(path.join(SOAK, 'run-1', 'script.log'), 'utf8');
  const { dumps } = scanText(log);
  const jsonl = dumps.map((d) => formatCountersJsonlLine(d)).join('');
  const back = scanText(jsonl).dumps;
  assert.deepEqual(
    back.map((d) => [d.source, d.time, JSON.stringify(d.counters)]),
    dumps.map((d) => [d.source, d.time, JSON.stringify(d.counters)]),
  );
  const run = buildCounterRun(dumps);
  const t = parseTsv(formatTotalsTsv(run.totals), 'totals.tsv');
  assert.deepEqual(t.header, [...TOTALS_COLUMNS]);
  assert.deepEqual(
    t.rows.map((r) => [r.cells.name, Number(r.cells.count), Number(r.cells.total_ms)]),
    run.totals.map((x) => [x.name, x.count, x.totalMs]),
  );
  assert.deepEqual(t.diagnostics, []);
});

test('runner analysis hooks: live lines → counters.jsonl, then totals.tsv and summary-metrics.json a reader agrees with', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'perflens-run-'));
  const lines = readFileSync(path.join(SOAK, 'run-1', 'script.log'), 'utf8').split('\n');
  const hooks = createRunAnalysisHooks({ runDir: dir, startSkipMs: 0 });
  let emitted = 0;
  lines.forEach((l, i) => (emitted += hooks.onLine(l, 'stdout', 1_780_000_000_000 + i).length));
  const warnings = await hooks.finish({
    runDir: dir,
    manifest: { status: 'completed', exitCode: 0, signal: null },
    startTimeMs: 1_780_000_000_000,
    endTimeMs: 1_780_000_002_000,
  });
  assert.ok(Array.isArray(warnings));
  const jsonl = readFileSync(path.join(dir, 'counters.jsonl'), 'utf8').trim().split('\n');
  assert.equal(jsonl.length, emitted);
  assert.equal(emitted, scanText(lines.join('\n')).dumps.length);
  const model = await readRunFolder(dir);
  assert.equal(model.countersFrom, 'counters.jsonl');
  const direct = buildCounterRun(scanText(lines.join('\n')).dumps, { wallClockMs: 2000 });
  const written = parseTsv(readFileSync(path.join(dir, 'totals.tsv'), 'utf8'), 'totals.tsv');
  assert.deepEqual(
    written.rows.map((r) => [r.cells.name, Number(r.cells.count), Number(r.cells.share_of_wall)]),
    direct.totals.map((t) => [t.name, t.count, t.shareOfWallClock]),
  );
  const summary = JSON.parse(readFileSync(path.join(dir, 'summary-metrics.json'), 'utf8')) as {
    wallClockMs: number;
    assertions: { pass: number };
    counters: { windows: number };
  };
  assert.equal(summary.wallClockMs, 2000);
  assert.equal(summary.counters.windows, emitted);
  assert.equal(summary.assertions.pass, lines.filter((l) => l.startsWith('PASS')).length);
});

test('CLI section: --json shape for a log, a run and a soak; table lists the top N', async () => {
  const log = await buildCounterSection(
    path.join(FIX, 'sphere-perf-console', 'node-20', 'timestamps', 'script.log'),
  );
  assert.equal(log.input, 'log');
  assert.ok(log.counters.length > 3);
  for (let i = 1; i < log.counters.length; i++)
    assert.ok(log.counters[i - 1].totalMs >= log.counters[i].totalMs);
  for (const c of log.counters) {
    assert.deepEqual(Object.keys(c).slice(0, 7), [
      'name',
      'count',
      'totalMs',
      'avgMs',
      'maxMs',
      'ratePerSec',
      'kind',
    ]);
    assert.ok(c.kind === 'timer' || c.kind === 'count');
  }
  assert.equal(log.resources, undefined);
  const run = await buildCounterSection(path.join(SOAK, 'run-1'), { startSkipMs: 0 });
  assert.equal(run.input, 'run');
  assert.ok(run.resources && run.resources.total.samples > 0);
  const soak = await buildCounterSection(SOAK);
  assert.equal(soak.input, 'soak');
  // These runs last ~2 s, shorter than the default 30 s start-skip: rather than skip every sample
  // and show nothing, the figures are over the whole of each run, and that is said.
  assert.equal(soak.resources!.wholeRun, true);
  assert.equal(soak.resources!.skippedSamples, 0);
  assert.ok(soak.resources!.total.samples > 0);
  assert.match(
    formatCounterTable(soak),
    /resources \(whole run: it is shorter than the 30 s start-skip/,
  );
  assert.equal(soak.runs!.length, 2);
  const perRun = await Promise.all(
    soak.runs!.map((r) => buildCounterSection(path.join(SOAK, r.name))),
  );
  const name = soak.counters[0].name;
  assert.equal(
    soak.counters[0].count,
    perRun.reduce((a, r) => a + r.counters.find((c) => c.name === name)!.count, 0),
  );
  const table = formatCounterTable(log, 3);
  const body = table.split('\n').slice(2, 5);
  assert.deepEqual(
    body.map((l) => l.split(/\s+/)[0]),
    log.counters.slice(0, 3).map((c) => c.name),
  );
  assert.match(table, /more counters/);
  // run-1 holds the dumps of two daemons, alice and bob: its % wall sums each one's share of its
  // own wall-clock (here the run's: its run.json lists no processes), and no total adds timers up.
  const text = formatCounterTable(run);
  assert.match(
    text,
    /each process's counter time ÷ that process's own wall-clock .*summed over 2 processes/,
  );
  assert.match(text, /Timer times are not added up: timers may nest/);
  const missing = await buildCounterSection(path.join(FIX, 'does-not-exist'));
  assert.equal(missing.diagnostics[0].severity, 'error');
  const diag = await buildCounterSection(
    path.join(FIX, 'rust-diagnostics', 'hand-made', 'single-file', 'diagnostics.json'),
  );
  assert.ok(diag.counters.some((c) => c.name === 'pubsub_stages.republish'));
});

/**
 * Issue 13 on counter logs and run folders: the dump interval's basis, redaction counted per
 * dump, a bare `[perf-counters] snapshot:` line, an empty counters.jsonl, long samples.tsv files,
 * out-of-range resource cells and repeated warnings. Expected numbers are computed by hand beside
 * each case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../../cli/main';
import { buildCounterSection } from '../../../../engine/report/counterReport';
import { collapseRepeats } from '../../../../engine/report/collapseDiagnostics';
import { formatDiagnostic } from '../../../../engine/diagnostics';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'perflens-counters-'));

/** Two dumps as console.log prints them with no logger: no timestamps, no labels. */
const BARE =
  "[perf-counters] snapshot: {\n  'a.b': { count: 2, totalMs: 10, avgMs: 5, maxMs: 7 }\n}\n" +
  "[perf-counters] snapshot: { 'a.b': { count: 1, totalMs: 4, avgMs: 4, maxMs: 4 } }\n";

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const io = { out: (t: string) => (out += t), err: () => {}, handleSignals: false };
  const code = await runCli(args, io);
  return { code, out };
}

test('a bare [perf-counters] snapshot line is a dump, not a process label', async () => {
  const dir = tmp();
  writeFileSync(join(dir, 'bare.log'), BARE);
  const s = await buildCounterSection(join(dir, 'bare.log'));
  // a.b: count 2 + 1 = 3, total 10 + 4 = 14 ms, max 7, over 2 windows.
  assert.equal(s.windows, 2);
  assert.deepEqual(
    s.counters.map((c) => [c.name, c.count, c.totalMs, c.maxMs]),
    [['a.b', 3, 14, 7]],
  );
});

test('without timestamps the interval is the default and says so; --dump-ms and run.json set it', async () => {
  const dir = tmp();
  writeFileSync(join(dir, 'bare.log'), BARE);
  const def = await buildCounterSection(join(dir, 'bare.log'));
  // 2 windows × 5000 ms default = 10 s; a.b 3 calls / 10 s = 0.3 per s.
  assert.equal(def.dumpIntervalBasis, 'default');
  assert.equal(def.wallClockMs, 10_000);
  const j = JSON.parse(
    (await cli(['report', join(dir, 'bare.log'), '--json', '--dump-ms', '1000'])).out,
  ) as {
    wallClockMs: number;
    dumpIntervalMs: number;
    dumpIntervalBasis: string;
    counters: { ratePerSec: number }[];
  };
  // 2 windows × 1000 ms = 2 s; 3 calls / 2 s = 1.5 per s.
  assert.deepEqual(
    [j.wallClockMs, j.dumpIntervalMs, j.dumpIntervalBasis],
    [2000, 1000, '--dump-ms'],
  );
  assert.equal(j.counters[0].ratePerSec, 1.5);
  const text = (await cli(['report', join(dir, 'bare.log')])).out;
  assert.match(text, /dump interval 5 s assumed \(the default/);

  const run = tmp();
  writeFileSync(join(run, 'script.log'), BARE);
  writeFileSync(join(run, 'run.json'), JSON.stringify({ env: { SPHERE_PERF_DUMP_MS: '1000' } }));
  const r = await buildCounterSection(run);
  assert.equal(r.dumpIntervalBasis, 'run.json SPHERE_PERF_DUMP_MS');
  assert.equal(r.wallClockMs, 2000);
});

test('a counter redacted in 2 of 3 dumps says so, in text and in --json diagnostics', async () => {
  const dir = tmp();
  const dump = (redacted: boolean) =>
    `[perf-counters] snapshot: {\n  'a.b': { count: 1, totalMs: 1, avgMs: 1, maxMs: 1 },\n  'x.token': ${redacted ? "'[REDACTED]'" : '{ count: 1, totalMs: 2, avgMs: 2, maxMs: 2 }'}\n}\n`;
  writeFileSync(join(dir, 'r.log'), dump(true) + dump(false) + dump(true));
  const j = JSON.parse((await cli(['report', join(dir, 'r.log'), '--json'])).out) as {
    diagnostics: Array<{ file: string; message: string }>;
  };
  assert.ok(
    j.diagnostics.some(
      (d) =>
        d.file === join(dir, 'r.log') && d.message.includes('x.token: [REDACTED] in 2 of 3 dumps'),
    ),
    JSON.stringify(j.diagnostics),
  );
});

test('an empty counters.jsonl does not hide the dumps in script.log', async () => {
  const run = tmp();
  writeFileSync(join(run, 'script.log'), BARE);
  writeFileSync(join(run, 'counters.jsonl'), '');
  const s = await buildCounterSection(run);
  assert.equal(s.windows, 2);
  assert.ok(
    s.diagnostics.some((d) =>
      /holds no counter dumps; reading them from script\.log/.test(d.message),
    ),
  );
});

test('samples.tsv with 200,000 rows is read (no stack overflow), negative CPU is left out with a warning', async () => {
  const run = tmp();
  const rows = ['time\tpid\tcpu_pct\trss_kb'];
  // Two processes, 100,000 ticks each 5 s apart; CPU 10 % and 30 %, RSS 1000 and 3000 KiB.
  for (let k = 0; k < 100_000; k++) {
    const t = 1_700_000_000 + 5 * k;
    rows.push(`${t}\t1\t10\t1000`, `${t}\t2\t30\t3000`);
  }
  rows.push(`${1_700_000_000 + 5 * 100_000}\t1\t-50\t1000`);
  writeFileSync(join(run, 'samples.tsv'), rows.join('\n') + '\n');
  const s = await buildCounterSection(run);
  assert.ok(s.resources, JSON.stringify(s.diagnostics.slice(0, 3)));
  // Per tick the two processes sum to 10 + 30 = 40 % and 1000 + 3000 = 4000 KiB; the negative
  // cell is left out, so no tick drops below that.
  assert.equal(s.resources.total.avgCpuPct, 40);
  assert.equal(s.resources.total.maxRssKb, 4000);
  assert.ok(s.diagnostics.some((d) => /negative or out-of-range/.test(d.message)));
});

test('identical warnings collapse into one line with a count', () => {
  const d = { severity: 'warning' as const, file: 'x.log', message: 'bad dump', expected: '{' };
  const lines = collapseRepeats([
    { ...d, line: 3 },
    { ...d, line: 9 },
    { ...d, line: 12 },
    { ...d, message: 'other' },
  ]);
  assert.equal(lines[0].repeats, 3);
  assert.deepEqual(lines.map(formatDiagnostic), [
    'x.log:3: warning: bad dump (expected {) [3 times in all; first shown]',
    'x.log: warning: other (expected {)',
  ]);
});

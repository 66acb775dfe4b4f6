/** The file edge: chunked reads, resume when a live log grows, truncation, bounded line length. */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createLogFileScan, scanLogFile } from '../../../../engine/counters/logFileScanner';
import { createLineSplitter } from '../../../../engine/counters/lineSplitter';
import { scanText } from '../../../../engine/counters/dumpScanner';
import { CounterDump } from '../../../../engine/counters/types';
import { EngineDiagnostic } from '../../../../engine/diagnostics';
import { fixture } from './helpers';

const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'perflens-logscan-'));

test('a growing log is resumed from its offset: every dump once, even when a write splits a dump', async () => {
  const src = readFileSync(fixture('sphere-perf-console', 'node-20', 'two-process', 'script.log'));
  const expected = scanText(src.toString('utf8')).dumps;
  const file = path.join(tmp(), 'script.log');
  writeFileSync(file, '');
  const got: CounterDump[] = [];
  const scan = createLogFileScan(file, { onDump: (d) => got.push(d), chunkBytes: 97 });
  // Append in uneven pieces (mid-line, mid-dump, mid-UTF-8) and poll after each.
  let at = 0;
  for (const piece of [10, 333, 1, 2048, 5000, 77]) {
    appendFileSync(file, src.subarray(at, Math.min(src.length, at + piece)));
    at = Math.min(src.length, at + piece);
    await scan.poll();
    assert.ok(scan.offset <= at);
  }
  appendFileSync(file, src.subarray(at));
  await scan.poll();
  await scan.finish();
  assert.deepEqual(got, expected);
  assert.equal(scan.offset, src.length);
});

test('a file that shrinks (rotated) is read again from the start, with a warning', async () => {
  const file = path.join(tmp(), 'script.log');
  writeFileSync(
    file,
    '[perf] [perf-counters] snapshot: { a: { count: 1, totalMs: 1, avgMs: 1, maxMs: 1 } }\n'.repeat(
      3,
    ),
  );
  const got: CounterDump[] = [];
  const diags: EngineDiagnostic[] = [];
  const scan = createLogFileScan(file, {
    onDump: (d) => got.push(d),
    onDiagnostic: (d) => diags.push(d),
  });
  await scan.poll();
  writeFileSync(
    file,
    '[perf] [perf-counters] snapshot: { b: { count: 2, totalMs: 2, avgMs: 1, maxMs: 1 } }\n',
  );
  await scan.poll();
  await scan.finish();
  assert.deepEqual(
    got.map((d) => Object.keys(d.counters)[0]),
    ['a', 'a', 'a', 'b'],
  );
  assert.ok(diags.some((d) => /shrank/.test(d.message)));
});

test('an over-long line is cut and reported; the lines after it are still read', () => {
  const lines: string[] = [];
  const long: number[] = [];
  const sp = createLineSplitter({
    onLine: (l) => lines.push(l),
    maxLineBytes: 100,
    onLongLine: (n) => long.push(n),
  });
  const enc = new TextEncoder();
  sp.push(enc.encode('first\n'));
  for (let i = 0; i < 10; i++) sp.push(enc.encode('x'.repeat(50)));
  sp.push(enc.encode('\nlast\n'));
  sp.end();
  assert.equal(lines.length, 3);
  assert.equal(lines[2], 'last');
  assert.ok(lines[1].length <= 100);
  assert.deepEqual(long, [2]);
  assert.equal(sp.committedOffset, 6 + 500 + 1 + 5);
});

test('scanLogFile on a missing trailing newline still reads the last line', async () => {
  const file = path.join(tmp(), 'x.log');
  writeFileSync(
    file,
    'noise\n[perf] [perf-counters] snapshot: { a: { count: 1, totalMs: 1, avgMs: 1, maxMs: 1 } }',
  );
  const got: CounterDump[] = [];
  const r = await scanLogFile(file, { onDump: (d) => got.push(d) });
  assert.equal(got.length, 1);
  assert.equal(r.lines, 2);
});

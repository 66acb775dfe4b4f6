/**
 * server/live/runFollower.ts: the language server's follower of a live run folder. The log is
 * written here in pieces, as a runner would append it; every poll is called explicitly (no
 * timers, no sleeps). Expected totals are summed by hand beside each assertion.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunFollower } from '../../../server/live/runFollower';
import type { RunProgress } from '../../../protocol/server';
import type { LiveUpdate } from '../../../protocol/sourceData';

const dump = (a: number, b: number): string =>
  `[2026-01-01T00:00:0${a}.000Z] [INFO ] [perf] [perf-counters] snapshot: {\n` +
  `  'orbitdb.putEntry': { count: 2, totalMs: ${a * 10}, avgMs: ${a * 5}, maxMs: ${a * 6} },\n` +
  `  'ipfs.pin': { count: 1, totalMs: ${b}, avgMs: ${b}, maxMs: ${b} }\n` +
  `}\n`;

describe('RunFollower', () => {
  it('parses dumps as the log grows, reports the running top, and writes the totals at the end', async () => {
    const runDir = mkdtempSync(join(tmpdir(), 'perflens-follow-'));
    writeFileSync(
      join(runDir, 'run.json'),
      JSON.stringify({
        startTime: '2026-01-01T00:00:00.000Z',
        env: { SPHERE_PERF_DUMP_MS: '1000' },
        status: 'running',
      }),
    );
    const seen: RunProgress.Params[] = [];
    const f = new RunFollower({ runDir, onProgress: (p) => seen.push(p) });
    f.poll(); // no script.log yet: nothing, no error
    assert.equal(seen.length, 0);

    const log = join(runDir, 'script.log');
    const first = `alice: listening\n${dump(1, 50)}`;
    // Half of the first dump: nothing completes yet.
    writeFileSync(log, first.slice(0, 80));
    f.poll();
    assert.equal(seen.length, 0);
    appendFileSync(log, first.slice(80));
    f.poll();
    assert.equal(seen.length, 1);
    // window 1: ipfs.pin 50 ms > orbitdb.putEntry 1 × 10 = 10 ms
    assert.deepEqual(seen[0].top, [
      { name: 'ipfs.pin', totalMs: 50, count: 1 },
      { name: 'orbitdb.putEntry', totalMs: 10, count: 2 },
    ]);
    assert.equal(seen[0].windows, 1);
    assert.equal(seen[0].bytesRead, Buffer.byteLength(first));

    appendFileSync(log, `noise line\n${dump(9, 1)}`);
    f.poll();
    // putEntry: 10 + 9 × 10 = 100 ms, count 2 + 2 = 4; pin: 50 + 1 = 51 ms, count 1 + 1 = 2
    assert.deepEqual(seen.at(-1)!.top, [
      { name: 'orbitdb.putEntry', totalMs: 100, count: 4 },
      { name: 'ipfs.pin', totalMs: 51, count: 2 },
    ]);
    const jsonl = readFileSync(join(runDir, 'counters.jsonl'), 'utf8').trim().split('\n');
    assert.equal(jsonl.length, 2, 'one counters.jsonl line per dump, written live');

    writeFileSync(
      join(runDir, 'run.json'),
      JSON.stringify({
        startTime: '2026-01-01T00:00:00.000Z',
        endTime: '2026-01-01T00:00:10.000Z',
        status: 'completed',
        exitCode: 0,
        signal: null,
      }),
    );
    const result = await f.finish();
    assert.equal(result.windows, 2);
    const totals = readFileSync(join(runDir, 'totals.tsv'), 'utf8');
    // name, family, kind, unit, count 4, total 100 ms, avg 100 / 4 = 25 ms
    assert.match(totals, /^orbitdb\.putEntry\torbitdb\ttimer\t\t4\t100\t25\t/m);
    const summary = JSON.parse(readFileSync(join(runDir, 'summary-metrics.json'), 'utf8'));
    assert.equal(summary.wallClockMs, 10_000); // 00:00:10 − 00:00:00
    assert.equal(summary.exit.status, 'completed');
    assert.equal(summary.counters.windows, 2);
    assert.ok(existsSync(join(runDir, 'summary-metrics.json')));
  });

  it('finishes a run it never followed (a restarted server) by reading the whole log', async () => {
    const runDir = mkdtempSync(join(tmpdir(), 'perflens-follow-late-'));
    writeFileSync(join(runDir, 'script.log'), `${dump(2, 3)}${dump(4, 5)}`);
    writeFileSync(join(runDir, 'run.json'), JSON.stringify({ status: 'stopped' }));
    const seen: RunProgress.Params[] = [];
    const r = await new RunFollower({ runDir, onProgress: (p) => seen.push(p) }).finish();
    assert.equal(r.windows, 2);
    // putEntry 20 + 40 = 60 ms; pin 3 + 5 = 8 ms
    assert.deepEqual(seen.at(-1)!.top, [
      { name: 'orbitdb.putEntry', totalMs: 60, count: 4 },
      { name: 'ipfs.pin', totalMs: 8, count: 2 },
    ]);
  });

  it('hands the counters to the lenses at most once per interval, and the last ones at the end', async () => {
    const runDir = mkdtempSync(join(tmpdir(), 'perflens-follow-lens-'));
    writeFileSync(join(runDir, 'run.json'), JSON.stringify({ status: 'running' }));
    const sent: { count: number; windows: number }[] = [];
    // An interval no test outlives: after the first sending, only finish() may send again.
    const f = new RunFollower({
      runDir,
      onProgress: () => undefined,
      countersEveryMs: 1e9,
      onCounters: (run) =>
        sent.push({
          count: run.totals.find((t) => t.name === 'orbitdb.putEntry')?.count ?? 0,
          windows: run.windowCount,
        }),
    });
    const log = join(runDir, 'script.log');
    writeFileSync(log, dump(1, 1));
    f.poll();
    // The first dump goes out at once: putEntry 2 calls in 1 window.
    assert.deepEqual(sent, [{ count: 2, windows: 1 }]);
    appendFileSync(log, dump(2, 1));
    f.poll();
    appendFileSync(log, dump(3, 1));
    f.poll();
    assert.equal(sent.length, 1, 'two more dumps inside the interval: nothing sent yet');
    await f.finish();
    // At the end the held-back numbers go out: 2 + 2 + 2 = 6 calls in 3 windows.
    assert.deepEqual(sent, [
      { count: 2, windows: 1 },
      { count: 6, windows: 3 },
    ]);
  });
});

describe('RunFollower live panel updates', () => {
  it('sends only the windows not sent before, with the counter rows as they now are', () => {
    const runDir = mkdtempSync(join(tmpdir(), 'perflens-follow-data-'));
    writeFileSync(join(runDir, 'run.json'), JSON.stringify({ status: 'running' }));
    const updates: LiveUpdate[] = [];
    const f = new RunFollower({
      runDir,
      onProgress: () => undefined,
      onData: (u) => updates.push(u),
      dataEveryMs: 0,
    });
    const log = join(runDir, 'script.log');
    writeFileSync(log, dump(1, 50));
    f.poll();
    appendFileSync(log, `${dump(2, 7)}${dump(3, 4)}`);
    f.poll();
    f.poll(); // nothing new: nothing sent
    f.stop();
    assert.equal(updates.length, 2);
    const [a, b] = updates;
    assert.equal(a.windows.length, 1);
    assert.equal(a.windows[0].from, 0);
    // the dump's own timestamp, 2026-01-01T00:00:01Z
    assert.deepEqual(a.windows[0].epochMs, [Date.parse('2026-01-01T00:00:01.000Z')]);
    assert.deepEqual(a.windows[0].totalMs['ipfs.pin'], [50]);
    // second update: windows 2 and 3 only (from index 1); putEntry 2 × 10 = 20, 3 × 10 = 30 ms
    assert.equal(b.windows[0].from, 1);
    assert.deepEqual(b.windows[0].totalMs['orbitdb.putEntry'], [20, 30]);
    assert.deepEqual(b.windows[0].counts['ipfs.pin'], [1, 1]);
    // rows over all three windows: putEntry 10 + 20 + 30 = 60 ms, 2 + 2 + 2 = 6 calls
    const put = b.counters.rows.find((r) => r.process === -1 && r.name === 'orbitdb.putEntry')!;
    assert.equal(put.totalMs, 60);
    assert.equal(put.count, 6);
    // dumps at 1 s, 2 s, 3 s, 1 s apart: first to last + one interval = 3 s
    assert.equal(b.durationMs, 3000);
  });
});

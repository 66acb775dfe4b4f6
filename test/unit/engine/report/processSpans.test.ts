/**
 * Each process's own wall-clock and name, from run.json: the sample soak (alice and bob first
 * seen 0.5 s after the run started) and small hand-made manifests. Expected numbers are worked out
 * by hand from the fixture's run.json and counters.jsonl (checked with jq) beside each check.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { loadSections } from '../../../../server/views/sourceView';
import { sourceDataOf } from '../../../../engine/report/sourceData';
import { processNameOf, runProcesses } from '../../../../engine/report/runProcesses';
import { markdownReport } from '../../../../engine/report/markdownReport';
import { buildCounterSection, formatCounterTable } from '../../../../engine/report/counterReport';

const SOAK = resolve(
  __dirname,
  '..',
  '..',
  '..',
  'fixtures',
  'soak-runs',
  'node-20',
  'sample-soak',
);

async function dataOf(path: string) {
  const s = await loadSections(path);
  return sourceDataOf(path, s.profile, s.counters);
}

describe("each process's own span and name (run.json)", () => {
  it("% of wall is over the process's own span, not the run's, and says so in words", async () => {
    const c = (await dataOf(SOAK)).counters!;
    // run.json: alice and bob firstSeenMs 1796564684492; endTime 13:44:49.311Z = 1796564689311:
    // 1796564689311 − 1796564684492 = 4819 ms each (the run itself: 49.311 − 43.969 = 5342 ms).
    assert.deepEqual(
      c.processes.map((p) => [p.name, p.wallClockMs]),
      [
        ['alice', 4819],
        ['bob', 4819],
      ],
    );
    assert.equal(c.wallClockMs, 5342);
    // 44.492 − 43.969 = 0.523 s after the run's start.
    assert.equal(
      c.processes[0].spanBasis,
      "from when it was first seen, 523.0 ms after the run started, to the run's end",
    );
    // alice's wallet.send: sum of its windows' totalMs in counters.jsonl = 3647.85 ms (jq);
    // 3647.85 / 4819 = 75.697… % → 75.7 (over the run's 5342 ms it would have been 68.29).
    const send = c.rows.find((r) => r.process === 0 && r.name === 'wallet.send')!;
    assert.equal(send.wallPct, 75.7);
    // The words under the table, not "; given".
    const md = markdownReport(await dataOf(SOAK));
    assert.match(md, /alice 4\.8 s; bob 4\.8 s; for each: from when it was first seen/);
    assert.doesNotMatch(md, /given/);
    // The all-processes total: 13 distinct counter names in counters.jsonl (jq), over the run's
    // 5342 ms. Never the six top-level timers added up (7285.45 + 6683.82 + 3518.14 + 2823.46 +
    // 2768.71 + 2233.44 = 25,313 ms, 473.9 % of 5342 ms): wallet.send contains putEntry.
    assert.match(
      md,
      /^Total: 13 counter\(s\) over 5\.3 s of wall-clock \(the run, run\.json start to end\)\. Timer times are not added up: timers may nest/m,
    );
    assert.doesNotMatch(md, /25,31\d|473\.9/);
  });

  it('the text report says the same: per-process spans, no timer total', async () => {
    const text = formatCounterTable(await buildCounterSection(SOAK));
    // wallet.send: alice 3647.85 + bob 3637.60 ms (jq), each over 4819 ms:
    // (3647.85 + 3637.60) / 4819 × 100 = 151.18 → 151.2 % (over the run's 5342 ms: 136.4 %)
    assert.match(
      text,
      /^wallet\.send\s+timer\s+161\s+7,285\.4\s+45\.25\s+90\.0\s+30\.1\s+151\.2%$/m,
    );
    assert.match(text, /alice 4\.8 s; bob 4\.8 s; for each: from when it was first seen/);
    assert.match(text, /^Total: 13 counter\(s\) over 5\.3 s of wall-clock/m);
  });

  it('CPU/RSS series and rows are named from run.json (--name, else the script), not "node"', async () => {
    const d = await dataOf(SOAK);
    assert.deepEqual(d.timeline!.resources.map((r) => r.name).sort(), [
      'alice (pid 11529)',
      'bob (pid 11530)',
      'soak.mjs (pid 11515)',
    ]);
    assert.deepEqual(
      d.summary.resources!.rows.map((r) => r.name),
      ['soak.mjs (pid 11515)', 'bob (pid 11530)', 'alice (pid 11529)'],
    );
  });

  it('names: --name X, --name=X, else the script file, else the program', () => {
    assert.equal(processNameOf(['node', 'dist/main.js', '--name', 'alice']), 'alice');
    assert.equal(processNameOf(['node', 'main.js', '--name=bob']), 'bob');
    assert.equal(
      processNameOf(['/usr/bin/node', '--enable-source-maps', 'a/soak.mjs']),
      'soak.mjs',
    );
    assert.equal(processNameOf(['/usr/bin/daemon', '-v']), 'daemon');
  });

  it("a process whose samples stop before the run's last sample exited then", () => {
    const t0 = Date.parse('2026-01-01T00:00:00.000Z');
    const manifest = {
      startTime: '2026-01-01T00:00:00.000Z',
      endTime: '2026-01-01T00:00:10.000Z',
      processes: [
        { pid: 1, argv: ['node', 'a.js'], firstSeenMs: t0 + 1000 },
        { pid: 2, argv: ['node', 'b.js', '--name', 'b'], firstSeenMs: t0 + 2000 },
      ],
    };
    const samples = [
      { line: 2, timeMs: t0 + 3000, pid: 1 },
      { line: 3, timeMs: t0 + 3000, pid: 2 },
      { line: 4, timeMs: t0 + 9000, pid: 1 },
    ];
    const [a, b] = runProcesses(manifest, samples);
    // a: first seen at 1 s, still sampled at the last sample (9 s): lives to the run's end, 10 − 1 = 9 s
    assert.equal(a.name, 'a.js');
    assert.equal(a.endMs! - a.startMs!, 9000);
    // b: first seen at 2 s, last sampled at 3 s while others went on to 9 s: 3 − 2 = 1 s
    assert.equal(b.name, 'b');
    assert.equal(b.endMs! - b.startMs!, 1000);
    assert.match(b.spanBasis!, /to its last sample \(it exited before the run ended\)/);
  });
});

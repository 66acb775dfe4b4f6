import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadSections } from '../../../../server/views/sourceView';
import { sourceDataOf } from '../../../../engine/report/sourceData';

const fixtures = resolve(__dirname, '..', '..', '..', 'fixtures');

async function dataOf(path: string) {
  const s = await loadSections(path);
  return sourceDataOf(path, s.profile, s.counters);
}

describe('the panel data of a source (engine/report/sourceData)', () => {
  it('a two-process run: % of wall per process, and summed over the processes when combined', async () => {
    const run = join(fixtures, 'soak-runs', 'node-20', 'two-wallets', 'run-1');
    const d = await dataOf(run);
    assert.equal(d.input, 'run');
    const c = d.counters!;
    assert.deepEqual(
      c.processes.map((p) => [p.name, p.wallClockMs, p.windows]),
      // run.json: 23:45:41.195 − 23:45:39.106 = 2089 ms; 6 dumps each in script.log
      [
        ['alice', 2089, 6],
        ['bob', 2089, 6],
      ],
    );
    const bundle = (process: number) =>
      c.rows.find((r) => r.process === process && r.name === 'orbitdb.putEntry.bundle')!;
    // alice: 288.827 + 306.219 + 300.277 + 299.328 + 293.542 + 106.354 = 1594.547 ms
    assert.equal(bundle(0).totalMs, 1594.547);
    // 1594.547 / 2089 = 76.33 %
    assert.equal(bundle(0).wallPct, 76.33);
    // bob: 279.161 + 315.941 + 298.989 + 295.873 + 303.058 + 99.01 = 1592.032 ms → 76.21 %
    assert.equal(bundle(1).wallPct, 76.21);
    // combined: (1594.547 + 1592.032) / 2089 = 152.54 %, the two shares summed
    assert.equal(bundle(-1).wallPct, 152.54);
    assert.equal(bundle(-1).count, bundle(0).count + bundle(1).count);
    // The basis every copied table starts with (panel and `report --markdown` alike):
    // 6 + 6 = 12 windows from alice and bob.
    assert.match(
      d.basis,
      new RegExp(
        `^Source: ${run.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(run\\); 12 counter ` +
          `window\\(s\\) from 2 process\\(es\\), dumps every [\\d,]+ ms$`,
      ),
    );
    // Counts have no % of wall.
    assert.equal(
      c.rows.find((r) => r.name === 'ipfs.fetchCar.bytes' && r.process === 0)!.wallPct,
      null,
    );
  });

  it('the summary says what ran, how long, how it ended and the checks, with the log to click', async () => {
    const run = join(fixtures, 'soak-runs', 'node-20', 'two-wallets', 'run-1');
    const s = (await dataOf(run)).summary;
    assert.equal(s.command, 'node twoProcs.mjs');
    assert.equal(s.durationMs, 2089);
    assert.equal(s.durationBasis, 'run.json start/end');
    assert.equal(s.exitStatus, 'exit 0');
    // script.log lines 195–197: three PASS lines, no FAIL
    assert.deepEqual([s.assertions!.pass, s.assertions!.fail], [3, 0]);
    assert.equal(s.assertions!.file, join(run, 'script.log'));
  });

  it('a timeline per process: window times from the dump timestamps, values per window', async () => {
    const run = join(fixtures, 'soak-runs', 'node-20', 'two-wallets', 'run-1');
    const t = (await dataOf(run)).timeline!;
    const alice = t.counters.find((s) => s.process === 0)!;
    // alice's windows in script.log, in order (the same numbers summed above)
    assert.deepEqual(
      alice.totalMs['orbitdb.putEntry.bundle'],
      [288.827, 306.219, 300.277, 299.328, 293.542, 106.354],
    );
    // First dump 23:45:39.861; origin = run.json start 23:45:39.106 → 755 ms
    assert.equal(alice.timesMs[0], 755);
    assert.equal(alice.lines[0], 2);
    // samples.tsv: 3 pids, 9 sampling passes each (27 rows after the header)
    assert.equal(t.resources.length, 3);
    assert.equal(
      t.resources.reduce((a, r) => a + r.timesMs.length, 0),
      27,
    );
  });

  it("a timer's parts show as a breakdown: share of the parent's time, or per call of it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perflens-breakdown-'));
    const log = join(dir, 'daemon.log');
    writeFileSync(
      log,
      [
        '[2026-01-01T00:00:05.000Z] [INFO ] [perf] [perf-counters] snapshot: {',
        '  fetchCarFromIpfs: { count: 4, totalMs: 200, avgMs: 50, maxMs: 80 },',
        "  'fetchCarFromIpfs.headVerify': { count: 4, totalMs: 150, avgMs: 37.5, maxMs: 60 },",
        "  'fetchCarFromIpfs.blocks': { count: 10, totalMs: 0, avgMs: 0, maxMs: 0 }",
        '}',
        '[2026-01-01T00:00:10.000Z] [INFO ] [perf] [perf-counters] snapshot: {',
        '  fetchCarFromIpfs: { count: 2, totalMs: 100, avgMs: 50, maxMs: 70 },',
        "  'fetchCarFromIpfs.headVerify': { count: 2, totalMs: 20, avgMs: 10, maxMs: 12 },",
        "  'fetchCarFromIpfs.blocks': { count: 6, totalMs: 0, avgMs: 0, maxMs: 0 }",
        '}',
        '',
      ].join('\n'),
    );
    const c = (await dataOf(log)).counters!;
    const row = (name: string) => c.rows.find((r) => r.process === 0 && r.name === name)!;
    // parent: 200 + 100 = 300 ms over 4 + 2 = 6 calls; wall = 10 s − 5 s + one 5 s interval = 10 s
    assert.equal(row('fetchCarFromIpfs').totalMs, 300);
    assert.equal(row('fetchCarFromIpfs').wallPct, 3);
    assert.equal(row('fetchCarFromIpfs').parent, undefined);
    // headVerify: (150 + 20) / 300 = 56.7 % of the parent's time
    assert.equal(row('fetchCarFromIpfs.headVerify').parent, 'fetchCarFromIpfs');
    assert.equal(row('fetchCarFromIpfs.headVerify').ofParentPct, 56.7);
    // blocks: (10 + 6) / 6 calls = 2.67 per call
    assert.equal(row('fetchCarFromIpfs.blocks').perParentCall, 2.67);
  });

  it('a real V8 profile: functions as columns, sorted by self time, own code on top', async () => {
    const d = await dataOf(join(fixtures, 'workspaces', 'basic', 'profiles', 'work.cpuprofile'));
    assert.equal(d.input, 'profile');
    const f = d.functions!;
    assert.equal(f.unit, 'ms');
    assert.equal(f.names.length, f.files.length);
    // The program spends its time in putEntry/hashLoop/encodeEntry (see src/work.js).
    const own = f.names.filter((_, i) => f.files[i]?.endsWith('src/work.js')).slice(0, 3);
    assert.deepEqual(new Set(own), new Set(['putEntry', 'hashLoop', 'encodeEntry']));
    for (let i = 1; i < f.selfCost.length; i++) assert.ok(f.selfCost[i - 1]! >= f.selfCost[i]!);
    assert.equal(d.counters, undefined);
  });

  it('a Rust frame is named as the text report names it: the qualified name, owner not repeated', async () => {
    const d = await dataOf(
      join(fixtures, 'folded', 'perf-6.1-stackcollapse', 'rust-dwarf', 'x0x.folded'),
    );
    const names = d.functions!.names;
    assert.ok(
      names.includes('<x0x::gossip::pubsub::PubSubManager as x0x::gossip::pubsub::Verify>::verify'),
    );
    assert.ok(names.includes('x0x::gossip::pubsub::PubSubManager::handle_incoming'));
    assert.ok(!names.some((n) => n.startsWith('PubSubManager::x0x::')));
  });

  it('input that is neither a profile nor a log says so, with the reasons', async () => {
    const d = await dataOf(join(fixtures, 'workspaces', 'basic', 'src', 'hello.js'));
    assert.equal(d.input, 'none');
    assert.equal(d.functions, undefined);
    assert.equal(d.counters, undefined);
    assert.ok(d.warnings.length > 0);
    assert.ok(d.warnings.every((w) => w.text.includes('hello.js')));
  });
});

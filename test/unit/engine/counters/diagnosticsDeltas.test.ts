/**
 * Rust diagnostics: cumulative stage counters → windows, restarts, cut-off lines, whole-file
 * snapshots.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { scanText } from '../../../../engine/counters/dumpScanner';
import { dumpsFromDocument } from '../../../../engine/counters/snapshotDocument';
import { fixture } from './helpers';

interface Stage {
  count: number;
  total_ns: number;
  max_ns: number;
  over_1s_count: number;
}
const bodies = (text: string): Array<Record<string, Stage> | undefined> =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      try {
        return (JSON.parse(l) as { body?: { pubsub_stages: Record<string, Stage> } }).body
          ?.pubsub_stages;
      } catch {
        return undefined;
      }
    });

test('cumulative snapshots become per-window deltas; a drop in counts is a restart', () => {
  const file = fixture('rust-diagnostics', 'hand-made', 'restart', 'diagnostics.jsonl');
  const text = readFileSync(file, 'utf8');
  const { dumps, diagnostics } = scanText(text, file);
  const snaps = bodies(text).filter((b): b is Record<string, Stage> => b !== undefined);
  assert.equal(dumps.length, snaps.length);
  // window k = snapshot k − snapshot k−1, except the first and the one after the restart
  const restartAt = snaps.findIndex(
    (s, i) => i > 0 && s.republish.count < snaps[i - 1].republish.count,
  );
  dumps.forEach((d, k) => {
    const prev = k === 0 || k === restartAt ? undefined : snaps[k - 1].republish;
    const cur = snaps[k].republish;
    assert.equal(d.counters['pubsub_stages.republish'].count, cur.count - (prev?.count ?? 0));
    assert.equal(
      d.counters['pubsub_stages.republish'].totalMs,
      (cur.total_ns - (prev?.total_ns ?? 0)) / 1e6,
    );
    assert.equal(
      d.counters['pubsub_stages.republish.over_1s_count'].count,
      cur.over_1s_count - (prev?.over_1s_count ?? 0),
    );
  });
  assert.ok(diagnostics.some((x) => /restarted/.test(x.message)));
  assert.ok(diagnostics.some((x) => /does not parse/.test(x.message) && x.line === 4));
});

test('one snapshot per file (pretty-printed JSON) reads as one window from process start', () => {
  const file = fixture('rust-diagnostics', 'hand-made', 'single-file', 'diagnostics.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { pubsub_stages: Record<string, Stage> };
  const { dumps, diagnostics } = dumpsFromDocument(readFileSync(file, 'utf8'), file);
  assert.deepEqual(diagnostics, []);
  assert.equal(dumps[0].counters['pubsub_stages.verify'].count, doc.pubsub_stages.verify.count);
  assert.equal(
    dumps[0].counters['pubsub_stages.verify'].maxMs,
    doc.pubsub_stages.verify.max_ns / 1e6,
  );
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TimelineData } from '../../../protocol/sourceData';
import { startSkipNote } from '../../../webview/logic/startSkip';

/** A timeline with samples of one process at the given times (ms since the origin). */
function timeline(sampleMs: number[], skipMs?: number): TimelineData {
  return {
    counters: [],
    diagnostics: [],
    resources: [
      {
        name: 'alice',
        timesMs: sampleMs,
        cpuPct: sampleMs.map(() => 1),
        rssMiB: sampleMs.map(() => 1),
      },
    ],
    ...(skipMs !== undefined ? { startSkipEndMs: skipMs, startSkipMs: skipMs } : {}),
  };
}

describe('Over time: the start-skip note', () => {
  it('says nothing was skipped when the run (2.1 s) is shorter than the 30 s skip, and shades nothing', () => {
    const n = startSkipNote(timeline([400, 1200, 2000], 30_000));
    assert.equal(n.shadeEndSec, undefined);
    assert.match(n.text!, /shorter than the 30 s start-skip, so nothing was left out/);
    assert.match(n.text!, /over the whole run/);
    assert.doesNotMatch(n.text!, /Shaded/);
  });

  it('shades the first 30 s of a 60 s run and says the summary leaves them out', () => {
    const n = startSkipNote(timeline([10_000, 29_999, 30_000, 60_000], 30_000));
    assert.equal(n.shadeEndSec, 30);
    assert.match(n.text!, /^Shaded: the first 30 s start-skip/);
    assert.match(n.text!, /leave it out/);
  });

  it('says nothing without a start-skip', () => {
    assert.deepEqual(startSkipNote(timeline([1000])), {});
  });
});

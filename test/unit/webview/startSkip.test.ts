import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TimelineData } from '../../../protocol/sourceData';
import { startSkipNote } from '../../../webview/logic/startSkip';

/** A timeline with samples of one process at the given times (ms since the origin). */
function timeline(sampleMs: number[], window?: { endMs: number; skipMs: number }): TimelineData {
  return {
    counters: [],
    resources: [
      {
        name: 'alice',
        timesMs: sampleMs,
        cpuPct: sampleMs.map(() => 1),
        rssMiB: sampleMs.map(() => 1),
      },
    ],
    ...(window ? { startSkipEndMs: window.endMs, startSkipMs: window.skipMs } : {}),
  };
}

describe('Over time: the start-skip note', () => {
  it('says nothing was skipped when the run (2.1 s) is shorter than the 30 s skip, and shades nothing', () => {
    // The engine's window then starts at the first sample (0.4 s): every sample is used.
    const n = startSkipNote(timeline([400, 1200, 2000], { endMs: 400, skipMs: 30_000 }));
    assert.equal(n.shadeEndSec, undefined);
    assert.match(n.text!, /shorter than the 30 s start-skip, so nothing was left out/);
    assert.match(n.text!, /over the whole run/);
    assert.doesNotMatch(n.text!, /Shaded/);
  });

  it('shades the first 30 s of a 60 s run and says the summary leaves them out', () => {
    // The window starts at the first sample after 30 s; 10.0 s and 29.999 s were left out.
    const n = startSkipNote(
      timeline([10_000, 29_999, 30_000, 60_000], { endMs: 30_000, skipMs: 30_000 }),
    );
    assert.equal(n.shadeEndSec, 30);
    assert.match(n.text!, /^Shaded: the 30 s start-skip/);
    assert.match(n.text!, /leave out its 2 sample\(s\)/);
  });

  it('says nothing without a start-skip', () => {
    assert.deepEqual(startSkipNote(timeline([1000])), {});
  });
});

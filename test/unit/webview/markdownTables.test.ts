/**
 * The Over time and Scaling tables copied as Markdown, through the engine's one formatter.
 * Small hand-made data; the expected lines are written out by hand.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  diagnosticsMarkdown,
  overTimeMarkdown,
  scalingMarkdown,
} from '../../../webview/tabs/markdownTables';
import { leastSquares } from '../../../webview/logic/fit';
import { markdownDocument } from '../../../engine/format/markdownTable';
import type { CounterSeries, DiagnosticsSnapshots, SourceData } from '../../../protocol/sourceData';

const d = { basis: 'Source: /runs/r1 (run)' } as SourceData;
const series: CounterSeries = {
  process: 0,
  timesMs: [500, 1000, 1500],
  lines: [3, 9, 15],
  counts: { 'a|b': [1, 2, 3] },
  totalMs: { 'a|b': [10, 20.5, 30] },
};

describe('Over time and Scaling as Markdown', () => {
  it('Over time: one row per window of what is charted, numbers right-aligned, | escaped', () => {
    const md = markdownDocument([
      overTimeMarkdown(d, 'alice', series, ['a|b'], 'total ms per window', [[10, 20.5, 30]], 500),
    ]);
    assert.equal(
      md,
      [
        '### Counters per window: alice',
        '',
        'Source: /runs/r1 (run)',
        '',
        '| Window | End (s since start) | Log line | a\\|b (total ms per window) |',
        '| ---: | ---: | ---: | ---: |',
        '| 1 | 0.50 | 3 | 10 |',
        '| 2 | 1 | 9 | 20.50 |',
        '| 3 | 1.50 | 15 | 30 |',
        '',
        'One row per counter dump of alice (500 ms windows; each dump resets the counters).',
        '',
      ].join('\n'),
    );
  });

  it('Diagnostics: one row per snapshot; the note gives the real poll interval, rates and levels', () => {
    // Three polls 30 min apart: count 1000 → 2800 → 4600 is 1,800 per 1,800 s = 1.0/s; the
    // dwell is a gauge, as read.
    const snaps: DiagnosticsSnapshots = {
      timesMs: [0, 1_800_000, 3_600_000],
      pollIntervalMs: 1_800_000,
      fields: [
        { path: 'verify.count', kind: 'rate', values: [null, 1, 1] },
        { path: 'recv_pump.avg_dwell_ms', kind: 'level', values: [12, 13.5, 14] },
        { path: 'not.picked', kind: 'level', values: [1, 2, 3] },
      ],
    };
    const md = markdownDocument([
      diagnosticsMarkdown(d, snaps, ['verify.count', 'recv_pump.avg_dwell_ms']),
    ]);
    assert.match(
      md,
      /^\| Snapshot \| Time \(s since start\) \| verify\.count \(per s\) \| recv\\_pump\.avg\\_dwell\\_ms \(level\) \|$/m,
    );
    assert.match(md, /^\| 2 \| 1,800 \| 1 \| 13\.50 \|$/m);
    assert.match(md, /^\| 3 \| 3,600 \| 1 \| 14 \|$/m);
    assert.doesNotMatch(md, /not\.picked/);
    assert.match(md, /polled every 30 min 0 s \(median interval between snapshots\)/);
    assert.match(
      md,
      /^Rates \(counters, per second over the interval since the previous snapshot\): verify\.count\.$/m,
    );
    assert.match(
      md,
      /^Levels \(gauges, as read at each snapshot\): recv\\_pump\.avg\\_dwell\\_ms\.$/m,
    );
    // The counter-dump wording does not apply to 30-minute polls of cumulative fields.
    assert.doesNotMatch(md, /each dump resets the counters|5,000 ms windows/);
  });

  it('Scaling: the fit (X, Y, slope, intercept, R², windows, sentence) and its points', () => {
    // y = 2x + 1 exactly: slope 2, intercept 1, R² 1, 3 windows
    const pairs = [
      [1, 3],
      [2, 5],
      [3, 7],
    ] as const;
    const fit = leastSquares([1, 2, 3], [3, 5, 7]);
    const md = markdownDocument(
      scalingMarkdown(d, 'alice', 'x.count', 'y.totalMs', fit, 'y grows linearly', pairs),
    );
    assert.match(md, /^\| X \| Y \| Slope \| Intercept \| R² \| Windows \|$/m);
    assert.match(md, /^\| :--- \| :--- \| ---: \| ---: \| ---: \| ---: \|$/m);
    assert.match(md, /^\| x\.count \| y\.totalMs \| 2\.0000 \| 1\.0000 \| 1\.0000 \| 3 \|$/m);
    assert.match(md, /^y grows linearly$/m);
    assert.match(md, /over 3 dump windows of alice/);
    assert.match(md, /^\| 2 \| 5 \|$/m);
  });
});

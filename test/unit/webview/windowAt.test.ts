import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { windowAt } from '../../../webview/logic/windowAt';

describe('Over time: the counter window a CPU or RSS sample falls in', () => {
  // alice's dumps in script.log, ms after run.json's start (23:45:39.106): 39.861 − 39.106 =
  // 0.755 s, then 40.162, 40.462, 40.763, 41.063, 41.163 s
  const ends = [755, 1056, 1356, 1657, 1957, 2057];
  it('is the first window ending at or after the sample', () => {
    assert.equal(windowAt(ends, 414), 0); // the first sample (0.414 s) is in window 1
    assert.equal(windowAt(ends, 755), 0); // a sample at the dump itself closes that window
    assert.equal(windowAt(ends, 756), 1);
    assert.equal(windowAt(ends, 2016), 5); // the last sample, 41.122 − 39.106 s
  });
  it('is the last window for a sample after the last dump, none without windows', () => {
    assert.equal(windowAt(ends, 2500), 5);
    assert.equal(windowAt([], 100), undefined);
  });
});

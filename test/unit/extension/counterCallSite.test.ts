import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { counterCallSiteLine } from '../../../extension/panel/counterCallSite';

const source = [
  "import { incr, time } from './perf-counters';", // 1
  'export async function putEntry(e) {', // 2
  "  return time('orbitdb.putEntry.bundle', async () => {", // 3
  '    incr("ipfs.fetchCar.blocks", blocks.length);', // 4
  '  });', // 5
  '}', // 6
  'function rpc(method) {', // 7
  '  incr(`aggregator.rpc.${method}.http_error`);', // 8
  '}', // 9
].join('\n');

describe('finding a counter at its call site', () => {
  it('finds incr/time calls by their literal name, in either quote', () => {
    assert.equal(counterCallSiteLine(source, 'orbitdb.putEntry.bundle'), 3);
    assert.equal(counterCallSiteLine(source, 'ipfs.fetchCar.blocks'), 4);
  });
  it('matches template names segment by segment', () => {
    assert.equal(counterCallSiteLine(source, 'aggregator.rpc.submit_commitment.http_error'), 8);
    assert.equal(counterCallSiteLine(source, 'aggregator.rpc.a.b.http_error'), undefined);
  });
  it('says nothing when the name is only mentioned, not counted', () => {
    assert.equal(
      counterCallSiteLine("log('orbitdb.putEntry.encode')", 'orbitdb.putEntry.encode'),
      undefined,
    );
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import '../../helpers/propertySeed';
import { radixOrder } from '../../../webview/logic/radixOrder';

/** The reference: a comparator sort of the same indices (stable in V8 since 7.0). */
function reference(indices: number[], keys: number[], desc: boolean): number[] {
  return [...indices].sort((a, b) => (desc ? keys[b] - keys[a] : keys[a] - keys[b]) || 0);
}

describe('radix order of indices by float keys', () => {
  it('agrees with a comparator sort, ties in input order, for any keys (negatives, −∞, zeros)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1, -Infinity)), {
          maxLength: 200,
        }),
        fc.boolean(),
        (keys, desc) => {
          // -0 and 0 compare equal in the reference; make them one key here too
          const k = keys.map((x) => (Object.is(x, -0) ? 0 : x));
          const idx = k.map((_, i) => i).reverse(); // a non-trivial input order
          const got = [...radixOrder(Int32Array.from(idx), Float64Array.from(k), desc)];
          assert.deepEqual(got, reference(idx, k, desc));
        },
      ),
      { numRuns: 300 },
    );
  });
  it('a small case by hand', () => {
    // keys: i0 3, i1 −1, i2 3, i3 0.5 → ascending: i1, i3, i0, i2; descending: i0, i2, i3, i1
    const k = Float64Array.from([3, -1, 3, 0.5]);
    assert.deepEqual([...radixOrder(Int32Array.from([0, 1, 2, 3]), k, false)], [1, 3, 0, 2]);
    assert.deepEqual([...radixOrder(Int32Array.from([0, 1, 2, 3]), k, true)], [0, 2, 3, 1]);
  });
});

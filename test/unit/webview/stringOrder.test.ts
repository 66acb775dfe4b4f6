/**
 * webview/logic/stringOrder.ts against JavaScript's own string order (`Array.prototype.sort`
 * without a comparator: UTF-16 code units), on hand-picked cases and on random string arrays.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import '../../helpers/propertySeed';
import { stringOrder } from '../../../webview/logic/stringOrder';

const sorted = (text: string[]): string[] => [...stringOrder(text)].map((i) => text[i]);

describe('stringOrder', () => {
  it('orders shared prefixes, shorter strings first, and non-ASCII by code unit', () => {
    const text = ['module1.fn10', 'module1.fn1', 'module10.fn2', '', 'Ärger', 'a', 'module1.fn1'];
    // by hand: '' < 'a' < 'module1.fn1' (×2) < 'module1.fn10' < 'module10.fn2' < 'Ärger' (U+00C4)
    assert.deepEqual(sorted(text), [
      '',
      'a',
      'module1.fn1',
      'module1.fn1',
      'module1.fn10',
      'module10.fn2',
      'Ärger',
    ]);
  });

  it('agrees with Array.prototype.sort on random arrays (small alphabets force long shared prefixes)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '.', 'é', '😀'), maxLength: 12 }), {
          maxLength: 200,
        }),
        (text) => {
          assert.deepEqual(sorted(text), [...text].sort());
        },
      ),
      { numRuns: 300 },
    );
  });
});

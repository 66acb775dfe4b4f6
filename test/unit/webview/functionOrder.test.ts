import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import '../../helpers/propertySeed';
import { functionOrder } from '../../../webview/logic/functionOrder';
import type { FunctionData } from '../../../protocol/sourceData';

const f: FunctionData = {
  unit: 'ms',
  totalSamples: 10,
  totalMs: 10,
  profiles: [],
  names: ['putEntry', 'hashLoop', '(program)', 'encodeEntry'],
  files: ['/w/src/work.js', '/w/src/hash.js', null, '/w/src/work.js'],
  lines: [13, 2, null, 7],
  selfCost: [5, 3, 1, 1],
  totalCost: [6, 3, 1, 9],
  selfPct: [50, 30, 10, 10],
  totalPct: [60, 30, 10, 90],
  selfSamples: [5, 3, 1, 1],
  totalSamplesOf: [6, 3, 1, 9],
};

describe('the Functions tab order (filter, then sort, over column arrays)', () => {
  it('sorts by any column either way; ties keep the engine order', () => {
    assert.deepEqual([...functionOrder(f, '', 'total', true)], [3, 0, 1, 2]);
    assert.deepEqual([...functionOrder(f, '', 'self', false)], [2, 3, 1, 0]);
    assert.deepEqual([...functionOrder(f, '', 'name', false)], [2, 3, 1, 0]);
    // files: null sorts first ascending ('' < '/w…'); hash.js < work.js; work.js tie keeps 0 before
    // 3
    assert.deepEqual([...functionOrder(f, '', 'file', false)], [2, 1, 0, 3]);
  });

  it('filters by name or file, case-insensitively', () => {
    assert.deepEqual([...functionOrder(f, 'ENTRY', 'self', true)], [0, 3]);
    assert.deepEqual([...functionOrder(f, 'hash.js', 'self', true)], [1]);
    assert.deepEqual([...functionOrder(f, 'nothing', 'self', true)], []);
  });

  it('text sorts either way agree with a stable comparator sort (ties keep the engine order)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'B', 'b', '.', ':'), maxLength: 5 }), {
          maxLength: 60,
        }),
        fc.boolean(),
        fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 1 }),
        (names, desc, filter) => {
          const zeros = names.map(() => 0);
          const data: FunctionData = {
            ...f,
            names,
            files: names.map(() => null),
            lines: names.map(() => null),
            selfCost: zeros,
            totalCost: zeros,
            selfPct: zeros,
            totalPct: zeros,
            selfSamples: zeros,
            totalSamplesOf: zeros,
          };
          const low = names.map((x) => x.toLowerCase());
          // Array.prototype.sort is stable: equal names keep index order, in both directions.
          const expected = names
            .map((_, i) => i)
            .filter((i) => low[i].includes(filter))
            .sort((a, b) => {
              const c = low[a] < low[b] ? -1 : low[a] > low[b] ? 1 : 0;
              return desc ? -c : c;
            });
          assert.deepEqual([...functionOrder(data, filter, 'name', desc)], expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

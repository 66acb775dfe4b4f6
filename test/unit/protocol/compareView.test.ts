import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFromCompare, parseToCompare } from '../../../protocol/compareView';

describe('Compare view messages', () => {
  it('lets through exactly the three messages the page may send', () => {
    assert.deepEqual(parseFromCompare({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromCompare({ type: 'copyComparison', extra: '<b>' }), {
      type: 'copyComparison',
    });
    assert.deepEqual(parseFromCompare({ type: 'rendered', rows: 3 }), {
      type: 'rendered',
      rows: 3,
    });
    assert.equal(parseFromCompare({ type: 'rendered', rows: -1 }), undefined);
    assert.equal(parseFromCompare({ type: 'rendered', rows: 1.5 }), undefined);
    assert.equal(
      parseFromCompare({ type: 'openLocation', file: '/etc/passwd', line: 1 }),
      undefined,
    );
    assert.equal(parseFromCompare('ready'), undefined);
    assert.equal(parseFromCompare(null), undefined);
  });

  it('checks the shape of what the page receives', () => {
    const data = {
      verdict: 'worse',
      reason: 'r',
      markdown: '',
      metrics: [],
      functionDiff: { self: {}, total: {} },
      warnings: [],
      correctness: {},
      iterations: {},
    };
    assert.ok(parseToCompare({ type: 'compare', data }));
    assert.equal(parseToCompare({ type: 'compare', data: { ...data, metrics: 'x' } }), undefined);
    assert.equal(parseToCompare({ type: 'compare' }), undefined);
    assert.deepEqual(parseToCompare({ type: 'notice', text: 't', error: false }), {
      type: 'notice',
      text: 't',
      error: false,
    });
    assert.equal(parseToCompare({ type: 'notice', text: 1, error: false }), undefined);
  });
});

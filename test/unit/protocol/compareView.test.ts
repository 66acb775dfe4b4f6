import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCompareSides, parseFromCompare, parseToCompare } from '../../../protocol/compareView';

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

  it('takes back only two non-empty paths as the sides a page saved', () => {
    const sides = { baseline: '/runs/a', treatment: '/runs/b' };
    assert.deepEqual(parseCompareSides({ sides, ui: { tab: 'flame' } }), sides);
    // A page saved before it knew its sides (still comparing), or by an older version.
    assert.equal(parseCompareSides({ ui: { tab: 'metrics' } }), undefined);
    assert.equal(parseCompareSides(undefined), undefined);
    assert.equal(parseCompareSides({ sides: { baseline: '/runs/a' } }), undefined);
    assert.equal(parseCompareSides({ sides: { ...sides, treatment: '' } }), undefined);
    assert.equal(parseCompareSides({ sides: { ...sides, treatment: 7 } }), undefined);
    assert.equal(parseCompareSides({ sides: [sides.baseline, sides.treatment] }), undefined);
    assert.equal(parseCompareSides({ sides: { ...sides, baseline: 'x'.repeat(5000) } }), undefined);
  });

  it('lets a failure through only with its two sides and a message', () => {
    const sides = { baseline: '/runs/a', treatment: '/runs/b' };
    assert.deepEqual(parseToCompare({ type: 'failed', sides, message: 'gone' }), {
      type: 'failed',
      sides,
      message: 'gone',
    });
    assert.equal(parseToCompare({ type: 'failed', sides, message: 3 }), undefined);
    assert.equal(parseToCompare({ type: 'failed', message: 'gone' }), undefined);
  });
});

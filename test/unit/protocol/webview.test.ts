import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import '../../helpers/propertySeed';
import {
  parseFromFlame,
  parseFromWebview,
  parseToFlame,
  parseFlameState,
  parseToWebview,
} from '../../../protocol/webview';

describe('parseFromWebview (messages entering the extension host)', () => {
  it('accepts each well-formed message and copies only known fields', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(
      parseFromWebview({ type: 'rendered', tables: 2, rows: 10, extra: '<script>' }),
      { type: 'rendered', tables: 2, rows: 10 },
    );
    assert.deepEqual(parseFromWebview({ type: 'openLocation', file: '/a/b.ts', line: 3 }), {
      type: 'openLocation',
      file: '/a/b.ts',
      line: 3,
    });
  });

  it('rejects wrong types, missing fields, bad numbers and unknown messages', () => {
    for (const bad of [
      null,
      'ready',
      [],
      { type: 'nope' },
      { type: 'rendered', tables: -1, rows: 0 },
      { type: 'rendered', tables: 1.5, rows: 0 },
      { type: 'rendered', tables: 1 },
      { type: 'openLocation', file: '', line: 1 },
      { type: 'openLocation', file: '/x', line: 0 },
      { type: 'openLocation', file: 42, line: 1 },
      { type: 'openLocation', file: 'x'.repeat(5000), line: 1 },
    ]) {
      assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
    }
  });

  it('never throws and never returns anything but a known message, whatever arrives', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const m = parseFromWebview(raw);
        assert.ok(
          m === undefined ||
            [
              'ready',
              'rendered',
              'openLocation',
              'action',
              'copyMarkdown',
              'showInlineCosts',
            ].includes(m.type),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseFromWebview: copy as Markdown and inline costs', () => {
  const table = {
    title: 'Counters: alice',
    context: ['Source: run-1'],
    columns: [
      { label: 'Counter', numeric: false },
      { label: 'Total ms', numeric: true },
    ],
    rows: [
      ['a', 1.5],
      ['b', null],
    ],
    notes: [],
  };
  it('accepts well-formed tables and copies only known fields', () => {
    assert.deepEqual(parseFromWebview({ type: 'copyMarkdown', tables: [{ ...table, extra: 1 }] }), {
      type: 'copyMarkdown',
      tables: [table],
    });
    assert.deepEqual(
      parseFromWebview({ type: 'showInlineCosts', kind: 'counter', name: 'x.y', line: 0 }),
      { type: 'showInlineCosts', kind: 'counter', name: 'x.y' },
    );
  });
  it('rejects ragged rows, objects in cells, too many rows and unknown kinds', () => {
    for (const bad of [
      { type: 'copyMarkdown', tables: [] },
      { type: 'copyMarkdown', tables: [{ ...table, rows: [['a']] }] },
      { type: 'copyMarkdown', tables: [{ ...table, rows: [['a', { toString: 1 }]] }] },
      { type: 'copyMarkdown', tables: [{ ...table, rows: [['a', Infinity]] }] },
      { type: 'copyMarkdown', tables: [{ ...table, rows: new Array(100_001).fill(['a', 1]) }] },
      { type: 'copyMarkdown', tables: [{ ...table, columns: [{ label: 'x' }, { label: 'y' }] }] },
      { type: 'showInlineCosts', kind: 'file', name: 'x' },
      { type: 'showInlineCosts', kind: 'function', name: '' },
    ])
      assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad).slice(0, 80));
  });
});

describe('parseToWebview (defence in depth inside the page)', () => {
  it('accepts a show message with a model and rejects anything else', () => {
    const model = { title: 't', facts: [], tables: [], diagnostics: [] };
    assert.deepEqual(parseToWebview({ type: 'show', model }), { type: 'show', model });
    assert.equal(parseToWebview({ type: 'show', model: { title: 1 } }), undefined);
    assert.equal(parseToWebview({ type: 'other' }), undefined);
  });
});

describe('flame-graph messages', () => {
  it('validates what the flame page reports and what it is sent', () => {
    assert.deepEqual(parseFromFlame({ type: 'flameReady', speedscopeVersion: '1.25.0' }), {
      type: 'flameReady',
      speedscopeVersion: '1.25.0',
    });
    assert.deepEqual(parseFromFlame({ type: 'flameLoaded', title: 'a - speedscope' }), {
      type: 'flameLoaded',
      title: 'a - speedscope',
    });
    assert.equal(parseFromFlame({ type: 'flameLoaded', title: 7 }), undefined);
    assert.deepEqual(
      parseFromFlame({ type: 'flameLoaded', title: 't', fetchMs: 12, drawMs: -1 }),
      { type: 'flameLoaded', title: 't', fetchMs: 12 },
      'a negative duration is dropped',
    );
    assert.equal(parseFromFlame({ type: 'flameError', message: 'x'.repeat(5000) }), undefined);
    const load = {
      type: 'loadProfile',
      source: '/w/p.cpuprofile',
      fileName: 'p.cpuprofile.speedscope.json',
      url: 'https://file+.vscode-resource.vscode-cdn.net/c/k.speedscope.json',
    };
    assert.deepEqual(parseToFlame(load), load);
    // The data itself never travels in the message: a base64 payload is not a load message.
    assert.equal(parseToFlame({ ...load, url: undefined, base64: 'e30=' }), undefined);
    assert.equal(parseToFlame({ ...load, source: 7 }), undefined);
    assert.deepEqual(parseToFlame({ type: 'failed', source: '/w/p', message: 'p: bad' }), {
      type: 'failed',
      source: '/w/p',
      message: 'p: bad',
    });
    assert.equal(parseToFlame({ type: 'status', source: '/w/p' }), undefined);
    assert.deepEqual(parseFlameState({ source: '/w/p' }), { source: '/w/p' });
    assert.equal(parseFlameState({ source: '' }), undefined);
    assert.equal(parseFlameState(null), undefined);
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        void parseFromFlame(raw);
        void parseToFlame(raw);
        void parseFlameState(raw);
      }),
      { numRuns: 1000 },
    );
  });
});

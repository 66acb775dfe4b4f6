import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CostIndex } from '../../../server/lsp/costIndex';
import { codeLensesFor, codeLensTitle, formatMs } from '../../../server/lsp/codeLens';

const cost = {
  name: 'putEntry',
  file: '/ws/src/adapter.ts',
  line: 12,
  selfMs: 123.456,
  totalMs: 2345.6,
  selfPct: 4.56,
  totalPct: 40.1,
  samples: 99,
  totalSamples: 1500,
};

describe('CodeLens from the cost index', () => {
  it('formats durations with sensible precision', () => {
    assert.equal(formatMs(0.04), '0.0 ms');
    assert.equal(formatMs(3.25), '3.3 ms');
    assert.equal(formatMs(123.456), '123 ms');
    assert.equal(formatMs(2345.6), '2.35 s');
  });

  it('titles carry self, total, shares and the sample count they rest on', () => {
    assert.equal(
      codeLensTitle(cost, 'run-1'),
      'PerfLens: self 123 ms (4.6%) · total 2.35 s (40.1%) · 99/1500 samples (self/total) · run-1',
    );
  });

  it('places a lens on the function line (1-based in the model, 0-based in LSP) only in its file', () => {
    const index = new CostIndex();
    index.put({
      info: { path: '/runs/run-1', kind: 'run', functionCount: 1, diagnostics: [] },
      functions: [cost],
    });
    const lenses = codeLensesFor('file:///ws/src/adapter.ts', index);
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].range.start.line, 11);
    assert.match(lenses[0].command!.title, /self 123 ms/);
    assert.deepEqual(codeLensesFor('file:///ws/src/other.ts', index), []);
    assert.deepEqual(codeLensesFor('untitled:Untitled-1', index), []);
  });

  it('reloading a source replaces its costs instead of adding duplicates', () => {
    const index = new CostIndex();
    const info = { path: '/runs/run-1', kind: 'run', functionCount: 1, diagnostics: [] };
    index.put({ info, functions: [cost] });
    index.put({ info, functions: [{ ...cost, selfMs: 1 }] });
    assert.equal(index.costsInFile('/ws/src/adapter.ts').length, 1);
    assert.equal(index.costsInFile('/ws/src/adapter.ts')[0].cost.selfMs, 1);
  });
});

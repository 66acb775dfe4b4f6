/**
 * extension/problemsModel.ts: a source's structured problems become Problems-panel entries at
 * the file and place they name (1-based line/column in → 0-based out).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { problemsByFile } from '../../../extension/problemsModel';

describe('problemsByFile', () => {
  it('places each problem at its file, line and column (1-based in, 0-based out)', () => {
    const m = problemsByFile('/runs/r1', false, [
      {
        severity: 'warning',
        file: '/runs/r1/script.log',
        line: 12,
        column: 3,
        message: 'truncated dump',
        expected: "'}' at column 1",
      },
      { severity: 'error', file: '/runs/r1/run.json', offset: 40, message: 'bad JSON' },
      { severity: 'warning', file: '/runs/r1/script.log', line: 1, message: 'no dumps' },
    ]);
    assert.deepEqual([...m.keys()].sort(), ['/runs/r1/run.json', '/runs/r1/script.log']);
    assert.deepEqual(m.get('/runs/r1/script.log'), [
      // line 12 → 11, column 3 → 2
      {
        severity: 'warning',
        line: 11,
        character: 2,
        message: "truncated dump (expected '}' at column 1)",
      },
      { severity: 'warning', line: 0, character: 0, message: 'no dumps' },
    ]);
    // No line: at the top of the file, with the byte offset in the text.
    assert.deepEqual(m.get('/runs/r1/run.json'), [
      { severity: 'error', line: 0, character: 0, message: 'bad JSON (byte 40)' },
    ]);
  });

  it('puts a problem that names no file on the opened source when it is a file, drops it for a folder', () => {
    const d = [{ severity: 'warning' as const, file: 'profiles', message: 'mixed units' }];
    assert.deepEqual(problemsByFile('/p/a.cpuprofile', true, d).get('/p/a.cpuprofile'), [
      { severity: 'warning', line: 0, character: 0, message: 'mixed units [profiles]' },
    ]);
    assert.equal(problemsByFile('/runs/r1', false, d).size, 0);
  });
});

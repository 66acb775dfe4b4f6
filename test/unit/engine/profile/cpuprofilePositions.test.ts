/**
 * A V8 `.cpuprofile` problem is placed at its line and column (as the editor shows it), not only
 * at a byte offset: checked on a pretty-printed profile whose places are counted by hand below,
 * fed whole, a byte at a time and in 7-byte chunks (so line feeds and failures straddle chunks).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CpuprofileScanner } from '../../../../engine/profile/importers/v8CpuprofileScanner';
import type { EngineDiagnostic } from '../../../../engine/diagnostics';

const LINES = [
  '{', // 1
  '  "nodes": [', // 2
  '    {"id": 1, "callFrame": {"functionName": "(root)", "url": "", "lineNumber": -1, "columnNumber": -1}, "children": [2]},', // 3
  '    {"id": 2, "callFrame": {"functionName": "f", "url": "file:///a.js", "lineNumber": 0, "columnNumber": 0}}', // 4
  '  ],', // 5
  '  "startTime": 0,', // 6
  '  "endTime": 3000,', // 7
  '  "samples": [2, 2,', // 8
  '    2, 2],', // 9
  '  "timeDeltas": [1000, 1000, 1000, 1000]', // 10
  '}', // 11
];

/** The problem the scanner reports for `text`, fed in chunks of `size` bytes (0: whole). */
function problemOf(text: string, size: number): EngineDiagnostic | undefined {
  const bytes = Buffer.from(text);
  const scanner = new CpuprofileScanner('p.cpuprofile', bytes.length);
  const step = size || bytes.length;
  // A fresh copy per chunk, reused afterwards as a reader's buffer would be.
  const buffer = Buffer.alloc(step);
  for (let at = 0; at < bytes.length; at += step) {
    const n = bytes.copy(buffer, 0, at, at + step);
    scanner.push(buffer.subarray(0, n));
    buffer.fill(0x20);
  }
  const r = scanner.end();
  return 'error' in r ? r.error : r.raw.incomplete;
}

function placeOf(text: string): Array<{ line?: number; column?: number }> {
  return [0, 1, 7].map((size) => {
    const d = problemOf(text, size);
    assert.ok(d, `a problem when fed in chunks of ${size || 'all'} bytes`);
    return { line: d.line, column: d.column };
  });
}

test('the pretty-printed profile itself reads without a problem', () => {
  for (const size of [0, 1, 7]) assert.equal(problemOf(LINES.join('\n'), size), undefined);
});

test('cut inside the samples: the end of the file, line 8 column 20', () => {
  // Lines 1–8 kept, no line feed after line 8. `  "samples": [2, 2,` is 2 spaces + 10
  // (`"samples":`) + 1 space + 6 (`[2, 2,`) = 19 characters, so the file ends at column 20.
  const cut = LINES.slice(0, 8).join('\n');
  assert.deepEqual(placeOf(cut), Array(3).fill({ line: 8, column: 20 }));
});

test('a stray letter in the samples: line 9 column 8', () => {
  // `    2, x],`: 4 spaces (columns 1–4), '2' 5, ',' 6, ' ' 7, 'x' 8.
  const lines = [...LINES];
  lines[8] = '    2, x],';
  assert.deepEqual(placeOf(lines.join('\n')), Array(3).fill({ line: 9, column: 8 }));
});

test("a missing ':' after a key: line 6 column 15, at the value", () => {
  // `  "startTime" 0,`: 2 spaces, `"startTime"` columns 3–13, ' ' 14, '0' 15.
  const lines = [...LINES];
  lines[5] = '  "startTime" 0,';
  assert.deepEqual(placeOf(lines.join('\n')), Array(3).fill({ line: 6, column: 15 }));
});

test('bad JSON inside a node (found by JSON.parse of the nodes batch): line 4 column 28', () => {
  // `    {"id": 2, "callFrame": oops}`: 4 spaces (1–4), '{' 5, `"id":` 6–10, ' ' 11, '2' 12,
  // ',' 13, ' ' 14, `"callFrame":` 15–26, ' ' 27, 'o' 28.
  const lines = [...LINES];
  lines[3] = '    {"id": 2, "callFrame": oops}';
  assert.deepEqual(placeOf(lines.join('\n')), Array(3).fill({ line: 4, column: 28 }));
});

test('Windows line ends (CR LF) count one line each', () => {
  // The same stray letter as above: CR is the last byte of each line, so columns do not move.
  const lines = [...LINES];
  lines[8] = '    2, x],';
  assert.deepEqual(placeOf(lines.join('\r\n')), Array(3).fill({ line: 9, column: 8 }));
});

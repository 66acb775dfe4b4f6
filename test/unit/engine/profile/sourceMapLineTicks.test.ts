/**
 * Line ticks through a source map: V8's `positionTicks` carry a generated line and no column, so
 * each generated line is mapped by its code, not by whatever its column 0 maps to. The map is
 * hand-made (decoded segments: generated column, source, source line, source column, 0-based),
 * shaped as esbuild writes them: the indentation of a line is mapped to where the previous line
 * left off.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TraceMap } from '@jridgewell/trace-mapping';
import { ProfileBuilder } from '../../../../engine/profile/builder';
import { lineCosts } from '../../../../engine/profile/lineCosts';
import { applySourceMaps } from '../../../../engine/profile/sourceMaps';

// a.ts, 1-based:
//  1 export class A {
//  2   other(): number {
//  3     return 1;
//  4   }
//  5
//  6   m(): number {
//  7     const s = `x
//  8 y`;
//  9     return s.length;
// 10   }
// 11 }
// gen.js, 1-based, and each line's segments:
const MAPPINGS: number[][][] = [
  [[0, 0, 0, 0]], //                          1 `class A {`
  [[0, 0, 1, 2]], //                          2 `  other() {`
  [[0, 0, 2, 4]], //                          3 `    return 1;`          → a.ts 3
  [
    [0, 0, 2, 13],
    [2, 0, 3, 2],
  ], //                                       4 `  }`                     (ends on a.ts 4:3)
  [
    [0, 0, 3, 2], // the indentation: continues line 4's last mapping (a.ts 4, the `}`)
    [2, 0, 5, 2], // `m`: a.ts 6
    [3, 0, 5, 3],
  ], //                                       5 `  m() {`
  [
    [0, 0, 6, 4],
    [14, 0, 6, 14],
  ], //                                       6 `    const s = \`x`      → a.ts 7
  [[0, 0, 6, 14]], //                         7 `y\`;` only continues the template → a.ts 7
  [[0, 0, 8, 4]], //                          8 `    return s.length;`  → a.ts 9
  [
    [0, 0, 8, 20],
    [2, 0, 9, 2],
  ], //                                       9 `  }`
  [[0, 0, 10, 0]], //                        10 `}`
  [[0, 1, 0, 0]], //                         11 code of b.ts
];

test('line ticks map each generated line by its code, and ticks outside their function are dropped', () => {
  const map = new TraceMap({
    version: 3,
    sources: ['a.ts', 'b.ts'],
    names: [],
    mappings: MAPPINGS as never,
  });
  const b = new ProfileBuilder('milliseconds');
  const root = b.frame({ name: '(root)' });
  // V8 places `m` at its name: gen.js line 5, column 3 (1-based) → a.ts line 6.
  const m = b.frame({ name: 'm', file: 'gen.js', line: 5, column: 3 });
  const node = b.stack([root, m]);
  for (let i = 0; i < 12; i++) b.sample(node, 1);
  // Generated line → ticks, and where each should land:
  b.addLineTicks(node, 5, 4); // a.ts 6 (`m(): number {`), not a.ts 4 (the `}` of `other`)
  b.addLineTicks(node, 6, 2); // a.ts 7
  b.addLineTicks(node, 7, 1); // a.ts 7 (the template's continuation)
  b.addLineTicks(node, 8, 3); // a.ts 9
  b.addLineTicks(node, 3, 1); // a.ts 3: above m's first line (6) → dropped
  b.addLineTicks(node, 11, 1); // b.ts: another file than m's → dropped
  const model = b.build({ format: 'test', name: 'hand-made' });

  const mapped = applySourceMaps(model, (file) => (file === 'gen.js' ? map : undefined));
  const fn = mapped.frames.find((f) => f.name === 'm');
  assert.deepEqual([fn?.file, fn?.line], ['a.ts', 6]);
  const lines = lineCosts(mapped)
    .map((l) => ({ file: l.file, line: l.line, ticks: l.ticks, function: l.function }))
    .sort((x, y) => x.line - y.line);
  // The function's start (a.ts 6:3) rides along, for a reader that knows where it ends.
  const at = { line: 6, column: 3 };
  assert.deepEqual(lines, [
    { file: 'a.ts', line: 6, ticks: 4, function: at },
    { file: 'a.ts', line: 7, ticks: 3, function: at },
    { file: 'a.ts', line: 9, ticks: 3, function: at },
  ]);
  // 12 samples of 1 ms, all self time of `m`, split over the 10 ticks kept: 12 × 4/10 = 4.8,
  // 12 × 3/10 = 3.6 (line 7's two entries, 2 and 1 ticks, sum to 3.6 up to rounding).
  assert.deepEqual(
    lineCosts(mapped)
      .map((l) => [l.line, Number(l.self.toFixed(9))])
      .sort((x, y) => x[0] - y[0]),
    [
      [6, 4.8],
      [7, 3.6],
      [9, 3.6],
    ],
  );
});

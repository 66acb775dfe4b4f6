/**
 * Line heat keeps a line's ticks only inside the function they were counted in: the server knows
 * each function's span from its parse, so a tick a source map put below its function's end (in
 * the next function, on a closing bracket) is dropped rather than painted on a line that never ran.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProfileBuilder } from '../../../engine/profile/builder';
import { buildInlineCosts } from '../../../engine/inline/costGroups';
import { InlineCostsService } from '../../../server/lsp/inlineCosts';
import { parse } from '../../../server/worker/jobs';

const SOURCE = [
  'export function a(): number {', //  1
  '  let x = 0;', //                    2
  '  for (let i = 0; i < 9; i++) x += i;', // 3
  '  return x;', //                     4
  '}', //                               5
  '', //                                6
  'export function b(): number {', //  7
  '  return 2;', //                     8
  '}', //                               9
].join('\n');

test('line heat drops ticks that lie outside the span of the function they were counted in', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'perflens-heat-'));
  try {
    const file = join(dir, 'hot.ts');
    writeFileSync(file, SOURCE);
    const b = new ProfileBuilder('milliseconds');
    const root = b.frame({ name: '(root)' });
    const nodeA = b.stack([root, b.frame({ name: 'a', file, line: 1, column: 17 })]);
    const nodeB = b.stack([root, b.frame({ name: 'b', file, line: 7, column: 17 })]);
    for (let i = 0; i < 8; i++) b.sample(nodeA, 1);
    for (let i = 0; i < 2; i++) b.sample(nodeB, 1);
    b.addLineTicks(nodeA, 3, 5);
    b.addLineTicks(nodeA, 4, 1);
    b.addLineTicks(nodeA, 8, 2); // below a's last line (5): dropped
    b.addLineTicks(nodeB, 8, 2); // inside b (7–9): kept
    const costs = buildInlineCosts([b.build({ format: 'test', name: 'hand-made' })]);
    const inline = new InlineCostsService((job) => parse({ kind: 'parse', ...job }));
    inline.setSource({ path: dir, costs, counters: [], counterProcesses: 0 });
    const heat = (await inline.lineHeat(file, undefined)).sort((x, y) => x.line - y.line);
    // a: 8 ms of self time over 8 ticks (5 + 1 + 2), 1 ms a tick, its 2 ticks on line 8 dropped;
    // b: 2 ms over its 2 ticks on line 8. Shares of the 10 ms profile.
    assert.deepEqual(
      heat.map((h) => ({ line: h.line, ticks: h.ticks, self: h.self, pct: h.pct })),
      [
        { line: 3, ticks: 5, self: 5, pct: 50 },
        { line: 4, ticks: 1, self: 1, pct: 10 },
        { line: 8, ticks: 2, self: 2, pct: 20 },
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

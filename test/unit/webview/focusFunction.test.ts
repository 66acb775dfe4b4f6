/** Which Functions row a clicked CodeLens stands for (webview/logic/focusFunction.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FunctionData } from '../../../protocol/sourceData';
import { functionRowOf } from '../../../webview/logic/focusFunction';
import { parseToWebview } from '../../../protocol/webview';

function rows(
  list: { name: string; file: string | null; line: number | null; owner?: string }[],
): FunctionData {
  const n = list.length;
  return {
    unit: 'ms',
    totalSamples: n,
    totalMs: n,
    profiles: [],
    names: list.map((r) => r.name),
    files: list.map((r) => r.file),
    lines: list.map((r) => r.line),
    selfCost: new Array<number>(n).fill(1),
    totalCost: new Array<number>(n).fill(1),
    selfPct: new Array<number>(n).fill(1),
    totalPct: new Array<number>(n).fill(1),
    selfSamples: new Array<number>(n).fill(1),
    totalSamplesOf: new Array<number>(n).fill(1),
    natives: list.map((r) =>
      r.owner ? { modulePath: 'x0x::gossip::pubsub', owner: r.owner, name: r.name } : null,
    ),
  };
}

test('a lens finds its row by name, then file, then the nearest line', () => {
  const f = rows([
    { name: 'putEntries', file: '/w/src/orbitdb-adapter.ts', line: 39 },
    { name: 'putEntry', file: '/w/src/other.ts', line: 22 },
    { name: 'putEntry', file: '/w/src/orbitdb-adapter.ts', line: 80 },
    { name: 'putEntry', file: '/w/src/orbitdb-adapter.ts', line: 22 },
  ]);
  // Same name in another file (1) and farther in the same file (2): row 3 fits best.
  assert.equal(
    functionRowOf(f, { name: 'putEntry', file: '/ws/src/orbitdb-adapter.ts', line: 22 }),
    3,
  );
  assert.equal(functionRowOf(f, { name: 'putEntry', file: '/ws/src/other.ts', line: 1 }), 1);
  // `putEntries` is not `putEntry`, and no row is `send`.
  assert.equal(functionRowOf(f, { name: 'send' }), undefined);
});

test('a qualified profile name and a Rust impl owner count as the owner named', () => {
  const f = rows([
    { name: 'TopicRouter::handle_incoming', file: null, line: null, owner: 'TopicRouter' },
    { name: 'PubSubManager::handle_incoming', file: null, line: null, owner: 'PubSubManager' },
    { name: 'Wallet.send', file: '/w/a.ts', line: 5 },
  ]);
  assert.equal(functionRowOf(f, { name: 'handle_incoming', owner: 'PubSubManager' }), 1);
  assert.equal(functionRowOf(f, { name: 'handle_incoming', owner: 'TopicRouter' }), 0);
  assert.equal(functionRowOf(f, { name: 'send', owner: 'Wallet' }), 2);
});

test('the focus message is validated in the page', () => {
  assert.deepEqual(parseToWebview({ type: 'focus', fn: { name: 'putEntry', line: 22, x: 1 } }), {
    type: 'focus',
    fn: { name: 'putEntry', line: 22 },
  });
  assert.equal(parseToWebview({ type: 'focus', fn: { line: 22 } }), undefined);
  assert.equal(parseToWebview({ type: 'focus' }), undefined);
});

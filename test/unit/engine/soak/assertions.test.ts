/** PASS/FAIL counting in script.log with default and custom patterns. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { countAssertions } from '../../../../engine/soak/assertions';

const FIX = path.resolve(__dirname, '../../../fixtures');

test('default patterns count the soak script lines of a real run', () => {
  const text = readFileSync(
    path.join(FIX, 'soak-runs', 'node-20', 'two-wallets', 'run-1', 'script.log'),
    'utf8',
  );
  const c = countAssertions(text);
  assert.equal(c.pass, text.split('\n').filter((l) => l.startsWith('PASS')).length);
  assert.equal(c.fail, 0);
});

test('failures are listed with their line; custom patterns replace the defaults', () => {
  const text = 'ok 1 - a\nnot ok 2 - b\nPASS: c\nFAIL: d\n';
  const d = countAssertions(text);
  assert.deepEqual([d.pass, d.fail, d.failures[0].line], [1, 1, 4]);
  const tap = countAssertions(text, { pass: /^ok \d/, fail: /^not ok \d/ });
  assert.deepEqual([tap.pass, tap.fail, tap.failures[0].text], [1, 1, 'not ok 2 - b']);
});

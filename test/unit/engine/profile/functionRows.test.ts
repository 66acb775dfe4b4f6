/** The rows the CLI and the panel share; and the text-size guard. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFunctionRows } from '../../../../engine/profile/functionRows';
import { decodeChunks } from '../../../../engine/profile/textInput';
import { fixture } from './snapshot';

test('rows carry what CodeLens needs: original file, 1-based line, ms and the sample basis', async () => {
  const dir = fixture('v8-cpuprofile/node-20/esbuild-sourcemap-inline');
  const rows = await loadFunctionRows(join(dir, 'app.cpuprofile'));
  const ts = readFileSync(join(dir, 'app.ts'), 'utf8').split('\n');
  const placed = rows.functions.filter(
    (r): r is typeof r & { file: string; line: number; selfMs: number; totalMs: number } =>
      r.file !== null && r.line !== null && r.selfMs !== null && r.totalMs !== null,
  );
  const verify = placed.find((c) => c.name === 'verify')!;
  assert.equal(verify.file, join(dir, 'app.ts'));
  assert.match(ts[verify.line - 1], /function verify\(/);
  assert.ok(verify.samples! > 0 && verify.totalMs >= verify.selfMs);
});

test('text formats refuse inputs past the string limit with a clear error instead of crashing', () => {
  const chunk = new Uint8Array(1000).fill(0x61);
  const r = decodeChunks('big.folded', [chunk, chunk, chunk], 'folded-stacks', 2500);
  assert.ok('error' in r);
  if ('error' in r) {
    assert.equal(r.error.severity, 'error');
    assert.match(r.error.message, /larger than the 2500-character limit/);
  }
  const ok = decodeChunks('small.folded', [chunk], 'folded-stacks', 2500);
  assert.ok('text' in ok && ok.text.length === 1000);
});

/**
 * A broken run.json is reported at its line and column by the run reader itself, so every reader
 * of a run folder (the comparison, the soak report, the editor) gets the same place.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { readRunFolder } from '../../../../engine/soak/readRunFolder';

test('run.json with a stray character: the warning names its line and column, not byte 0', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'perflens-runjson-'));
  // Line 1 `{`, line 2 `  "pid": 12,`, line 3 `  "cwd": /tmp`: the `/` is the 10th character of
  // line 3 (two spaces, `"cwd"` is 5, `:` and a space make 9), so 3:10.
  writeFileSync(path.join(dir, 'run.json'), '{\n  "pid": 12,\n  "cwd": /tmp\n}\n');
  writeFileSync(path.join(dir, 'script.log'), 'hello\n');
  const run = await readRunFolder(dir);
  const d = run.diagnostics.find((x) => x.file.endsWith('run.json'));
  assert.ok(d, 'a diagnostic for run.json');
  assert.equal(d.severity, 'warning');
  assert.match(d.message, /^not valid JSON \(.*\); ignored$/);
  assert.deepEqual([d.line, d.column, d.offset], [3, 10, undefined]);
  assert.equal(run.manifest, undefined);
  assert.ok(run.present.includes('script.log'), 'the rest of the run is still read');
});

test('run.json cut off mid-object: placed at the end of the text', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'perflens-runjson-'));
  // `{` on line 1, `  "pid": 12,` (12 characters) on line 2 and nothing after: the text ends at
  // line 2, column 13 (just past the comma).
  writeFileSync(path.join(dir, 'run.json'), '{\n  "pid": 12,');
  const run = await readRunFolder(dir);
  const d = run.diagnostics.find((x) => x.file.endsWith('run.json'));
  assert.ok(d);
  assert.deepEqual([d.line, d.column], [2, 13]);
});

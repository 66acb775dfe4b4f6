/** Run folder names in the editor: sortable by time, and unique when two runs share a second. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runFolderName, uniqueRunFolder } from '../../../extension/run/runFolders';

describe('extension: run folders', () => {
  const now = new Date('2026-12-02T12:00:00.500Z');
  // By hand: ISO time without milliseconds, ':' → '-', then the label lower-cased,
  // non-alphanumerics → '-'.
  const base = '2026-12-02T12-00-00-npm-run-soak';

  it('names a folder by time and label', () => {
    assert.equal(runFolderName('npm run soak', now), base);
  });

  it('adds -2, -3… when runs of the same target start within one second', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'perflens-runfolders-'));
    const first = uniqueRunFolder(root, 'npm run soak', now);
    assert.equal(first, path.join(root, base));
    fs.mkdirSync(first);
    const second = uniqueRunFolder(root, 'npm run soak', now);
    assert.equal(second, path.join(root, `${base}-2`));
    fs.mkdirSync(second);
    assert.equal(uniqueRunFolder(root, 'npm run soak', now), path.join(root, `${base}-3`));
  });
});

/**
 * The server's flame data: a compact speedscope file on disk whose path is all that travels,
 * reused while the profile is unchanged, and a clear message (file and place) for bad input.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFlameData } from '../../../server/views/flameData';
import { formatDiagnostic } from '../../../protocol/diagnostics';
import { fixture } from '../engine/profile/snapshot';

const HOT = fixture('v8-cpuprofile/node-20/hot-loop/hot.cpuprofile');

describe('flame data as a file (perflens/flameData)', () => {
  it('writes the compact file into the cache folder and returns only its path', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'perflens-flame-'));
    const data = await buildFlameData(HOT, cache);
    assert.equal(data.title, 'hot.cpuprofile');
    assert.equal(data.profiles, 1);
    assert.ok(data.file?.startsWith(cache), data.file);
    const file = JSON.parse(readFileSync(data.file!, 'utf8')) as {
      name: string;
      profiles: { type: string; events: unknown[] }[];
    };
    assert.equal(file.name, 'hot.cpuprofile');
    assert.equal(file.profiles[0].type, 'evented');
    assert.equal(data.bytes, statSync(data.file!).size);
    assert.equal(JSON.stringify(data).length < 1000, true, 'the response holds no profile data');
  });

  it('reuses the file while the profile is unchanged, and rebuilds when it changes', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'perflens-flame-'));
    const dir = mkdtempSync(join(tmpdir(), 'perflens-prof-'));
    const copy = join(dir, 'p.cpuprofile');
    copyFileSync(HOT, copy);
    const first = await buildFlameData(copy, cache);
    const written = statSync(first.file!).mtimeMs;
    const again = await buildFlameData(copy, cache);
    assert.equal(again.file, first.file);
    assert.equal(statSync(again.file!).mtimeMs, written, 'not rewritten');
    utimesSync(copy, new Date(), new Date(Date.now() + 5000));
    const changed = await buildFlameData(copy, cache);
    assert.notEqual(changed.file, first.file);
    assert.equal(readdirSync(cache).filter((n) => n.endsWith('.speedscope.json')).length, 2);
  });

  it('a broken profile: no file, and a message naming the file, its line and column, and the byte offset', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'perflens-flame-'));
    const bad = fixture('v8-cpuprofile/hand-made/truncated/truncated-in-nodes.cpuprofile');
    const data = await buildFlameData(bad, cache);
    assert.equal(data.file, undefined);
    assert.equal(data.profiles, 0);
    // Structured, naming the file by the path given (not its bare name), the byte, and the
    // place: the file is 9000 bytes on one line (no line feed), cut there, so line 1 column 9001.
    const d = data.diagnostics[0];
    assert.equal(d.file, bad);
    assert.equal(d.severity, 'error');
    assert.equal(d.offset, 9000);
    assert.match(formatDiagnostic(d), /truncated-in-nodes\.cpuprofile:1:9001: error:/);
  });

  it('a missing file: a message naming it', async () => {
    const data = await buildFlameData('/nonexistent/x.cpuprofile', tmpdir());
    assert.equal(data.file, undefined);
    assert.equal(data.diagnostics[0].file, '/nonexistent/x.cpuprofile');
    assert.equal(data.diagnostics[0].severity, 'error');
    assert.match(data.diagnostics[0].message, /ENOENT/);
  });
});

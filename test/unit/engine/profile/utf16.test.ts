/**
 * UTF-16 text files with a byte-order mark (issue 13), as PowerShell 5's `>` and some Windows
 * tools write them. The fixtures are real profiles of this corpus re-encoded by glibc iconv 2.36
 * (`iconv -f UTF-8 -t UTF-16LE|UTF-16BE`, BOM prepended); the reference for each is the UTF-8
 * original it was made from: both must read to the same profile.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfileFile } from '../../../../engine/profile/loadProfileFile';
import { toFoldedNormalForm } from '../../../../engine/profile/foldedNormalForm';
import { ToUtf8 } from '../../../../engine/textEncoding';
import { checkProfileSnapshot, fixture } from './snapshot';

const pairs: [string, string][] = [
  [
    'utf16/glibc-iconv-2.36/folded-le/x0x.folded',
    'folded/perf-6.1-stackcollapse/rust-dwarf/x0x.folded',
  ],
  [
    'utf16/glibc-iconv-2.36/perf-script-be/x0x.perf.txt',
    'perf-script/perf-6.1/rust-v0-mangled/x0x.perf.txt',
  ],
  [
    'utf16/glibc-iconv-2.36/cpuprofile-le/hot.cpuprofile',
    'v8-cpuprofile/node-20/hot-loop/hot.cpuprofile',
  ],
  [
    'utf16/glibc-iconv-2.36/speedscope-be/evented.speedscope.json',
    'speedscope/hand-made/evented/evented.speedscope.json',
  ],
];

for (const [utf16, original] of pairs) {
  test(`${utf16} reads as its UTF-8 original ${original}`, async () => {
    const a = await checkProfileSnapshot(utf16); // also: sniffed without the name, 7-byte chunks
    const b = await loadProfileFile(fixture(original), { sourceMaps: false });
    const forms = (r: typeof b): string[] => r.profiles.map((p) => toFoldedNormalForm(p));
    assert.ok(a.profiles.length > 0);
    assert.deepEqual(forms(a), forms(b));
    assert.deepEqual(a.diagnostics.length, b.diagnostics.length);
  });
}

test('a PowerShell-style folded file (UTF-16LE, BOM, CRLF) — hand case', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'perflens-utf16-'));
  const path = join(dir, 'stacks.folded');
  // 'ü' and '😀' (a surrogate pair) check non-ASCII survives.
  const text = 'main;bücher 3\r\nmain;emoji😀 2\r\nmain;bücher 4\r\n';
  writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const r = await loadProfileFile(path, { chunkSize: 3 }); // odd chunks split UTF-16 units
  assert.deepEqual(r.diagnostics, []);
  // main;bücher: 3 + 4 = 7 samples; main;emoji😀: 2; total 7 + 2 = 9.
  assert.equal(
    toFoldedNormalForm(r.profiles[0], 0),
    '# folded samples total=9 records=3\nmain;bücher 7\nmain;emoji😀 2\n',
  );
});

test('ToUtf8: a surrogate pair split byte by byte comes out whole', () => {
  // U+1F600 in UTF-16BE is D8 3D DE 00; in UTF-8 F0 9F 98 80. BOM FE FF first.
  const t = new ToUtf8({ encoding: 'utf-16be', length: 2 });
  const out: number[] = [];
  for (const b of [0xfe, 0xff, 0xd8, 0x3d, 0xde, 0x00]) out.push(...t.push(new Uint8Array([b])));
  out.push(...t.end());
  assert.deepEqual(out, [0xf0, 0x9f, 0x98, 0x80]);
});

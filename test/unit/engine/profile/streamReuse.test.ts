/**
 * The loader reads a file through one reused buffer, so a stream parser must copy whatever it
 * keeps across `push` calls (a `Buffer#slice` is a view, not a copy). Each stream parser is fed
 * one file through a single Buffer overwritten after every push, in chunks small enough that
 * every array spans many of them, and must give what it gives for the whole file at once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ImportResult } from '../../../../engine/profile/importer';
import { importers } from '../../../../engine/profile/registry';
import { fixture } from './snapshot';
import { weightsInUnit } from '../../../../engine/profile/sampleWeights';

function plain(r: ImportResult): unknown {
  if (r.kind !== 'profiles') return r;
  return r.profiles.map((m) => ({
    frames: m.frames,
    parentOf: [...m.stacks.parentOf],
    sampleStack: [...m.sampleStack],
    sampleWeight: [...weightsInUnit(m.sampleWeight)],
    diagnostics: m.diagnostics,
  }));
}

const FILES: Record<string, string> = {
  'v8-cpuprofile': 'v8-cpuprofile/node-20/hot-loop/hot.cpuprofile',
  speedscope: 'speedscope/hand-made/evented/evented.speedscope.json',
};

for (const imp of importers.filter((i) => i.createStreamParser))
  test(`${imp.id}: chunks in one reused buffer read like the whole file`, () => {
    assert.ok(FILES[imp.id], `a file for ${imp.id}`);
    const bytes = readFileSync(fixture(FILES[imp.id]));
    const whole = imp.createStreamParser!('f', bytes.length);
    whole.push(bytes);
    const expected = plain(whole.end());
    for (const size of [7, 64, 1000]) {
      const p = imp.createStreamParser!('f', bytes.length);
      const buf = Buffer.allocUnsafe(size);
      for (let at = 0; at < bytes.length; at += size) {
        const n = bytes.copy(buf, 0, at, at + size);
        p.push(buf.subarray(0, n));
        buf.fill(0x7b); // what the next read would overwrite
      }
      assert.deepStrictEqual(plain(p.end()), expected, `chunks of ${size}`);
    }
  });

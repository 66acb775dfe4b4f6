/**
 * `cpuprofileToModel`, split into named steps with its sample pass run in blocks, builds exactly
 * the models the single function built before (kept as the oracle in cpuprofileModelBefore.ts;
 * its numbers are checked by hand in v8Cpuprofile.test.ts): frames, call tree, line ticks, every
 * sample's stack and weight bit for bit, totals, windows and every warning — on every cpuprofile
 * fixture, on the fuzz test's mutations of them (broken trees, cycles, ids that point nowhere,
 * negative and huge deltas, truncation), and on a synthetic profile long enough to cross many
 * blocks of the sample pass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCpuprofile } from '../../../../bench/syntheticCpuprofile';
import type { ImportResult } from '../../../../engine/profile/importer';
import { cpuprofileToModel } from '../../../../engine/profile/importers/v8Cpuprofile';
import { CpuprofileScanner } from '../../../../engine/profile/importers/v8CpuprofileScanner';
import { cpuprofileToModelBefore } from './cpuprofileModelBefore';
import { MUTATIONS, rng, structuralBoundaries } from './fuzz/mutations';
import { FIXTURES } from './snapshot';
import { weightsInUnit } from '../../../../engine/profile/sampleWeights';

/** Scans the bytes afresh (the model step reuses the scanned `samples` array in place). */
function scanned(bytes: Uint8Array): ReturnType<CpuprofileScanner['end']> {
  const s = new CpuprofileScanner('t.cpuprofile', bytes.length);
  s.push(bytes);
  return s.end();
}

function plain(res: ImportResult): unknown {
  if (res.kind !== 'profiles') return res;
  return {
    diagnostics: res.diagnostics,
    profiles: res.profiles.map((m) => ({
      ...m,
      stacks: {
        parentOf: [...m.stacks.parentOf],
        frameOf: [...m.stacks.frameOf],
        depthOf: [...m.stacks.depthOf],
      },
      sampleStack: [...m.sampleStack],
      sampleWeight: [...weightsInUnit(m.sampleWeight)],
    })),
  };
}

/** Both builds of the same bytes; false when the scanner refused them (nothing to compare). */
function same(bytes: Uint8Array, where: string): boolean {
  const a = scanned(bytes);
  if ('error' in a) return false;
  const b = scanned(bytes);
  if ('error' in b) return false;
  assert.deepStrictEqual(
    plain(cpuprofileToModel('t.cpuprofile', a.raw)),
    plain(cpuprofileToModelBefore('t.cpuprofile', b.raw)),
    where,
  );
  return true;
}

function cpuprofileFixtures(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? cpuprofileFixtures(join(dir, d.name))
      : d.name.endsWith('.cpuprofile') && !dir.includes('utf16')
        ? [join(dir, d.name)]
        : [],
  );
}

test('the split model step = the single function on every cpuprofile fixture and 600 mutants', () => {
  const files = cpuprofileFixtures(FIXTURES).map((f) => readFileSync(f, 'utf8'));
  assert.ok(files.length >= 5);
  let compared = 0;
  for (const [k, text] of files.entries())
    if (same(new TextEncoder().encode(text), `fixture ${k}`)) compared++;
  for (let k = 0; k < 600; k++) {
    const r = rng(31 + k);
    const seed = files[k % files.length];
    const [kind, mutate] = MUTATIONS[k % MUTATIONS.length];
    const m = mutate(seed, r, structuralBoundaries(seed));
    if (same(new TextEncoder().encode(m.text), `case ${k} (${kind}: ${m.label})`)) compared++;
  }
  assert.ok(compared > 150, `${compared} inputs scanned and compared`);
});

test('the split model step = the single function on a 2 MB profile (hundreds of sample blocks)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perflens-cpu-'));
  const file = join(dir, 'synthetic.cpuprofile');
  generateCpuprofile(file, 2 * 1024 * 1024);
  const bytes = readFileSync(file);
  rmSync(dir, { recursive: true });
  assert.ok(same(bytes, 'synthetic'));
});

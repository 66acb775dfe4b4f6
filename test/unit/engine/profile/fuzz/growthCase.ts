/**
 * One importer on one fuzz mutant as the fuzz test runs it: the import as the loader does it
 * (streamed in uneven chunks when the importer streams), and for a mutant that grows its input,
 * the linear-growth check of `growth.ts` over its ladder (none, 1/16, 1/8, 1/4, 1/2 and all of its
 * growth). Shared by the fuzz test and the test of the check itself, so the planted quadratic
 * importer there goes through exactly what every real importer goes through here.
 */
import type { ImportResult, ProfileImporter } from '../../../../../engine/profile/importer';
import { climbLadder, type GrowthOptions, type GrowthVerdict } from './growth';
import { rng, type Mutant } from './mutations';

/**
 * A marginal cost per character that rises more than 1.4 times three times in a row
 * (measured 3 more times to be sure) is not linear: linear work keeps it (1), quadratic work
 * doubles it per doubling of the growth; the bound sits between.
 */
export const GROWTH: GrowthOptions = { limit: 1.4, repeats: 3 };

/** The import as the loader does it: streamed in uneven chunks when the importer streams. */
export function runImport(
  imp: ProfileImporter,
  fileName: string,
  text: string,
  r: () => number,
  binary = false,
): ImportResult {
  const bytes = binary ? Buffer.from(text, 'latin1') : new TextEncoder().encode(text);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length;) {
    const n = 1 + Math.floor(r() * (r() < 0.2 ? 16 : 65536));
    chunks.push(bytes.subarray(at, at + n));
    at += n;
  }
  if (imp.createStreamParser) {
    const p = imp.createStreamParser(fileName, bytes.length);
    for (const c of chunks) p.push(c);
    return p.end();
  }
  return imp.parse({ fileName, chunks });
}

export type CaseRun =
  | { readonly threw: string }
  | { readonly notLinear: string }
  | { readonly result: ImportResult; readonly judged: number };

/**
 * Imports mutant `m` of fixture `fileName`; a growing mutant climbs its ladder first (the whole
 * mutant is its last rung), so a quadratic importer is stopped on a small input. `chunkSeed`: the
 * same chunk sizes for the mutant and its smaller forms.
 */
export function runCase(
  imp: ProfileImporter,
  fileName: string,
  m: Mutant,
  chunkSeed: number,
  binary = false,
  growth: GrowthOptions = GROWTH,
): CaseRun {
  const importOnce = (text: string): ImportResult =>
    runImport(imp, fileName, text, rng(chunkSeed), binary);
  let result: ImportResult | undefined;
  let judged = 0;
  try {
    if (m.scaled) {
      const ladder = [0, 1 / 16, 1 / 8, 1 / 4, 1 / 2].map((f) => m.scaled!(f));
      const climbed = climbLadder(
        (text) => {
          const r = importOnce(text);
          if (text === m.text) result = r;
        },
        [...ladder, m.text],
        growth,
        (factor) => m.scaled!(factor),
      );
      judged = climbed.judged;
      if (climbed.failed) return { notLinear: describe(climbed.failed) };
    }
    return { result: result ?? importOnce(m.text), judged };
  } catch (e) {
    return { threw: (e as Error).stack ?? String(e) };
  }
}

function describe(v: GrowthVerdict): string {
  const ms = v.importMs.map((t) => t.toFixed(1)).join(' → ');
  const costs = v.marginal.map((m) => m.toFixed(1)).join(' → ');
  return (
    `growth ${v.chars.join(' → ')} characters: each character added cost ${costs} reference ` +
    `characters on its parts, rising over ${GROWTH.limit}× on each ` +
    `(import ${ms} ms CPU): not linear`
  );
}

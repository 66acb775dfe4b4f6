/**
 * Fuzz test over every importer in the registry (issue 13): seeded random mutations of the real
 * fixtures each importer claims — truncation at structural boundaries, random bytes, huge and
 * negative numbers, rewired ids (cycles, ids that point nowhere), repeated segments (deep
 * nesting, huge arrays), very long names and lines, control characters. Every case must give a
 * result without throwing, a sound model, and no absurd number without a warning; the report
 * built from it must format. Importers added to the registry join automatically (their fixtures
 * are found by the registry's own choice), and one without a fixture fails the test.
 *
 * Fixed seed; `PERFLENS_FUZZ_SEED` / `PERFLENS_FUZZ_CASES` replay or widen a run. A time budget
 * (`PERFLENS_FUZZ_BUDGET_MS`, default 40 s) stops generating new cases on a slow machine; it is a
 * limit on work, not an assertion.
 *
 * Slowness is judged by growth, not by a clock limit (`fuzz/growth.ts`, run per case by
 * `fuzz/growthCase.ts`): a case whose mutation grows the input (a repeated segment, a long run) is
 * imported with none, 1/16, 1/8, 1/4, 1/2 and all of its growth, each import timed in CPU time and
 * counted in characters of a linear reference pass over the same input measured right after it.
 * The marginal cost per added character of each part of the growth may not rise over 1.4 times
 * the part before's three times in a row (linear: 1; quadratic: 2 on every part); a rise is
 * measured 3 more times, in rounds, and judged on the least runs. No step is too quick to judge.
 * An endless loop shows as the test's timeout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { chooseImporter, importers } from '../../../../engine/profile/registry';
import { functionRows } from '../../../../engine/profile/functionRows';
import { formatProfileTable } from '../../../../engine/report/profileReport';
import { problemsOf } from './fuzz/invariants';
import { runCase } from './fuzz/growthCase';
import { MUTATIONS, rng, structuralBoundaries } from './fuzz/mutations';
import { FIXTURES } from './snapshot';

const SEED = Number(process.env.PERFLENS_FUZZ_SEED ?? 20261202);
const CASES_PER_IMPORTER = Number(process.env.PERFLENS_FUZZ_CASES ?? 300);
const BUDGET_MS = Number(process.env.PERFLENS_FUZZ_BUDGET_MS ?? 40_000);
/** Seeds are cut to this size at a line end (for line formats) so each case stays cheap. */
const MAX_SEED_CHARS = 32 * 1024;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
  );
}

/** Every fixture an importer claims by name and content, as the registry would choose. */
function seedsByImporter(): Map<string, { file: string; text: string; binary?: true }[]> {
  const out = new Map<string, { file: string; text: string; binary?: true }[]>(
    importers.map((i) => [i.id, []]),
  );
  for (const file of walk(FIXTURES)) {
    if (statSync(file).size > 4 * 1024 * 1024) continue;
    const bytes = readFileSync(file);
    // Binary formats (pprof) are mutated as latin1 text: one character per byte, so the mutations
    // work on bytes and runImport writes them back unchanged.
    const binaryImporter = importers.find(
      (i) =>
        i.sniffBytes &&
        i.matchesName(basename(file)) &&
        i.sniffBytes(bytes.subarray(0, 4096)) === null,
    );
    if (binaryImporter) {
      out.get(binaryImporter.id)!.push({
        file: relative(FIXTURES, file),
        text: bytes.toString('latin1'),
        binary: true,
      });
      continue;
    }
    let text = bytes.toString('utf8');
    const c = chooseImporter(basename(file), text.slice(0, 4096));
    if (!('importer' in c) || c.by !== 'name+content') continue;
    if (text.length > MAX_SEED_CHARS && !text.trimStart().startsWith('{'))
      text = text.slice(0, text.lastIndexOf('\n', MAX_SEED_CHARS) + 1);
    out.get(c.importer.id)!.push({ file: relative(FIXTURES, file), text });
  }
  return out;
}

const seeds = seedsByImporter();
const started = Date.now();
let totalCases = 0;
let growthCases = 0;
let growthSteps = 0;

for (const imp of importers) {
  test(`fuzz: ${imp.id}`, { timeout: 180_000 }, (t) => {
    const list = seeds.get(imp.id)!;
    assert.ok(list.length > 0, `importer ${imp.id} has no fixture under test/fixtures to mutate`);
    const failures: string[] = [];
    let cases = 0;
    const outcomes = new Map<string, number>();
    const budgetEach = BUDGET_MS / importers.length;
    const mine = Date.now();
    for (let k = 0; k < CASES_PER_IMPORTER; k++) {
      if (Date.now() - mine > budgetEach) break;
      const caseSeed = (SEED ^ Math.imul(k + 1, 0x9e3779b1) ^ (imp.id.length * 7919)) >>> 0;
      const r = rng(caseSeed);
      const seed = list[k % list.length];
      const [kind, mutate] = MUTATIONS[k % MUTATIONS.length];
      const m = mutate(seed.text, r, structuralBoundaries(seed.text));
      const where = `${imp.id} case ${k} (seed ${caseSeed}, ${seed.file}, ${kind}: ${m.label})`;
      cases++;
      // The same chunk sizes for the case and its smaller forms: one seed for all.
      const run = runCase(imp, seed.file, m, caseSeed ^ 0x5bd1e995, seed.binary);
      if ('threw' in run) {
        failures.push(`${where}: threw ${run.threw}`);
        continue;
      }
      if (m.scaled) growthCases++;
      if ('notLinear' in run) {
        failures.push(`${where}: ${run.notLinear}`);
        continue;
      }
      growthSteps += run.judged;
      const result = run.result;
      const outcome =
        result.kind === 'not-mine'
          ? 'declined'
          : result.diagnostics.some((d) => d.severity === 'error')
            ? 'error'
            : result.diagnostics.length > 0
              ? 'warned'
              : 'clean';
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      for (const p of problemsOf(result)) failures.push(`${where}: ${p}`);
      if (result.kind === 'profiles' && result.profiles.length > 0) {
        try {
          const rows = functionRows(result.profiles, seed.file);
          for (const f of rows.functions)
            if (!Number.isFinite(f.selfPct) || f.totalPct > 100.01 || f.selfPct < 0) {
              failures.push(
                `${where}: ${f.name.slice(0, 40)} has ${f.selfPct} % / ${f.totalPct} %`,
              );
              break;
            }
          formatProfileTable({
            path: seed.file,
            unit: rows.unit,
            processes: [],
            functions: rows.functions,
            totalSamples: rows.totalSamples,
            totalMs: rows.totalMs,
            diagnostics: [],
            engineDiagnostics: [],
          });
        } catch (e) {
          failures.push(`${where}: report threw ${(e as Error).stack ?? String(e)}`);
        }
      }
      if (failures.length >= 10) break;
    }
    totalCases += cases;
    t.diagnostic(
      `${imp.id}: ${cases} cases over ${list.length} fixtures — ${[...outcomes].map(([o, n]) => `${n} ${o}`).join(', ')}; ${failures.length} failures`,
    );
    assert.deepEqual(failures, []);
  });
}

test('fuzz: summary', () => {
  console.log(
    `importer fuzz: ${totalCases} cases (${growthCases} growing, also imported with none, 1/16, 1/8, 1/4 and 1/2 of their growth: ${growthSteps} steps judged), seed ${SEED}, ${Date.now() - started} ms`,
  );
  assert.ok(totalCases > 0);
});

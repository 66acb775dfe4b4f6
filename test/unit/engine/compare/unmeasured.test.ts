/**
 * An iteration whose machine.tsv has a header and no rows (an older run, or one that crashed before
 * the sampler's first interval) is "unmeasured": the comparison says so and never counts it as
 * quiet. Hand-made run folders: three baseline and three treatment iterations.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { compareSides } from '../../../../engine/compare/compare';
import { loadSide } from '../../../../engine/compare/loadSide';
import { comparisonMarkdown } from '../../../../engine/compare/markdown';

const HEADER = 'time\tcores\tmachine_busy_cores\trun_cores\tother_cores\n';

/** One 100 s iteration; `machine` is machine.tsv's text, or undefined for no file. */
function iteration(dir: string, machine: string | undefined): void {
  mkdirSync(dir, { recursive: true });
  const start = Date.UTC(2026, 11, 6, 10, 0, 0);
  writeFileSync(
    path.join(dir, 'run.json'),
    JSON.stringify({
      startTime: new Date(start).toISOString(),
      endTime: new Date(start + 100_000).toISOString(),
      exitCode: 0,
      status: 'completed',
    }),
  );
  if (machine !== undefined) writeFileSync(path.join(dir, 'machine.tsv'), machine);
}

test('header-only machine.tsv: "2 iteration(s) unmeasured", in JSON, text and Markdown; a quiet row and no file are not', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'perflens-unmeasured-'));
  const quiet = `${HEADER}1765015205000\t2\t0.6\t0.5\t0.1\n`; // 0.1 of 2 cores: quiet
  // Baseline: run-1 quiet, run-2 header only (unmeasured), run-3 no machine.tsv (not recorded).
  iteration(path.join(root, 'b', 'run-1'), quiet);
  iteration(path.join(root, 'b', 'run-2'), HEADER);
  iteration(path.join(root, 'b', 'run-3'), undefined);
  // Treatment: run-1 and run-3 quiet, run-2 header only (unmeasured).
  iteration(path.join(root, 't', 'run-1'), quiet);
  iteration(path.join(root, 't', 'run-2'), HEADER);
  iteration(path.join(root, 't', 'run-3'), quiet);
  const b = await loadSide(path.join(root, 'b'));
  const t = await loadSide(path.join(root, 't'));
  const c = compareSides(b.iterations, t.iterations);

  // Two unmeasured by hand: baseline/run-2 and treatment/run-2.
  assert.deepEqual(c.noise.unmeasured, { baseline: ['run-2'], treatment: ['run-2'] });
  assert.deepEqual(c.noise.flagged, { baseline: [], treatment: [] });
  const note = c.warnings.find((w) => /unmeasured/.test(w));
  assert.ok(note, `a noise note in ${JSON.stringify(c.warnings)}`);
  assert.match(
    note,
    /^2 iteration\(s\) unmeasured \(no machine\.tsv rows\): baseline\/run-2, treatment\/run-2; /,
  );
  assert.match(note, /not counted as quiet/);
  // JSON (what `perflens compare --json` prints) and Markdown (also its text output).
  const json = JSON.parse(JSON.stringify(c)) as { noise: { unmeasured: unknown } };
  assert.deepEqual(json.noise.unmeasured, { baseline: ['run-2'], treatment: ['run-2'] });
  assert.match(comparisonMarkdown(c), /> ⚠ 2 iteration\(s\) unmeasured \(no machine\.tsv rows\)/);
  // Kept in the statistics: 3 a side.
  assert.deepEqual(c.iterations, { baseline: 3, treatment: 3 });
});

test('--exclude-noisy does not treat an unmeasured iteration as noisy or quiet: it stays, and is said', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'perflens-unmeasured-'));
  for (const s of ['b', 't']) {
    iteration(path.join(root, s, 'run-1'), HEADER);
    iteration(path.join(root, s, 'run-2'), `${HEADER}1765015205000\t2\t2\t0.5\t1.5\n`); // 1.5 > 1
  }
  const b = await loadSide(path.join(root, 'b'));
  const t = await loadSide(path.join(root, 't'));
  const c = compareSides(b.iterations, t.iterations, { excludeNoisy: true });
  assert.deepEqual(c.noise.flagged, { baseline: ['run-2'], treatment: ['run-2'] });
  assert.deepEqual(c.noise.unmeasured, { baseline: ['run-1'], treatment: ['run-1'] });
  assert.deepEqual(c.iterations, { baseline: 1, treatment: 1 });
  assert.ok(
    c.warnings.some((w) => w.startsWith('2 iteration(s) unmeasured (no machine.tsv rows)')),
  );
});

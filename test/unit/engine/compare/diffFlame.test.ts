/**
 * The differential flame's data from two hand-made sides on disk (run.json + a V8 cpuprofile per
 * iteration, read by the same loader the comparison uses), every number worked out by hand.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlameSide, diffFlame, loadSide } from '../../../../engine/compare';
import type { DiffFlame } from '../../../../protocol/compareView';
import { cpuprofileJson, type StackSpec } from '../../../helpers/cpuprofile';

const CWD = '/work/app';
const main = ['main', `${CWD}/src/main.js`, 1] as const;
const oldFn = ['oldFn', `${CWD}/src/old.js`, 1] as const;

function side(root: string, name: string, wallMs: number, stacks: (k: number) => StackSpec[]) {
  for (const k of [0, 1]) {
    const d = join(root, name, `run-${k + 1}`);
    mkdirSync(join(d, 'profiles'), { recursive: true });
    const start = Date.UTC(2026, 11, 6, 12, 0, 0) + k * 600_000;
    writeFileSync(
      join(d, 'run.json'),
      JSON.stringify({
        startTime: new Date(start).toISOString(),
        endTime: new Date(start + wallMs).toISOString(),
        cwd: CWD,
        status: 'completed',
      }),
    );
    writeFileSync(join(d, 'profiles', 'CPU.1.100.cpuprofile'), cpuprofileJson(stacks(k)));
  }
  return join(root, name);
}

describe('differential flame data', () => {
  let root: string;
  let flame: DiffFlame | undefined;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'perflens-diffflame-'));
    // Baseline: two iterations of 10 s. Each: main→hot 100 samples (1,000 ms), main→cold 100
    // (1,000 ms), main→oldFn 60 (600 ms) and main→oldFn→parse 40 (400 ms) — code the treatment
    // removed — and main itself 50 (500 ms). Over 20 s: main 7,000 ms → 350 ms/s, hot 100, cold
    // 100, oldFn 2,000 ms → 100 (self 1,200 → 60), parse 800 → 40, main self 1,000 → 50.
    const b = side(root, 'baseline', 10_000, () => [
      { frames: [main, ['hot', `${CWD}/src/hot.js`, 10]], samples: 100 },
      { frames: [main, ['cold', `${CWD}/src/cold.js`, 1]], samples: 100 },
      { frames: [main, oldFn], samples: 60 },
      { frames: [main, oldFn, ['parse', `${CWD}/src/old.js`, 20]], samples: 40 },
      { frames: [main], samples: 50 },
    ]);
    // Treatment: two iterations of 20 s. Each: main→hot (moved to line 14) 600 samples
    // (6,000 ms), main→cold 100 (1,000), main→newFn 100 (1,000), main itself 50 (500). Over
    // 40 s: main 17,000 ms → 425 ms/s, hot 12,000 → 300, cold 2,000 → 50, newFn 2,000 → 50,
    // main self 1,000 → 25.
    const t = side(root, 'treatment', 20_000, () => [
      { frames: [main, ['hot', `${CWD}/src/hot.js`, 14]], samples: 600 },
      { frames: [main, ['cold', `${CWD}/src/cold.js`, 1]], samples: 100 },
      { frames: [main, ['newFn', `${CWD}/src/new.js`, 1]], samples: 100 },
      { frames: [main], samples: 50 },
    ]);
    const fb = new FlameSide();
    const ft = new FlameSide();
    await loadSide(b, { flame: fb });
    await loadSide(t, { flame: ft });
    flame = diffFlame(fb, ft);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const near = (a: number, e: number, what: string): void =>
    assert.ok(Math.abs(a - e) < 1e-9, `${what}: ${a} ≠ ${e}`);

  it("lays out the union of both trees: the treatment's frames, then those only the baseline has", () => {
    assert.ok(flame);
    // Under main: the treatment's children heaviest first — hot (moved from line 10 to 14: still
    // one node) 300, then cold and newFn tied at 50, by name — then the baseline-only oldFn with
    // its own baseline-only child parse.
    assert.deepEqual(flame.names, ['main', 'hot', 'cold', 'newFn', 'oldFn', 'parse']);
    assert.deepEqual(flame.files, [
      'src/main.js',
      'src/hot.js',
      'src/cold.js',
      'src/new.js',
      'src/old.js',
      'src/old.js',
    ]);
    assert.deepEqual(flame.parent, [-1, 0, 0, 0, 0, 4]);
    assert.deepEqual(flame.gone, [false, false, false, false, true, true]);
    assert.deepEqual(flame.iterations, [2, 2]);
  });

  it('puts both sides per second of wall-clock beside each node (0 on the side without it)', () => {
    assert.ok(flame);
    const expected = {
      // in both (main, hot, cold), treatment only (newFn), baseline only (oldFn, parse)
      treatment: [425, 300, 50, 50, 0, 0],
      baseline: [350, 100, 100, 0, 100, 40],
      treatmentSelf: [25, 300, 50, 50, 0, 0],
      baselineSelf: [50, 100, 100, 0, 60, 40],
    };
    for (const [k, values] of Object.entries(expected))
      values.forEach((v, i) => near(flame![k as keyof typeof expected][i], v, `${k}[${i}]`));
    near(flame.treatmentTotal, 425, 'treatment total');
    near(flame.baselineTotal, 350, 'baseline total');
    // Only the topmost gone frame counts (parse is inside oldFn's 100).
    near(flame.goneTotal, 100, 'gone total');
    assert.equal(flame.omitted, 0);
  });

  it('leaves out nodes small on both sides and counts them', () => {
    // Cut at 15 % of the larger total, 425 → 63.75 ms/s: newFn (50 | 0) and parse (0 | 40) go;
    // cold stays for its baseline 100 although the treatment has 50, oldFn for its baseline 100.
    const fb = new FlameSide();
    const ft = new FlameSide();
    return Promise.all([
      loadSide(join(root, 'baseline'), { flame: fb }),
      loadSide(join(root, 'treatment'), { flame: ft }),
    ]).then(() => {
      const cut = diffFlame(fb, ft, { minShare: 0.15 });
      assert.deepEqual(cut?.names, ['main', 'hot', 'cold', 'oldFn']);
      assert.deepEqual(cut?.gone, [false, false, false, true]);
      assert.equal(cut?.omitted, 2);
    });
  });

  it('has nothing to draw when a side has no timed profile', () => {
    assert.equal(diffFlame(new FlameSide(), new FlameSide()), undefined);
  });
});

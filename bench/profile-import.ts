/**
 * Profile-import benchmark (issue 3): our V8 `.cpuprofile` import vs `JSON.parse` of the same
 * bytes (the floor) vs speedscope 1.25.0's own importer run in Node (see speedscopeInNode.ts),
 * on synthetic-but-realistic profiles of several sizes. Each measurement runs in a fresh child
 * process so its peak RSS is its own; times are medians over --reps runs.
 *
 *   node --import tsx bench/profile-import.ts [--sizes 10,100,500] [--formats cpuprofile,speedscope] [--reps 3] [--dir /tmp/perflens-bench] [--speedscope-max-mb 1000]
 *
 * What each mode times — the same span in every mode: from "the bytes are on disk" to "a usable
 * result is in memory", inside a child process whose modules are already loaded. Each child is
 * `node --import tsx`, and this file imports `loadProfileFile` and the speedscope bundle statically
 * (or before the clock starts), so Node/tsx start-up, TypeScript transpiling and module loading are
 * outside every timed span; reading the file from disk is inside every timed span.
 *  - ours:       `loadProfileFile(file, { sourceMaps: false })` — stat, read the 4 KiB head to
 *                choose the importer, stream the file in 1 MiB chunks through the scanner, build
 *                the model (frames interned, call tree, samples compacted, weights). Source maps
 *                off (the synthetic sources do not exist).
 *  - report:     `perflens report FILE --json` through `runCli`, end to end (import with source
 *                maps, per-function pass, the counter section's scan of the file, the JSON text).
 *
 * End to end as the CLI runs (second table, issue 13's target: report ≤ JSON.parse of the same
 * bytes in time, peak RSS < 2× the file): whole processes of plain `node`, each timed from spawn
 * to exit and its peak RSS read at exit (bench/peakRss.cjs, preloaded), so start-up counts on both
 * sides and no tsx is in either:
 *  - cli report:       `node dist/cli.js report FILE --json` (the built CLI; output discarded).
 *  - JSON.parse:       `node -e` reading the file and `JSON.parse` of its text (the reference).
 *  - idle:             `node -e 0` (what any node process costs).
 *  - JSON.parse: `readFileSync` + `toString('utf8')` + `JSON.parse` — no model at all; fails past
 *                V8's maximum string length (~512 MiB).
 *  - speedscope: `readFileSync` + `importProfilesFromArrayBuffer` (its format sniffing, JSON
 *                parse and CallTreeProfileBuilder).
 * Modes are interleaved within each rep (json, ours, speedscope, json, ours, …) so that load on a
 * shared machine hits them alike; the load average is printed before and after.
 *
 * The synthetic profile: a call tree of real-looking frames (module URLs, names, 0-based
 * line/column, positionTicks on a third of the nodes), up to 60k nodes (about 10 % of the bytes,
 * like long soak profiles), and samples with ~1 ms jittered `timeDeltas` filling the rest.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/main';
import { loadProfileFile } from '../engine/profile/loadProfileFile';
import { toSpeedscope } from '../engine/profile/toSpeedscope';
import { loadSpeedscopeImporter } from './speedscopeInNode';
import { generateCpuprofile as generate } from './syntheticCpuprofile';

type Mode = 'ours' | 'report' | 'json' | 'speedscope' | 'baseline';
type Format = 'cpuprofile' | 'speedscope';
interface ChildResult {
  ok: boolean;
  ms: number;
  maxRssMb: number;
  samples?: number;
  error?: string;
}

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

async function child(mode: Mode, file: string): Promise<ChildResult> {
  const rss = (): number => process.resourceUsage().maxRSS / 1024;
  try {
    if (mode === 'baseline') return { ok: true, ms: 0, maxRssMb: rss() };
    if (mode === 'speedscope') {
      const { importer } = await loadSpeedscopeImporter();
      const t0 = performance.now();
      const bytes = readFileSync(file);
      const g = await importer.importProfilesFromArrayBuffer(
        file.endsWith('.speedscope.json') ? 'profile.speedscope.json' : 'profile.cpuprofile',
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
      );
      const ms = performance.now() - t0;
      if (!g || g.profiles.length === 0)
        return { ok: false, ms, maxRssMb: rss(), error: 'speedscope returned no profile' };
      return { ok: true, ms, maxRssMb: rss() };
    }
    if (mode === 'json') {
      const t0 = performance.now();
      const parsed = JSON.parse(readFileSync(file).toString('utf8')) as { samples?: unknown[] };
      return {
        ok: true,
        ms: performance.now() - t0,
        maxRssMb: rss(),
        samples: parsed.samples?.length ?? 0,
      };
    }
    if (mode === 'report') {
      // End to end, as a user runs it: `perflens report FILE --json` — import, source maps, the
      // per-function pass, the counter section's scan, and the JSON text (counted, not printed).
      let chars = 0;
      const io = {
        out: (t: string) => void (chars += t.length),
        err: () => {},
        handleSignals: false,
      };
      const t0 = performance.now();
      const code = await runCli(['report', file, '--json'], io);
      const ms = performance.now() - t0;
      return code === 0 && chars > 0
        ? { ok: true, ms, maxRssMb: rss() }
        : { ok: false, ms, maxRssMb: rss(), error: `report exited ${code}` };
    }
    const t0 = performance.now();
    const r = await loadProfileFile(file, { sourceMaps: false });
    const ms = performance.now() - t0;
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length || r.profiles.length === 0)
      return { ok: false, ms, maxRssMb: rss(), error: errors[0]?.message ?? 'no profile' };
    return { ok: true, ms, maxRssMb: rss(), samples: r.profiles[0].sampleStack.length };
  } catch (e) {
    return {
      ok: false,
      ms: NaN,
      maxRssMb: rss(),
      error: String((e as Error).message ?? e).slice(0, 120),
    };
  }
}

type ProcessMode = 'cli-report' | 'json-process' | 'idle-process';

const CLI = join(__dirname, '..', 'dist', 'cli.js');
const PEAK_RSS = join(__dirname, 'peakRss.cjs');

/** One whole plain-node process: wall time from spawn to exit, and its own peak RSS. */
function runProcess(mode: ProcessMode, file: string): ChildResult {
  const args =
    mode === 'cli-report'
      ? [CLI, 'report', file, '--json']
      : mode === 'json-process'
        ? ['-e', `JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));`, file]
        : ['-e', '0'];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', PEAK_RSS, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 900_000,
  });
  const ms = performance.now() - t0;
  const peak = /PEAK_RSS_KB (\d+)/.exec(r.stderr ?? '');
  const maxRssMb = peak ? Number(peak[1]) / 1024 : NaN;
  if (r.status !== 0 || !peak)
    return {
      ok: false,
      ms,
      maxRssMb,
      error:
        `${mode} exited ${r.status ?? r.signal}: ${(r.stderr ?? '').trim().split('\n')[0]}`.slice(
          0,
          140,
        ),
    };
  return { ok: true, ms, maxRssMb };
}

function runChild(mode: Mode, file: string): ChildResult {
  try {
    const out = execFileSync(
      process.execPath,
      ['--max-old-space-size=12288', '--import', 'tsx', __filename, '--child', mode, file],
      { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000 },
    );
    return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
  } catch (e) {
    return {
      ok: false,
      ms: NaN,
      maxRssMb: NaN,
      error: `child failed: ${
        String((e as { stderr?: string }).stderr ?? e)
          .split('\n')
          .find((l) => /Error|heap/.test(l)) ?? 'unknown'
      }`.slice(0, 140),
    };
  }
}

/**
 * The benchmark input of one format and size: the synthetic cpuprofile, or the speedscope file
 * PerfLens writes for it (`toSpeedscope`, sampled: each sample a whole stack, about 8× the
 * cpuprofile's bytes, so it is made from a cpuprofile of an eighth of the size asked for).
 */
async function syntheticFile(dir: string, format: Format, mb: number): Promise<string> {
  if (format === 'cpuprofile') {
    const file = join(dir, `synthetic-${mb}mb.cpuprofile`);
    if (!existsSync(file)) generate(file, mb * 1024 * 1024);
    return file;
  }
  const file = join(dir, `synthetic-${mb}mb.speedscope.json`);
  if (existsSync(file)) return file;
  const source = join(dir, `synthetic-${mb}mb-for-speedscope.cpuprofile`);
  if (!existsSync(source)) generate(source, Math.ceil((mb * 1024 * 1024) / 8));
  const r = await loadProfileFile(source, { sourceMaps: false });
  writeFileSync(file, JSON.stringify(toSpeedscope(r.profiles)));
  return file;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

async function main(): Promise<void> {
  const ci = process.argv.indexOf('--child');
  if (ci !== -1) {
    const r = await child(process.argv[ci + 1] as Mode, process.argv[ci + 2]);
    process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  const sizes = arg('sizes', '10,100,500').split(',').map(Number);
  const formats = arg('formats', 'cpuprofile,speedscope').split(',') as Format[];
  const reps = Number(arg('reps', '3'));
  const dir = arg('dir', '/tmp/perflens-bench');
  const speedscopeMax = Number(arg('speedscope-max-mb', '1000'));
  mkdirSync(dir, { recursive: true });
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run node esbuild.js first`);
  const rows: string[] = [];
  const endToEnd: string[] = [];
  const baseline = runChild('baseline', '');
  const idle = median([1, 2, 3].map(() => runProcess('idle-process', '').maxRssMb));
  console.log(
    `node ${process.version}, ${reps} reps per cell (median), each in a fresh process; ` +
      `sizes ${sizes.join(', ')} MB; an idle child (node + tsx) peaks ` +
      `at ${baseline.maxRssMb.toFixed(0)} MB RSS`,
  );
  console.log(
    'timed in every mode: reading the file from disk through to the parsed result (ours: the ' +
      'model); not timed: node/tsx start-up and module loading',
  );
  const load = (): string =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  console.log(`load average (1/5/15 min) at start: ${load()}`);
  for (const format of formats)
    for (const mb of sizes) {
      const file = await syntheticFile(dir, format, mb);
      const size = statSync(file).size;
      const cell: Record<Mode, ChildResult[]> = {
        ours: [],
        report: [],
        json: [],
        speedscope: [],
        baseline: [],
      };
      const modes: Mode[] =
        mb > speedscopeMax ? ['json', 'ours', 'report'] : ['json', 'ours', 'report', 'speedscope'];
      if (mb > speedscopeMax)
        cell.speedscope.push({
          ok: false,
          ms: NaN,
          maxRssMb: NaN,
          error: `not run above --speedscope-max-mb ${speedscopeMax}`,
        });
      const whole: Record<ProcessMode, ChildResult[]> = {
        'cli-report': [],
        'json-process': [],
        'idle-process': [],
      };
      for (let i = 0; i < reps; i++) {
        for (const mode of modes) {
          cell[mode].push(runChild(mode, file));
          process.stderr.write(
            `${mb} MB ${mode} #${i + 1}: ${JSON.stringify(cell[mode][cell[mode].length - 1])}\n`,
          );
        }
        for (const mode of ['json-process', 'cli-report'] as const) {
          whole[mode].push(runProcess(mode, file));
          process.stderr.write(
            `${mb} MB ${mode} #${i + 1}: ${JSON.stringify(whole[mode][whole[mode].length - 1])}\n`,
          );
        }
      }
      const fmt = (m: Mode): { ms: number; rss: number; note: string } => {
        const ok = cell[m].filter((r) => r.ok);
        const failed = cell[m].find((r) => !r.ok);
        return ok.length
          ? {
              ms: median(ok.map((r) => r.ms)),
              rss: median(ok.map((r) => r.maxRssMb)),
              note: ok.length < reps ? ` (${reps - ok.length} failed)` : '',
            }
          : { ms: NaN, rss: NaN, note: ` ${failed?.error ?? 'no runs'}` };
      };
      const o = fmt('ours');
      const e = fmt('report');
      const j = fmt('json');
      const s = fmt('speedscope');
      const t = (x: { ms: number; note: string }): string =>
        Number.isFinite(x.ms) ? `${x.ms.toFixed(0)} ms${x.note}` : `—${x.note}`;
      const ratio = (a: number, b: number): string =>
        Number.isFinite(a) && Number.isFinite(b) ? `${(a / b).toFixed(2)}×` : '—';
      const mbOf = size / 1048576;
      const wholeOf = (m: ProcessMode): { ms: number; rss: number; note: string } => {
        const ok = whole[m].filter((r) => r.ok);
        return ok.length
          ? {
              ms: median(ok.map((r) => r.ms)),
              rss: median(ok.map((r) => r.maxRssMb)),
              note: ok.length < reps ? ` (${reps - ok.length} failed)` : '',
            }
          : { ms: NaN, rss: NaN, note: ` ${whole[m].find((r) => !r.ok)?.error ?? 'no runs'}` };
      };
      const cr = wholeOf('cli-report');
      const jp = wholeOf('json-process');
      const mb2 = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(0)} MiB` : '—');
      endToEnd.push(
        `| ${format} ${mbOf.toFixed(1)} MiB (${size} bytes) | ${t(cr)} | ${t(jp)} | ${ratio(cr.ms, jp.ms)} | ${mb2(cr.rss)} (${ratio(cr.rss, mbOf)}) | ${mb2(jp.rss)} (${ratio(jp.rss, mbOf)}) | ${ratio(cr.rss, jp.rss)} |`,
      );
      rows.push(
        `| ${format} ${mbOf.toFixed(0)} MB | ${t(o)} | ${t(e)} | ${t(j)} | ${t(s)} | ${ratio(o.ms, j.ms)} | ${ratio(e.ms, j.ms)} | ${ratio(o.ms, s.ms)} | ${o.rss.toFixed(0)} MB (${ratio(o.rss, mbOf)}) | ${e.rss.toFixed(0)} MB (${ratio(e.rss, mbOf)}; ${ratio(e.rss - baseline.maxRssMb, mbOf)} above idle) | ${Number.isFinite(j.rss) ? j.rss.toFixed(0) + ' MB' : '—'} | ${Number.isFinite(s.rss) ? s.rss.toFixed(0) + ' MB' : '—'} |`,
      );
    }
  console.log(`load average (1/5/15 min) at end: ${load()}`);
  console.log(
    '\n| file | import | report --json (end to end) | JSON.parse (floor) | speedscope 1.25.0 | import / JSON.parse | report / JSON.parse | import / speedscope | import peak RSS (× file) | report peak RSS (× file) | JSON.parse peak RSS | speedscope peak RSS |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log(
    `\nEnd to end as the CLI runs: whole plain-node processes, spawn to exit (start-up included on both sides), medians of ${reps}; an idle node process peaks at ${idle.toFixed(0)} MiB RSS`,
  );
  console.log(
    '\n| file | `node dist/cli.js report FILE --json` | JSON.parse process (reference) | report / JSON.parse (time) | report peak RSS (× file) | JSON.parse peak RSS (× file) | report / JSON.parse (RSS) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of endToEnd) console.log(r);
}

void main();

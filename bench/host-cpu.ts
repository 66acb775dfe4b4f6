/**
 * The extension host's CPU time during a run whose daemon logs about 10 MB/s.
 *
 *   node --import tsx bench/host-cpu.ts [--seconds 5] [--reps 3] [--mb-per-s 10]
 *
 * What stands for the extension host: THIS process, running the runner (`startRun`) with the
 * options and listeners the extension uses — line capture into script.log, the /proc tree walk
 * and samples, a `line` listener (the extension appends each line to an output channel; that
 * channel's own cost inside VS Code is not measured here). Its CPU time (user + system, from
 * `process.cpuUsage`) is measured from start to the run's result; the daemon's own CPU is in
 * another process and not counted.
 *
 * Modes, interleaved per repetition so machine drift hits them alike:
 *   before        the old default: the engine's run analysis in-process (dump scanner,
 *                 util.inspect parser, counters.jsonl), plus summing each dump for the status bar
 *   after         the extension host now: capture only; the parsing is the language server's
 *   after+server  `after` plus the language server's follower (server/live/runFollower.ts) in the
 *                 same process, to show what moved to the server (its share: the difference)
 *   ab-before     the editor's A/B Soak as it was: `runAb`, one iteration a side, each with the
 *                 engine's run analysis in-process (log MB and windows: both iterations)
 *   ab-after      the editor's A/B Soak now: `runAb` capturing only (the server follows and
 *                 finishes each iteration); compare with ab-before
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startRun } from '../runner';
import { runAb } from '../runner/ab/runAb';
import { createRunAnalysisHooks } from '../engine/soak/runAnalysisHooks';
import { LiveCounters } from '../server/live/liveCounters';
import { RunFollower } from '../server/live/runFollower';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('--seconds', 5);
const reps = arg('--reps', 3);
const mbPerS = arg('--mb-per-s', 10);
const DAEMON = path.join(__dirname, 'noisy-daemon.mjs');

type Mode = 'before' | 'after' | 'after+server' | 'ab-before' | 'ab-after';
interface Measured {
  cpuMs: number;
  logMb: number;
  windows: number;
}

/** The editor's A/B Soak with one iteration a side, with or without the analysis in-process. */
async function onceAb(mode: 'ab-before' | 'ab-after'): Promise<Measured> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), `perflens-bench-host-${mode}-`));
  const command = [
    process.execPath,
    DAEMON,
    '--seconds',
    String(seconds),
    '--mb-per-s',
    String(mbPerS),
  ]
    .map((a) => JSON.stringify(a))
    .join(' ');
  const cpu0 = process.cpuUsage();
  let lines = 0;
  const r = await runAb({
    baseline: { command },
    treatment: { command },
    iterations: 1,
    outDir,
    cwd: outDir,
    profiler: 'none',
    onLine: () => lines++,
    ...(mode === 'ab-before' ? { analysis: createRunAnalysisHooks } : {}),
  });
  const cpu = process.cpuUsage(cpu0);
  let logMb = 0;
  let windows = 0;
  for (const dir of [r.baselineDir, r.treatmentDir]) {
    const run = path.join(dir, 'run-1');
    logMb += fs.statSync(path.join(run, 'script.log')).size / (1024 * 1024);
    const counters = path.join(run, 'counters.jsonl');
    if (fs.existsSync(counters))
      windows += fs.readFileSync(counters, 'utf8').split('\n').filter(Boolean).length;
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  return { cpuMs: (cpu.user + cpu.system) / 1000, logMb, windows };
}

async function once(mode: Mode): Promise<Measured> {
  if (mode === 'ab-before' || mode === 'ab-after') return onceAb(mode);
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), `perflens-bench-host-${mode}-`));
  const cpu0 = process.cpuUsage();
  const h = startRun({
    command: [process.execPath, DAEMON, '--seconds', String(seconds), '--mb-per-s', String(mbPerS)],
    cwd: runDir,
    runDir,
    profiler: 'none',
    ...(mode === 'before' ? { analysis: createRunAnalysisHooks } : {}),
  });
  let lines = 0;
  h.on('line', () => lines++);
  const live = new LiveCounters();
  if (mode === 'before') h.on('dump', (d) => live.add(d));
  let follower: RunFollower | undefined;
  let serverWindows = 0;
  if (mode === 'after+server') {
    follower = new RunFollower({ runDir, onProgress: (p) => (serverWindows = p.windows) });
    follower.start();
  }
  await h.result;
  if (follower) serverWindows = (await follower.finish()).windows;
  const cpu = process.cpuUsage(cpu0);
  const logMb = fs.statSync(path.join(runDir, 'script.log')).size / (1024 * 1024);
  fs.rmSync(runDir, { recursive: true, force: true });
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    logMb,
    windows: mode === 'before' ? live.windows : serverWindows,
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const modes: Mode[] = ['before', 'after', 'after+server', 'ab-before', 'ab-after'];
  const results = new Map<Mode, Measured[]>(modes.map((m) => [m, []]));
  for (let r = 0; r < reps; r++)
    for (const m of modes) {
      const x = await once(m);
      results.get(m)!.push(x);
      console.error(
        `rep ${r + 1} ${m}: ${x.cpuMs.toFixed(0)} ms CPU, ${x.logMb.toFixed(1)} MB ` +
          `log, ${x.windows} windows`,
      );
    }
  const before = median(results.get('before')!.map((x) => x.cpuMs));
  const abBefore = median(results.get('ab-before')!.map((x) => x.cpuMs));
  console.log(
    `\nextension-host CPU during a ${seconds} s run logging ~${mbPerS} MB/s (median ` +
      `of ${reps}; node ${process.version}, ${os.cpus().length} cores)`,
  );
  console.log('mode           CPU ms  log MB  CPU ms/MB  windows  vs before (ab: vs ab-before)');
  for (const m of modes) {
    const xs = results.get(m)!;
    const cpu = median(xs.map((x) => x.cpuMs));
    const mb = median(xs.map((x) => x.logMb));
    console.log(
      `${m.padEnd(13)} ${cpu.toFixed(0).padStart(7)} ${mb.toFixed(1).padStart(7)} ${(cpu / mb).toFixed(1).padStart(10)} ${String(median(xs.map((x) => x.windows))).padStart(8)} ${(cpu / (m.startsWith('ab') ? abBefore : before)).toFixed(2).padStart(9)}×`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

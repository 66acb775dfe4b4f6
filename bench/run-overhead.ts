/**
 * What PerfLens's run capture costs the target: the sample daemon's own throughput (ops/s,
 * from its `done` line) at max rate, unprofiled vs under the runner in each mode.
 *
 *   node --import tsx bench/run-overhead.ts [--seconds 5] [--reps 3] [--latency-ms 0] [--batch]
 *
 * Reference in the same run: `baseline` = the daemon spawned directly (same SPHERE_PERF env,
 * no runner). `capture` = under the runner with no profiler (log, /proc sampling, counter
 * parsing). Modes are interleaved per repetition so machine drift hits them alike. The daemon
 * stops itself after --seconds (a clean exit), so profile writing and 0x's flame-graph step
 * are not counted in ops/s; the wall time of the whole run is shown separately.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startRun, type ProfilerMode } from '../runner';
import { createRunAnalysisHooks } from '../engine/soak/runAnalysisHooks';

const REPO = path.resolve(__dirname, '..');
const DAEMON_DIR = path.join(REPO, 'examples/sample-daemon');
const DAEMON = path.join(DAEMON_DIR, 'dist/main.js');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const seconds = arg('--seconds', 5);
const reps = arg('--reps', 3);
const latencyMs = arg('--latency-ms', 0);
const batch = process.argv.includes('--batch');
const env = { SPHERE_PERF: '1', SPHERE_DEBUG: 'perf=info', SPHERE_PERF_DUMP_MS: '5000' };
const daemonArgs = [
  DAEMON,
  '--ops-per-sec',
  '0',
  '--duration',
  String(seconds),
  '--latency-ms',
  String(latencyMs),
  ...(batch ? ['--batch'] : []),
];

interface Measured {
  ops: number;
  /** Daemon CPU time (user+system, all threads) per operation, microseconds. */
  cpuUsPerOp: number;
  wallMs: number;
}

/** Reads the daemon's `done` line: ops/s, and CPU per op from `ops=` and `cpu_ms=`. */
const doneOf = (text: string): Omit<Measured, 'wallMs'> => {
  const m = /done ops=(\d+) .*ops_per_s=([\d.]+) .*cpu_ms=(\d+)/.exec(text);
  if (!m) throw new Error(`no done line in output:\n${text.slice(-2000)}`);
  return { ops: Number(m[2]), cpuUsPerOp: (Number(m[3]) * 1000) / Math.max(1, Number(m[1])) };
};

function baseline(): Promise<Measured> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('node', daemonArgs, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', (code) =>
      code === 0
        ? resolve({ ...doneOf(out), wallMs: Date.now() - t0 })
        : reject(new Error(`baseline exited ${code}`)),
    );
  });
}

async function underRunner(mode: ProfilerMode): Promise<Measured> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), `perflens-bench-${mode}-`));
  const h = startRun({
    command: ['node', ...daemonArgs],
    cwd: REPO,
    runDir,
    profiler: mode,
    env,
    analysis: createRunAnalysisHooks,
  });
  let done: Omit<Measured, 'wallMs'> | undefined;
  h.on('line', (l) => {
    if (l.includes('ops_per_s=')) done = doneOf(l);
  });
  const r = await h.result;
  if (r.status !== 'completed' || !done)
    throw new Error(`${mode} run ${r.status}: ${r.warnings.join('; ')}`);
  fs.rmSync(runDir, { recursive: true, force: true });
  return { ...done, wallMs: r.durationMs };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main(): Promise<void> {
  execFileSync(process.execPath, [path.join(DAEMON_DIR, 'build.mjs')], { stdio: 'ignore' });
  const modes: Array<{ name: string; run: () => Promise<Measured> }> = [
    { name: 'baseline (no runner)', run: baseline },
    { name: 'capture only (runner, no profiler)', run: () => underRunner('none') },
    { name: 'cpu-prof', run: () => underRunner('cpu-prof') },
    { name: '0x', run: () => underRunner('0x') },
  ];
  const results = new Map<string, Measured[]>(modes.map((m) => [m.name, []]));
  for (let i = 0; i < reps; i++) {
    for (const m of modes) {
      const r = await m.run();
      results.get(m.name)!.push(r);
      process.stderr.write(
        `rep ${i + 1}/${reps} ${m.name}: ${r.ops.toFixed(1)} ops/s, ${r.cpuUsPerOp.toFixed(0)} µs CPU/op\n`,
      );
    }
  }
  const baseRuns = results.get(modes[0].name)!;
  const base = median(baseRuns.map((r) => r.ops));
  const baseCpu = median(baseRuns.map((r) => r.cpuUsPerOp));
  console.log(
    `\nSample daemon, ${seconds} s per run at max rate ` +
      `(latency ${latencyMs} ms${batch ? ', --batch' : ''}), ${reps} runs ` +
      `per mode, Node ${process.version}, ${os.cpus().length} CPUs, load ` +
      `average ${os.loadavg()[0].toFixed(1)} at the end\n`,
  );
  console.log(
    "ops/s is throughput (sensitive to other load on the machine); CPU µs/op is the daemon's " +
      'own CPU time per operation (all its threads), the steadier cost ' +
      'measure. "paired" = median over repetitions of (mode ÷ the same ' +
      "repetition's baseline).\n",
  );
  console.log(
    '| mode | runs | median ops/s (min–max) | ops/s ratio | paired ops/s ratio | median ' +
      'CPU µs/op | CPU/op ratio | median wall s |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const m of modes) {
    const rs = results.get(m.name)!;
    const ops = rs.map((r) => r.ops);
    const paired = median(rs.map((r, i) => r.ops / baseRuns[i].ops));
    const cpu = median(rs.map((r) => r.cpuUsPerOp));
    console.log(
      `| ${m.name} | ${rs.length} | ${median(ops).toFixed(1)} (${Math.min(...ops).toFixed(0)}–${Math.max(...ops).toFixed(0)}) | ${(median(ops) / base).toFixed(2)} | ${paired.toFixed(2)} | ${cpu.toFixed(0)} | ${(cpu / baseCpu).toFixed(2)} | ${(median(rs.map((r) => r.wallMs)) / 1000).toFixed(1)} |`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

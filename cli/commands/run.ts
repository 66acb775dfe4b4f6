/**
 * `perflens run --cpu-prof|--0x --out DIR [--duration S] [--sampling-interval US] -- <command…>`
 *
 * Runs a command under a profiler and leaves a run folder (the same core as the editor's
 * Profile Run). The tree's output is passed through as it comes; Ctrl-C stops the run
 * gracefully (profiles are still written), a second Ctrl-C kills it.
 *
 * Exit status: 0 completed; the target's own code (or 1) when it failed; 130 when stopped;
 * 2 for a usage error. This EXECUTES the command — it is the user's own command line.
 */
import * as path from 'node:path';
import { RunSetupError, startRun } from '../../runner';
import type { ProfilerMode, RunOptions } from '../../runner';

export const RUN_USAGE = `Usage: perflens run --cpu-prof|--0x --out DIR [options] -- <command…>

  --cpu-prof                 profile every Node process of the tree (one .cpuprofile per pid)
  --0x                       profile with 0x (the command must be 'node …'; top process only)
  --none                     capture output, counters and resources without a profiler
  --out DIR                  the run folder to write (created if missing)
  --duration S               stop the run after S seconds
  --sampling-interval US     V8 sampling interval in microseconds (cpu-prof)
  --sample-interval MS       CPU/RSS sampling period for samples.tsv (default 5000)
  --grace MS                 time the tree gets to exit before SIGKILL (default 5000)
  --env NAME=VALUE           extra environment (repeatable; overrides SPHERE_PERF=1,
                             SPHERE_DEBUG=perf=info, SPHERE_PERF_DUMP_MS=5000)
  --diagnostics URL          poll a localhost diagnostics endpoint into diagnostics.jsonl
  --shell                    run the command through /bin/sh -c
`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether to stop the run on SIGINT/SIGTERM of this process (off in tests). */
  handleSignals: boolean;
}

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  handleSignals: true,
};

class UsageError extends Error {}

function parse(argv: string[], cwd: string): RunOptions {
  const dash = argv.indexOf('--');
  const flags = dash >= 0 ? argv.slice(0, dash) : argv;
  const command = dash >= 0 ? argv.slice(dash + 1) : [];
  let profiler: ProfilerMode | undefined;
  let out: string | undefined;
  const env: Record<string, string> = {};
  const o: { -readonly [K in keyof RunOptions]?: RunOptions[K] } = {};
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || v === '' || !Number.isFinite(n) || n <= 0)
      throw new UsageError(`${flag} expects a positive number, got '${v ?? ''}'`);
    return n;
  };
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i];
    const setMode = (m: ProfilerMode): void => {
      if (profiler && profiler !== m)
        throw new UsageError(`choose one profiler: --${profiler} or --${m}`);
      profiler = m;
    };
    switch (f) {
      case '--cpu-prof':
        setMode('cpu-prof');
        break;
      case '--0x':
        setMode('0x');
        break;
      case '--none':
        setMode('none');
        break;
      case '--out':
        out = flags[++i];
        break;
      case '--duration':
        o.durationS = num(f, flags[++i]);
        break;
      case '--sampling-interval':
        o.samplingIntervalUs = num(f, flags[++i]);
        break;
      case '--sample-interval':
        o.sampleIntervalMs = num(f, flags[++i]);
        break;
      case '--grace':
        o.graceMs = num(f, flags[++i]);
        break;
      case '--diagnostics':
        o.diagnosticsUrl = flags[++i];
        break;
      case '--shell':
        o.shell = true;
        break;
      case '--env': {
        const kv = flags[++i] ?? '';
        const eq = kv.indexOf('=');
        if (eq <= 0) throw new UsageError(`--env expects NAME=VALUE, got '${kv}'`);
        env[kv.slice(0, eq)] = kv.slice(eq + 1);
        break;
      }
      default:
        throw new UsageError(
          `unknown option '${f}'${dash < 0 ? " (put the command after '--')" : ''}`,
        );
    }
  }
  if (!profiler) throw new UsageError('choose a profiler: --cpu-prof, --0x or --none');
  if (!out) throw new UsageError('--out DIR is required');
  if (command.length === 0) throw new UsageError("no command: put it after '--'");
  return { ...o, profiler, command, cwd, runDir: path.resolve(cwd, out), env };
}

export async function runCommand(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let options: RunOptions;
  try {
    options = parse(argv, process.cwd());
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`perflens run: ${err.message}\n\n${RUN_USAGE}`);
    return 2;
  }
  let handle;
  try {
    handle = startRun(options);
  } catch (err) {
    if (!(err instanceof RunSetupError)) throw err;
    io.err(`perflens run: ${err.message}\n`);
    return 2;
  }
  const h = handle;
  h.on('line', (line, stream) => (stream === 'stdout' ? io.out : io.err)(`${line}\n`));
  io.err(`perflens: ${options.profiler} run of pid ${h.pid} → ${h.runDir}\n`);
  let signals = 0;
  const onSignal = (): void => {
    signals++;
    if (signals === 1) {
      io.err('perflens: stopping (profiles are being written; Ctrl-C again to kill)\n');
      void h.stop();
    } else {
      try {
        process.kill(-h.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  };
  if (io.handleSignals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  try {
    const r = await h.result;
    for (const w of r.warnings) io.err(`perflens: warning: ${w}\n`);
    const how = r.signal ? `signal ${r.signal}` : `exit code ${r.exitCode}`;
    io.err(
      `perflens: run ${r.status} (${how}) after ${(r.durationMs / 1000).toFixed(1)} s; ${r.processes.length} process(es), ${r.profiles.length} profile file(s) in ${r.runDir}\n`,
    );
    if (r.leftovers.length > 0)
      io.err(`perflens: error: processes still alive after SIGKILL: ${r.leftovers.join(', ')}\n`);
    if (r.status === 'completed') return 0;
    if (r.status === 'stopped') return 130;
    return r.exitCode && r.exitCode > 0 ? r.exitCode : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * `perflens run --cpu-prof|--0x --out DIR [--duration S] [--sampling-interval US] -- <command…>`
 *
 * Runs a command under a profiler and leaves a run folder (the same core as the editor's
 * Profile Run). The tree's output is passed through as it comes; Ctrl-C stops the run
 * gracefully (profiles are still written), a second Ctrl-C kills it.
 *
 * Exit status (runner/runOutcome.ts decides the run's status): 0 when the run completed — the
 * target exited 0 by itself, or a --duration limit ended it and it shut down cleanly on the stop
 * signal; 130 when stopped with Ctrl-C; otherwise the target's own status (its exit code, or
 * 128 + the signal number when a signal ended it: 137 for SIGKILL); 2 for a usage error or a run
 * folder that already holds a run. This EXECUTES the command — it is the user's own command line.
 */
import * as path from 'node:path';
import { RunFolderInUseError, RunSetupError, startRun, targetExitStatus } from '../../runner';
import type { ProfilerMode, RunOptions, RunResult } from '../../runner';
import { createRunAnalysisHooks } from '../../engine/soak/runAnalysisHooks';
import type { CliIo } from '../io';
import type { ParsedArgs, Subcommand } from '../subcommand';
import { ExitCode, UsageError } from '../usage';
import { namePair, positiveNumber, str, strs } from '../values';

const PROFILERS: readonly ProfilerMode[] = ['cpu-prof', '0x', 'none'];

export function runArgs(a: ParsedArgs, cwd: string): RunOptions {
  const chosen = PROFILERS.filter((m) => a.values[m] === true);
  if (chosen.length === 0) throw new UsageError('choose a profiler: --cpu-prof, --0x or --none');
  if (chosen.length > 1)
    throw new UsageError(`choose one profiler: ${chosen.map((m) => `--${m}`).join(' or ')}`);
  if (a.positionals.length > 0)
    throw new UsageError(
      `unexpected '${a.positionals[0]}'${a.hasRest ? '' : " (put the command after '--')"}`,
    );
  const out = str(a.values.out);
  if (!out) throw new UsageError('--out DIR is required');
  if (a.rest.length === 0) throw new UsageError("no command: put it after '--'");
  const num = (flag: string): number | undefined => {
    const v = str(a.values[flag]);
    return v === undefined ? undefined : positiveNumber(flag, v);
  };
  const o: { -readonly [K in keyof RunOptions]?: RunOptions[K] } = {
    durationS: num('duration'),
    samplingIntervalUs: num('sampling-interval'),
    sampleIntervalMs: num('sample-interval'),
    graceMs: num('grace'),
    diagnosticsUrl: str(a.values.diagnostics),
    shell: a.values.shell === true ? true : undefined,
  };
  // Unset options are left out, not set to undefined: the runner spreads them over its defaults.
  for (const k of Object.keys(o) as Array<keyof typeof o>) if (o[k] === undefined) delete o[k];
  const env = Object.fromEntries(strs(a.values.env).map((kv) => namePair('env', kv)));
  return {
    ...o,
    profiler: chosen[0],
    command: [...a.rest],
    cwd,
    runDir: path.resolve(cwd, out),
    env,
    // Headless: the counters are parsed in this process, as the run goes.
    analysis: createRunAnalysisHooks,
  };
}

export const run: Subcommand = {
  name: 'run',
  synopsis: '--cpu-prof|--0x|--none --out DIR [options] -- <command…>',
  summary: 'run a command (a daemon, a soak script) under a profiler into a run folder',
  details:
    'Writes script.log, run.json, samples.tsv, counters.jsonl, totals.tsv,\n' +
    'summary-metrics.json and profiles/*.cpuprofile (one per Node process) or 0x/.\n' +
    'Ctrl-C stops the run gracefully (profiles are still written); a second Ctrl-C kills it.\n' +
    'Exit 0 completed (a --duration end answered cleanly counts); 130 stopped with Ctrl-C;\n' +
    "else the target's status (exit code, or 128 + signal number); 2 usage or folder in use.\n" +
    "This EXECUTES the command — it is the user's own command line.",
  options: {
    'cpu-prof': {
      type: 'boolean',
      help: 'profile every Node process of the tree (one .cpuprofile per pid)',
    },
    '0x': { type: 'boolean', help: "profile with 0x (the command must be 'node …'; top process)" },
    none: { type: 'boolean', help: 'capture output, counters and resources without a profiler' },
    out: { type: 'string', valueName: 'DIR', help: 'the run folder to write (created if missing)' },
    duration: { type: 'string', valueName: 'S', help: 'stop the run after S seconds' },
    'sampling-interval': {
      type: 'string',
      valueName: 'US',
      help: 'V8 sampling interval in microseconds (cpu-prof)',
    },
    'sample-interval': {
      type: 'string',
      valueName: 'MS',
      help: 'CPU/RSS sampling period for samples.tsv (default 5000)',
    },
    grace: {
      type: 'string',
      valueName: 'MS',
      help: 'time the tree gets to exit before SIGKILL (default 5000)',
    },
    env: {
      type: 'string',
      multiple: true,
      valueName: 'NAME=VALUE',
      help:
        'extra environment (repeatable; overrides SPHERE_PERF=1,\nSPHERE_DEBUG=perf=info, ' +
        'SPHERE_PERF_DUMP_MS=5000)',
    },
    diagnostics: {
      type: 'string',
      valueName: 'URL',
      help: 'poll a localhost diagnostics endpoint into diagnostics.jsonl',
    },
    shell: { type: 'boolean', help: 'run the command through /bin/sh -c' },
  },
  run: (a, io) => runCommand(runArgs(a, process.cwd()), io),
};

export async function runCommand(options: RunOptions, io: CliIo): Promise<number> {
  let handle;
  try {
    handle = startRun(options);
  } catch (err) {
    // A folder another run holds: the refusal alone (exit 2), the command line was fine.
    if (err instanceof RunFolderInUseError) throw new UsageError(err.message, { showUsage: false });
    // Options the runner refuses before executing anything (a 0x target that is not node…).
    if (err instanceof RunSetupError) throw new UsageError(err.message);
    throw err;
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
      io.err('perflens: killing the process tree (SIGKILL)\n');
      void h.kill();
    }
  };
  if (io.handleSignals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  try {
    const r = await h.result;
    for (const w of r.warnings) io.err(`perflens: warning: ${w}\n`);
    io.err(`perflens: ${runSummary(r, options.profiler)}\n`);
    if (r.leftovers.length > 0)
      io.err(`perflens: error: processes still alive after SIGKILL: ${r.leftovers.join(', ')}\n`);
    return runExitCode(r);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The CLI's exit status for a finished run (see the header comment). */
export function runExitCode(
  r: Pick<RunResult, 'status' | 'exitCode' | 'signal' | 'endReason'>,
): number {
  if (r.status === 'completed') return ExitCode.ok;
  if (r.status === 'stopped' && r.endReason === 'stop requested') return ExitCode.stopped;
  const code = targetExitStatus(r.exitCode, r.signal);
  return code > 0 ? code : ExitCode.failed;
}

/** One line: outcome, the target's status, wall clock, processes and profiles. */
export function runSummary(r: RunResult, profiler: ProfilerMode): string {
  const how = r.signal ? `signal ${r.signal}` : `exit code ${r.exitCode}`;
  const target = r.processes.filter((p) => p.role !== 'profiler').length;
  const helpers = r.processes.length - target;
  const procs = `${target} process(es)${helpers > 0 ? ` (+${helpers} of ${profiler})` : ''}`;
  const why = r.endReason && r.endReason !== 'target exited' ? `, ${r.endReason}` : '';
  return `run ${r.status} (${how}${why}) after ${(r.durationMs / 1000).toFixed(1)} s; ${procs}, ${r.profiles.length} profile(s) in ${r.runDir}`;
}

/**
 * `perflens ab --baseline "<cmd>" --treatment "<cmd>" --iterations N [--order alternate|random
 * --seed S] [--baseline-ref REF --treatment-ref REF --setup "<cmd>"] [--out DIR]`
 *
 * Runs both sides alternately as profiled runs into `<out>/ab-<time>/{baseline,treatment}/run-i`
 * (machine-wide CPU beside each), then prints the comparison exactly as `perflens compare` does
 * and exits with its code. Ctrl-C stops the current iteration; the finished ones are kept and
 * compared. This EXECUTES the commands — they are the user's own command lines.
 */
import * as path from 'node:path';
import { createRunAnalysisHooks } from '../../engine/soak/runAnalysisHooks';
import {
  AbSetupError,
  runAb,
  type AbOptions,
  type AbProgress,
  type AbResult,
} from '../../runner/ab/runAb';
import type { ProfilerMode } from '../../runner';
import type { CliIo } from '../io';
import type { ParsedArgs, Subcommand } from '../subcommand';
import { ExitCode, UsageError } from '../usage';
import { namePair, positiveInteger, positiveNumber, str, strs } from '../values';
import { compareAndPrint, compareArgs } from './compare';

/** The A/B as the flags ask it (the runner's options but the signal and the hooks). */
type AbAsked = Omit<AbOptions, 'signal' | 'analysis' | 'onProgress'>;

/** The flags checked and turned into the runner's options; a UsageError names the bad one. */
function abAsked(a: ParsedArgs, cwd: string): AbAsked {
  const baseline = str(a.values.baseline);
  const treatment = str(a.values.treatment);
  if (!baseline || !treatment) throw new UsageError('--baseline and --treatment are both required');
  const it = str(a.values.iterations);
  if (!it) throw new UsageError('--iterations N is required');
  const iterations = positiveInteger('iterations', it);
  const order = str(a.values.order) ?? 'alternate';
  if (order !== 'alternate' && order !== 'random')
    throw new UsageError(`--order expects alternate or random, got '${order}'`);
  const seedText = str(a.values.seed);
  const seed = seedText === undefined ? 1 : Number(seedText);
  if (!Number.isInteger(seed))
    throw new UsageError(`--seed expects a whole number, got '${seedText}'`);
  const profiler = (str(a.values.profiler) ?? 'cpu-prof') as ProfilerMode;
  if (!['cpu-prof', '0x', 'none'].includes(profiler))
    throw new UsageError(`--profiler expects cpu-prof, 0x or none, got '${profiler}'`);
  if (a.positionals.length > 0) throw new UsageError(`unexpected '${a.positionals[0]}'`);
  const setup = str(a.values.setup);
  if (setup && !str(a.values['baseline-ref']) && !str(a.values['treatment-ref']))
    throw new UsageError('--setup runs in a worktree: give --baseline-ref or --treatment-ref');
  const num = (flag: string): number | undefined => {
    const v = str(a.values[flag]);
    return v === undefined ? undefined : positiveNumber(flag, v);
  };
  return {
    baseline: { command: baseline, ref: str(a.values['baseline-ref']) },
    treatment: { command: treatment, ref: str(a.values['treatment-ref']) },
    iterations,
    order,
    seed,
    setup,
    outDir: path.resolve(cwd, str(a.values.out) ?? '.perflens/runs'),
    cwd,
    profiler,
    env: Object.fromEntries(strs(a.values.env).map((kv) => namePair('env', kv))),
    durationS: num('duration'),
    sampleIntervalMs: num('sample-interval'),
  };
}

/**
 * The first Ctrl-C (or SIGTERM) aborts: the current iteration stops, finished ones are kept.
 * Listens only when `io` handles signals; returns the function that stops listening.
 */
function abortOnSignals(io: CliIo, ac: AbortController): () => void {
  let signals = 0;
  const onSignal = (): void => {
    if (++signals === 1) {
      io.err('perflens ab: stopping (finished iterations are kept; Ctrl-C again to kill)\n');
      ac.abort();
    }
  };
  if (io.handleSignals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** One stderr line per setup step, iteration start and iteration end. */
function progressLine(e: AbProgress): string {
  if (e.kind === 'setup') return `perflens ab: ${e.side}: ${e.message}\n`;
  if (e.kind === 'start')
    return `perflens ab: [${e.step}/${e.steps}] ${e.side} run-${e.index} → ${e.runDir}\n`;
  const r = e.result;
  return `perflens ab: ${e.side} run-${e.index} ${r.status} (${r.signal ? `signal ${r.signal}` : `exit ${r.exitCode}`}) in ${(r.durationMs / 1000).toFixed(1)} s\n`;
}

/** Runs the A/B with the engine's analysis; undefined (after saying why) when setup failed. */
async function runAbFromCli(asked: AbAsked, io: CliIo): Promise<AbResult | undefined> {
  const ac = new AbortController();
  const stopListening = abortOnSignals(io, ac);
  try {
    return await runAb({
      ...asked,
      signal: ac.signal,
      // counters.jsonl, totals.tsv and summary-metrics.json: what the comparison reads.
      analysis: createRunAnalysisHooks,
      onProgress: (e) => io.err(progressLine(e)),
    });
  } catch (e) {
    if (e instanceof AbSetupError) {
      io.err(`perflens ab: ${e.message}\n`);
      return undefined;
    }
    throw e;
  } finally {
    stopListening();
  }
}

export const ab: Subcommand = {
  name: 'ab',
  synopsis:
    '--baseline "<cmd>" --treatment "<cmd>" --iterations N [--order alternate|random --seed S]\n' +
    '                   [--baseline-ref REF --treatment-ref REF --setup "<cmd>"] [--out DIR]',
  summary: 'run an A/B soak (ABAB… as profiled runs) and print its comparison',
  details:
    'Each iteration is a profiled run in <out>/ab-<time>/baseline/run-i and …/treatment/run-i,\n' +
    'with machine-wide CPU (/proc/stat) beside the run’s own in machine.tsv. With a ref, that\n' +
    'side runs in a git worktree of it (after --setup there). Ctrl-C stops the current\n' +
    'iteration; finished ones are kept and compared. Exit codes as perflens compare.\n' +
    "This EXECUTES the commands — they are the user's own command lines.",
  options: {
    baseline: {
      type: 'string',
      valueName: 'CMD',
      help: 'the baseline command line (run by /bin/sh)',
    },
    treatment: {
      type: 'string',
      valueName: 'CMD',
      help: 'the treatment command line (run by /bin/sh)',
    },
    iterations: {
      type: 'string',
      valueName: 'N',
      help: 'iterations a side (5 or more to detect ~10 %)',
    },
    order: {
      type: 'string',
      valueName: 'ORDER',
      help: 'alternate (ABAB…, default) or random (seeded AB/BA per pair)',
    },
    seed: { type: 'string', valueName: 'S', help: 'seed of the random order (default 1)' },
    'baseline-ref': {
      type: 'string',
      valueName: 'REF',
      help: 'run the baseline in a git worktree of REF',
    },
    'treatment-ref': {
      type: 'string',
      valueName: 'REF',
      help: 'run the treatment in a git worktree of REF',
    },
    setup: { type: 'string', valueName: 'CMD', help: 'run in each worktree before its iterations' },
    out: {
      type: 'string',
      valueName: 'DIR',
      help: 'where ab-<time>/ is written (default .perflens/runs)',
    },
    profiler: { type: 'string', valueName: 'MODE', help: 'cpu-prof (default), 0x or none' },
    duration: { type: 'string', valueName: 'S', help: 'stop each iteration after S seconds' },
    'sample-interval': {
      type: 'string',
      valueName: 'MS',
      help: 'CPU/RSS and machine-load sampling period (default 5000)',
    },
    env: {
      type: 'string',
      multiple: true,
      valueName: 'NAME=VALUE',
      help: 'extra environment (repeatable)',
    },
    json: { type: 'boolean', help: 'print the comparison as JSON' },
    gate: { type: 'string', valueName: 'RULES', help: 'as perflens compare' },
    alpha: { type: 'string', valueName: 'A', help: 'as perflens compare (default 0.05)' },
    threshold: { type: 'string', valueName: 'P', help: 'as perflens compare (default 2%)' },
    'start-skip': { type: 'string', valueName: 'S', help: 'as perflens compare (default 30)' },
    'exclude-noisy': { type: 'boolean', help: 'leave iterations with flagged windows out' },
    'strict-family': { type: 'boolean', help: 'as perflens compare' },
    'family-at-alpha': { type: 'boolean', help: 'as perflens compare' },
  },
  async run(a: ParsedArgs, io: CliIo): Promise<number> {
    const cwd = process.cwd();
    const asked = abAsked(a, cwd);
    // Validate the comparison options before running anything (placeholders for the two paths).
    compareArgs({ ...a, positionals: ['.', '.'] }, cwd);

    const result = await runAbFromCli(asked, io);
    if (!result) return ExitCode.usage;
    if (result.error) {
      io.err(`perflens ab: ${result.error}\n`);
      return ExitCode.failed;
    }
    io.err(
      `perflens ab: ${result.stopped ? 'stopped; ' : ''}${result.finished.baseline} baseline ` +
        `and ${result.finished.treatment} treatment iteration(s) ` +
        `in ${result.abDir}\n`,
    );
    if (result.finished.baseline === 0 || result.finished.treatment === 0) {
      io.err('perflens ab: nothing to compare yet\n');
      return result.stopped ? ExitCode.stopped : ExitCode.failed;
    }
    const settings = compareArgs(
      { ...a, positionals: [result.baselineDir, result.treatmentDir] },
      cwd,
    );
    return compareAndPrint(settings, a.values.json === true, io);
  },
};

/**
 * `perflens attach (--pid P | --url ws://127.0.0.1:…) --seconds N --out DIR
 *                  [--sampling-interval US] [--repeat K --every S]`
 *
 * Takes CPU profile windows from a Node process that is already running (a daemon that never
 * exits, a long soak) into `DIR/profiles/`, one file per window. `--repeat K --every S` takes K
 * windows whose STARTS are S seconds apart — `--seconds 60 --repeat 2 --every 28740` gives
 * minute 1 and minute 480 of an 8-hour soak side by side in one folder.
 *
 * Exit status: 0 every window written; 1 a window failed (the windows already written stay);
 * 2 usage error; 130 stopped with Ctrl-C (the current window is cut short and kept). It signals
 * (SIGUSR1) and inspects the named process; it executes nothing.
 */
import * as path from 'node:path';
import { AttachError, profileWindow } from '../../runner/attach';
import type { CliIo } from '../io';
import type { ParsedArgs, Subcommand } from '../subcommand';
import { ExitCode, UsageError } from '../usage';
import { positiveInteger, positiveNumber, str } from '../values';

export interface AttachArgs {
  readonly pid?: number;
  readonly url?: string;
  readonly seconds: number;
  readonly outDir: string;
  readonly samplingIntervalUs?: number;
  readonly repeat: number;
  readonly everyS?: number;
}

export function attachArgs(a: ParsedArgs, cwd: string): AttachArgs {
  if (a.positionals.length > 0) throw new UsageError(`unexpected '${a.positionals[0]}'`);
  const opt = (flag: string, conv: (flag: string, v: string) => number): number | undefined => {
    const v = str(a.values[flag]);
    return v === undefined ? undefined : conv(flag, v);
  };
  const pid = opt('pid', positiveInteger);
  const url = str(a.values.url);
  const seconds = opt('seconds', positiveNumber);
  const outDir = str(a.values.out);
  const repeat = opt('repeat', positiveInteger) ?? 1;
  const everyS = opt('every', positiveNumber);
  if ((pid === undefined) === (url === undefined))
    throw new UsageError('give exactly one of --pid P or --url ws://127.0.0.1:PORT/ID');
  if (seconds === undefined) throw new UsageError('--seconds N is required');
  if (!outDir) throw new UsageError('--out DIR is required');
  if (repeat > 1 && everyS === undefined)
    throw new UsageError('--repeat K needs --every S (seconds between window starts)');
  if (everyS !== undefined && everyS < seconds)
    throw new UsageError(
      `--every ${everyS} is shorter than --seconds ${seconds}: the windows would overlap`,
    );
  return {
    pid,
    url,
    seconds,
    outDir: path.resolve(cwd, outDir),
    samplingIntervalUs: opt('sampling-interval', positiveNumber),
    repeat,
    everyS,
  };
}

export const attach: Subcommand = {
  name: 'attach',
  synopsis: '(--pid P | --url ws://127.0.0.1:PORT/ID) --seconds N --out DIR [options]',
  summary: 'CPU profile window(s) of a running Node process, through its inspector',
  details:
    'Opens the inspector with SIGUSR1 when given a pid; writes\n' +
    'DIR/profiles/CPU.<stamp>.pid-<pid>.window-<n>.cpuprofile. It executes nothing.\n' +
    'Exit 0 every window written; 1 a window failed (those written stay); 2 usage;\n' +
    '130 stopped with Ctrl-C (the current window is cut short and kept).',
  options: {
    pid: {
      type: 'string',
      valueName: 'P',
      help: 'the Node process (its inspector is opened with SIGUSR1 if closed)',
    },
    url: {
      type: 'string',
      valueName: 'ws://127.0.0.1:…',
      help: "or its inspector's WebSocket URL (loopback only)",
    },
    seconds: { type: 'string', valueName: 'N', help: 'length of each profile window' },
    out: {
      type: 'string',
      valueName: 'DIR',
      help: 'folder to write profiles/CPU.<stamp>.pid-<pid>.window-<n>.cpuprofile into',
    },
    'sampling-interval': {
      type: 'string',
      valueName: 'US',
      help: 'V8 sampling interval in microseconds (default 1000)',
    },
    repeat: { type: 'string', valueName: 'K', help: 'take K windows (default 1)' },
    every: {
      type: 'string',
      valueName: 'S',
      help:
        'seconds from the start of one window to the start of the next\n(required ' +
        'with --repeat > 1; at least --seconds)',
    },
  },
  run: (a, io) => attachCommand(attachArgs(a, process.cwd()), io),
};

export async function attachCommand(args: AttachArgs, io: CliIo): Promise<number> {
  // Ctrl-C ends the current window early and keeps what it sampled; a second Ctrl-C quits.
  const stop = new AbortController();
  let signals = 0;
  const onSignal = (): void => {
    if (++signals > 1) process.exit(ExitCode.stopped);
    io.err('perflens: stopping — the window so far is being written (Ctrl-C again to quit)\n');
    stop.abort();
  };
  if (io.handleSignals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  try {
    return await takeWindows(args, io, stop.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Exit status: 0 all windows, 1 a window failed, 130 stopped by the user. */
async function takeWindows(args: AttachArgs, io: CliIo, signal: AbortSignal): Promise<number> {
  const said = new Set<string>();
  const firstStart = Date.now();
  for (let k = 0; k < args.repeat; k++) {
    const due = firstStart + k * (args.everyS ?? 0) * 1000;
    const wait = due - Date.now();
    if (wait > 0) {
      io.err(`perflens: window ${k + 1}/${args.repeat} starts in ${(wait / 1000).toFixed(1)} s\n`);
      // The schedule the user asked for (not synchronisation); Ctrl-C cuts it short.
      await new Promise<void>((r) => {
        const timer = setTimeout(done, wait);
        function done(): void {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          r();
        }
        signal.addEventListener('abort', done, { once: true });
      });
    } else if (k > 0 && wait < -1000) {
      io.err(
        `perflens: warning: window ${k + 1} starts ${(-wait / 1000).toFixed(1)} s late (the ` +
          `previous window took longer than --every)\n`,
      );
    }
    if (signal.aborted) return ExitCode.stopped;
    try {
      const r = await profileWindow({
        pid: args.pid,
        inspectorUrl: args.url,
        seconds: args.seconds,
        outDir: args.outDir,
        samplingIntervalUs: args.samplingIntervalUs,
        signal,
        onWindowStart: (pid) =>
          io.err(
            `perflens: window ${k + 1}/${args.repeat}: sampling pid ${pid} for ${args.seconds} s\n`,
          ),
      });
      for (const w of r.warnings) {
        if (!said.has(w)) io.err(`perflens: warning: ${w}\n`);
        said.add(w);
      }
      io.out(
        `window ${k + 1}/${args.repeat}: ${r.file}  pid ${r.pid}  ${r.samples} samples  ${(r.durationMs / 1000).toFixed(2)} s\n`,
      );
    } catch (err) {
      if (!(err instanceof AttachError)) throw err;
      io.err(`perflens attach: window ${k + 1}/${args.repeat} failed: ${err.message}\n`);
      return signal.aborted ? ExitCode.stopped : ExitCode.failed;
    }
    if (signal.aborted) return ExitCode.stopped;
  }
  return ExitCode.ok;
}

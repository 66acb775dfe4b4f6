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
 * 2 usage error; 130 stopped with Ctrl-C (the current window is cut short and kept). It signals (SIGUSR1) and inspects the named process; it executes nothing.
 */
import * as path from 'node:path';
import { AttachError, profileWindow } from '../../runner/attach';

export const ATTACH_USAGE = `Usage: perflens attach (--pid P | --url ws://127.0.0.1:PORT/ID) --seconds N --out DIR [options]

  --pid P                    the Node process (its inspector is opened with SIGUSR1 if closed)
  --url ws://127.0.0.1:…     or its inspector's WebSocket URL (loopback only)
  --seconds N                length of each profile window
  --out DIR                  folder to write profiles/CPU.<stamp>.pid-<pid>.window-<n>.cpuprofile into
  --sampling-interval US     V8 sampling interval in microseconds (default 1000)
  --repeat K                 take K windows (default 1)
  --every S                  seconds from the start of one window to the start of the next
                             (required with --repeat > 1; at least --seconds)
`;

export interface AttachIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether Ctrl-C (SIGINT/SIGTERM of this process) ends the current window early (off in tests). */
  handleSignals?: boolean;
}

const defaultIo: AttachIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  handleSignals: true,
};

class UsageError extends Error {}

export interface AttachArgs {
  readonly pid?: number;
  readonly url?: string;
  readonly seconds: number;
  readonly outDir: string;
  readonly samplingIntervalUs?: number;
  readonly repeat: number;
  readonly everyS?: number;
}

export function parseAttachArgs(argv: readonly string[], cwd: string): AttachArgs {
  const a: { -readonly [K in keyof AttachArgs]?: AttachArgs[K] } = {};
  const num = (flag: string, v: string | undefined, whole = false): number => {
    const n = Number(v);
    if (
      v === undefined ||
      v === '' ||
      !Number.isFinite(n) ||
      n <= 0 ||
      (whole && !Number.isInteger(n))
    ) {
      throw new UsageError(
        `${flag} expects a positive ${whole ? 'whole ' : ''}number, got '${v ?? ''}'`,
      );
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i];
    switch (f) {
      case '--pid':
        a.pid = num(f, argv[++i], true);
        break;
      case '--url':
        a.url = argv[++i];
        if (!a.url) throw new UsageError('--url expects ws://127.0.0.1:PORT/ID');
        break;
      case '--seconds':
        a.seconds = num(f, argv[++i]);
        break;
      case '--out':
        a.outDir = argv[++i];
        if (!a.outDir) throw new UsageError('--out expects a folder');
        break;
      case '--sampling-interval':
        a.samplingIntervalUs = num(f, argv[++i]);
        break;
      case '--repeat':
        a.repeat = num(f, argv[++i], true);
        break;
      case '--every':
        a.everyS = num(f, argv[++i]);
        break;
      default:
        throw new UsageError(`unknown option '${f}'`);
    }
  }
  if ((a.pid === undefined) === (a.url === undefined))
    throw new UsageError('give exactly one of --pid P or --url ws://127.0.0.1:PORT/ID');
  if (a.seconds === undefined) throw new UsageError('--seconds N is required');
  if (a.outDir === undefined) throw new UsageError('--out DIR is required');
  const repeat = a.repeat ?? 1;
  if (repeat > 1 && a.everyS === undefined)
    throw new UsageError('--repeat K needs --every S (seconds between window starts)');
  if (a.everyS !== undefined && a.everyS < a.seconds)
    throw new UsageError(
      `--every ${a.everyS} is shorter than --seconds ${a.seconds}: the windows would overlap`,
    );
  return { ...a, seconds: a.seconds, outDir: path.resolve(cwd, a.outDir), repeat };
}

export async function attachCommand(argv: string[], io: AttachIo = defaultIo): Promise<number> {
  let args: AttachArgs;
  try {
    args = parseAttachArgs(argv, process.cwd());
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`perflens attach: ${err.message}\n\n${ATTACH_USAGE}`);
    return 2;
  }
  // Ctrl-C ends the current window early and keeps what it sampled; a second Ctrl-C quits.
  const stop = new AbortController();
  let signals = 0;
  const onSignal = (): void => {
    if (++signals > 1) process.exit(130);
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
async function takeWindows(args: AttachArgs, io: AttachIo, signal: AbortSignal): Promise<number> {
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
        `perflens: warning: window ${k + 1} starts ${(-wait / 1000).toFixed(1)} s late (the previous window took longer than --every)\n`,
      );
    }
    if (signal.aborted) return 130;
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
      return signal.aborted ? 130 : 1;
    }
    if (signal.aborted) return 130;
  }
  return 0;
}

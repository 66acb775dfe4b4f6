/**
 * The attach mode: take a CPU profile window of N seconds from a Node process that is already
 * running — a daemon that never exits, or minute 1 and minute 480 of an 8-hour soak — through
 * the inspector protocol (Profiler.start … Profiler.stop), without restarting it.
 *
 * With a pid and no inspector open, the process is sent SIGUSR1, which makes Node open its
 * inspector (127.0.0.1:9229, or the port of its --inspect-port flag). Node keeps that port open
 * until the process exits — there is no way to close it from outside — so every such window
 * carries a warning saying so. The session itself is always closed: nothing stays attached.
 *
 * The window is written to
 * `<outDir>/profiles/CPU.<YYYYMMDD>.<HHMMSS>.pid-<pid>.window-<n>.cpuprofile`: the engine's
 * `pidFromFileName` reads the pid from the `pid-<pid>` part, so a run folder keeps each window its
 * own profile, tagged with its process. This EXECUTES nothing, but it signals and inspects a
 * process the user named: the caller is responsible for workspace trust.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CdpSession } from './attachCdp';
import { CdpSession as Session } from './attachCdp';
import { listeningPorts } from './attachPorts';
import {
  AttachError,
  checkAlive,
  checkLoopbackUrl,
  confirmOnPorts,
  inspectorPortsFromArgs,
  isAlive,
  readProcInfo,
  targetPid,
} from './attachTarget';

export { AttachError } from './attachTarget';

export interface ProfileWindowOptions {
  /** The Node process to profile (Linux: /proc is read to find its inspector port). */
  readonly pid?: number;
  /** Or its inspector's WebSocket URL, loopback only (ws://127.0.0.1:<port>/<id>). */
  readonly inspectorUrl?: string;
  /** Length of the window. */
  readonly seconds: number;
  /** The run folder; the profile goes to `<outDir>/profiles/`. */
  readonly outDir: string;
  /** V8 sampling interval in microseconds (V8's default is 1000). */
  readonly samplingIntervalUs?: number;
  /**
   * Window label in the file name (letters, digits, `-`, `_`); default: the next free number for
   * this pid.
   */
  readonly label?: string;
  /** Called once the profiler is sampling (for progress UI: "pid P, N s left"). */
  readonly onWindowStart?: (pid: number) => void;
  /**
   * Ends the window early (a Stop button, Ctrl-C): the profile sampled so far is written, with a
   * warning. Aborted before the window began, the call fails and nothing is written.
   */
  readonly signal?: AbortSignal;
  /** How long to wait for the inspector to open after SIGUSR1 (default 5000 ms). */
  readonly openTimeoutMs?: number;
}

export interface ProfileWindowResult {
  readonly file: string;
  readonly pid: number;
  /** Number of samples in the profile (its basis). */
  readonly samples: number;
  /** endTime − startTime of the profile, in ms. */
  readonly durationMs: number;
  readonly warnings: string[];
}

interface CpuProfile {
  nodes: unknown[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Beyond the window itself: connect, start, stop and transfer must fit in this. */
const DEADLINE_SLACK_MS = 15_000;
const SIGUSR1_WARNING = (pid: number, port: number | undefined) =>
  `pid ${pid} was sent SIGUSR1 to open its inspector; Node keeps it listening on ` +
  `127.0.0.1:${port ?? '9229'} until the process exits (anyone on this ` +
  `machine can connect to it meanwhile)`;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
function stamp(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}.${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/** The next free window number for `pid` in `dir` (1 + the highest numeric label seen). */
function nextWindowLabel(dir: string, pid: number): string {
  let max = 0;
  const re = new RegExp(`\\.pid-${pid}\\.window-(\\d+)\\.cpuprofile$`);
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const m = re.exec(f);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return String(max + 1);
}

export function windowFileName(when: Date, pid: number, label: string): string {
  return `CPU.${stamp(when)}.pid-${pid}.window-${label}.cpuprofile`;
}

/**
 * pid → inspector port found earlier in this process (a CLI --repeat, the extension): with
 * --inspect-port=0 the port is in no flag, and after the first window it no longer "appears".
 */
const knownPorts = new Map<number, number>();

/** Connects to the process's inspector, opening it with SIGUSR1 when needed. */
async function connectByPid(
  pid: number,
  openTimeoutMs: number,
  warnings: string[],
): Promise<{ session: CdpSession; port: number }> {
  checkAlive(pid);
  const info = readProcInfo(pid);
  const own = [
    ...inspectorPortsFromArgs(info.argv),
    ...inspectorPortsFromArgs((info.nodeOptions ?? '').split(/\s+/)),
  ];
  const known = knownPorts.get(pid);
  const ports = [...new Set([...(known ? [known] : []), ...own, 9229])];
  const seen = new Map<number, string>();
  const already = await confirmOnPorts(pid, ports, seen, openTimeoutMs);
  if (already) {
    knownPorts.set(pid, already.port);
    warnings.push(
      `pid ${pid} already had its inspector open on 127.0.0.1:${already.port}; it stays open ` +
        `until the process exits, as Node keeps it`,
    );
    return already;
  }
  if (info.catchesSigusr1 === false) {
    throw new AttachError(
      `pid ${pid} (${info.argv.join(' ') || 'unknown command'}) has no SIGUSR1 handler — it ` +
        `is not Node, or was started with --disable-sigusr1 — and SIGUSR1 ` +
        `would terminate it; start it with --inspect=127.0.0.1:<port> and pass ` +
        `the inspector URL instead`,
    );
  }
  if (info.argv.length === 0)
    warnings.push(
      `could not read /proc/${pid}/cmdline; looking for its inspector on port 9229 only`,
    );
  const listeningBefore = listeningPorts(pid);
  process.kill(pid, 'SIGUSR1');
  const until = Date.now() + openTimeoutMs;
  for (;;) {
    // Also any port the process started listening on since the signal (e.g. --inspect-port=0).
    const appeared = [...listeningPorts(pid)].filter((p) => !listeningBefore.has(p));
    const found = await confirmOnPorts(
      pid,
      [...new Set([...ports, ...appeared])],
      seen,
      Math.max(1, until - Date.now()),
    );
    if (found) {
      knownPorts.set(pid, found.port);
      warnings.push(SIGUSR1_WARNING(pid, found.port));
      return found;
    }
    if (!isAlive(pid))
      throw new AttachError(
        `pid ${pid} exited after it was sent SIGUSR1 (before its inspector opened)`,
      );
    if (Date.now() >= until) break;
    await new Promise((r) => setTimeout(r, 100)); // polling a port that is not open yet: nothing to wait on
  }
  const others = [...seen].map(([p, what]) => `127.0.0.1:${p} answers for ${what}`).join('; ');
  throw new AttachError(
    `pid ${pid} did not open an inspector on ` +
      `127.0.0.1:${ports.join('/')} within ${openTimeoutMs} ms after SIGUSR1` +
      (others ? ` (${others})` : '') +
      (listeningBefore.size > 0
        ? `; it listens on ${[...listeningBefore].map((p) => `127.0.0.1:${p}`).join(', ')} — if one of them is an inspector it opened earlier, pass its ws:// URL (from http://127.0.0.1:<port>/json/list)`
        : '') +
      `. If another process holds port 9229, Node cannot bind it (the target prints "Starting ` +
      `inspector … failed: address already in use"): start the target ` +
      `with --inspect-port=<free port>, or pass its ws:// URL.`,
  );
}

async function connectByUrl(
  url: string,
  timeoutMs: number,
  warnings: string[],
): Promise<{ session: CdpSession; pid: number }> {
  await checkLoopbackUrl(url);
  const session = await Session.connect(url, timeoutMs).catch((err: Error) => {
    throw new AttachError(
      `${err.message} (expected a Node inspector listening there; is the process running ` +
        `with --inspect?)`,
    );
  });
  const pid = await targetPid(session).catch(() => undefined);
  if (pid === undefined) {
    warnings.push(`the target at ${url} did not report process.pid; the file name carries pid 0`);
    return { session, pid: 0 };
  }
  return { session, pid };
}

/** Writes under a temporary name, then renames: a folder watcher never sees half a profile. */
function writeProfile(
  dir: string,
  startedAt: Date,
  pid: number,
  label: string,
  profile: CpuProfile,
): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, windowFileName(startedAt, pid, label));
  if (fs.existsSync(file)) throw new AttachError(`${file} already exists; choose another label`);
  const tmp = `${file}.partial`;
  fs.writeFileSync(tmp, JSON.stringify(profile));
  fs.renameSync(tmp, file);
  return file;
}

function withDeadline<T>(
  work: Promise<T>,
  ms: number,
  what: () => string,
  onTimeout: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new AttachError(what()));
    }, ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Takes one CPU profile window and writes it into `<outDir>/profiles/`. Rejects with an AttachError
 * on every expected failure.
 */
export async function profileWindow(options: ProfileWindowOptions): Promise<ProfileWindowResult> {
  checkWindowOptions(options);
  const { seconds } = options;
  const target = options.pid !== undefined ? `pid ${options.pid}` : options.inspectorUrl!;
  // What the deadline needs to say where it gave up and to drop the connection.
  const state: WindowState = { phase: 'connecting' };
  const t0 = Date.now();
  try {
    return await withDeadline(
      takeWindow(options, target, state),
      seconds * 1000 + DEADLINE_SLACK_MS,
      () =>
        `${target}: no answer after ${((Date.now() - t0) / 1000).toFixed(1)} s while ` +
        `${state.phase} (deadline: the ${seconds} s window + ${DEADLINE_SLACK_MS / 1000} s); ` +
        `the target may be blocked (a busy event loop does not stop the profiler, but a paused ` +
        `debugger does)`,
      () => void state.session?.close(0), // an unresponsive peer gets no close handshake
    );
  } catch (err) {
    if (err instanceof AttachError) throw err;
    throw new AttachError(`${target}: ${(err as Error).message}`);
  } finally {
    await state.session?.close();
  }
}

interface WindowState {
  session?: CdpSession;
  /** What the window was doing, for the deadline's message. */
  phase: string;
}

/**
 * How a profile window ended: `elapsed` (its timer), `exiting` (the target's event loop ended),
 * `stopped` (the caller's signal), or else why the connection closed.
 */
type WindowEnd = string;

function checkWindowOptions(options: ProfileWindowOptions): void {
  const { seconds } = options;
  if (!(seconds > 0 && Number.isFinite(seconds)))
    throw new AttachError(`seconds must be a positive number, got ${seconds}`);
  if ((options.pid === undefined) === (options.inspectorUrl === undefined))
    throw new AttachError('give exactly one of pid or inspectorUrl');
  if (options.label !== undefined && !/^[A-Za-z0-9_-]+$/.test(options.label))
    throw new AttachError(`label '${options.label}' may hold only letters, digits, '-' and '_'`);
  if (options.samplingIntervalUs !== undefined && !(options.samplingIntervalUs > 0))
    throw new AttachError(`samplingIntervalUs must be positive, got ${options.samplingIntervalUs}`);
}

/** Connect, start the profiler, wait out the window, stop and write the profile. */
async function takeWindow(
  options: ProfileWindowOptions,
  target: string,
  state: WindowState,
): Promise<ProfileWindowResult> {
  const warnings: string[] = [];
  const { session: s, pid } = await connectTarget(options, warnings);
  state.session = s;
  state.phase = 'starting the profiler';
  const targetExiting = askToBeToldOfExit(s);
  const startedAt = await startProfiler(s, options, target);
  state.phase = `the ${options.seconds} s window`;
  options.onWindowStart?.(pid);
  const ended = await waitForWindowEnd(s, options, targetExiting);
  const seconds = (Date.now() - startedAt.getTime()) / 1000;
  const into = `${seconds.toFixed(1)} s into the ${options.seconds} s profile window`;
  const dir = path.join(options.outDir, 'profiles');
  const label = (): string => options.label ?? nextWindowLabel(dir, pid);
  if (ended === 'exiting') {
    const kept = await keepPartialWindow(s, dir, startedAt, pid, label);
    throw new AttachError(
      `${target}: the process is exiting (its event loop ended) ${into}; ` +
        (kept
          ? `the partial window (${kept.samples} samples) was kept in ${kept.file}`
          : 'no profile could be taken'),
    );
  }
  if (ended === 'stopped') warnings.push(`the window was stopped early, ${into}`);
  else if (ended !== 'elapsed') {
    const gone = pid > 0 && !isAlive(pid) ? `pid ${pid} exited` : 'the connection was lost';
    throw new AttachError(`${target}: ${gone} ${into} (${ended}); no profile was written`);
  }
  state.phase = 'stopping the profiler';
  const profile = await stopProfiler(s, target);
  const file = writeProfile(dir, startedAt, pid, label(), profile);
  const samples = profile.samples?.length ?? 0;
  if (samples === 0)
    warnings.push(
      `the window of ${target} holds no samples (the process may have been idle, or the ` +
        `sampling interval is longer than the window)`,
    );
  const durationMs = (profile.endTime - profile.startTime) / 1000;
  return { file, pid, samples, durationMs, warnings };
}

async function connectTarget(
  options: ProfileWindowOptions,
  warnings: string[],
): Promise<{ session: CdpSession; pid: number }> {
  const openTimeoutMs = options.openTimeoutMs ?? 5000;
  if (options.pid === undefined)
    return connectByUrl(options.inspectorUrl!, openTimeoutMs, warnings);
  const c = await connectByPid(options.pid, openTimeoutMs, warnings);
  return { session: c.session, pid: options.pid };
}

/**
 * A session that stays connected makes a target that is exiting WAIT for it to disconnect
 * ("Waiting for the debugger to disconnect..."): we ask to be told, so a daemon that ends
 * mid-window is let go at once instead of being held until the window is over.
 */
function askToBeToldOfExit(s: CdpSession): Promise<'exiting'> {
  let exiting: () => void = () => undefined;
  const targetExiting = new Promise<'exiting'>((r) => (exiting = () => r('exiting')));
  s.on('NodeRuntime.waitingForDisconnect', () => exiting());
  return targetExiting;
}

/** Enables and starts the profiler; returns when the window began. */
async function startProfiler(
  s: CdpSession,
  options: ProfileWindowOptions,
  target: string,
): Promise<Date> {
  await s
    .send('NodeRuntime.notifyWhenWaitingForDisconnect', { enabled: true })
    .catch(() => undefined);
  await s.send('Profiler.enable');
  if (options.samplingIntervalUs !== undefined)
    await s.send('Profiler.setSamplingInterval', {
      interval: Math.round(options.samplingIntervalUs),
    });
  const startedAt = new Date();
  if (options.signal?.aborted)
    throw new AttachError(
      `${target}: stopped before the profile window began; nothing was written`,
    );
  await s.send('Profiler.start');
  return startedAt;
}

/**
 * The timer IS the profile window. If the target exits meanwhile, it says so (clean exit) or
 * its socket closes (killed, with the reason); the caller's signal stops it early.
 */
async function waitForWindowEnd(
  s: CdpSession,
  options: ProfileWindowOptions,
  targetExiting: Promise<'exiting'>,
): Promise<WindowEnd> {
  let windowTimer: NodeJS.Timeout | undefined;
  let onAbort: () => void = () => undefined;
  const ended = await Promise.race([
    new Promise<'elapsed'>(
      (r) => (windowTimer = setTimeout(() => r('elapsed'), options.seconds * 1000)),
    ),
    targetExiting,
    new Promise<'stopped'>((r) => {
      onAbort = () => r('stopped');
      if (options.signal?.aborted) onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
    }),
    s.closed.then((why) => why),
  ]);
  clearTimeout(windowTimer);
  options.signal?.removeEventListener('abort', onAbort);
  return ended;
}

/** The target's event loop has ended but the inspector still answers: keep what was sampled. */
async function keepPartialWindow(
  s: CdpSession,
  dir: string,
  startedAt: Date,
  pid: number,
  label: () => string,
): Promise<{ file: string; samples: number } | undefined> {
  const partial = await s.send<{ profile: CpuProfile }>('Profiler.stop').catch(() => undefined);
  if (!partial?.profile || !Array.isArray(partial.profile.nodes)) return undefined;
  const file = writeProfile(dir, startedAt, pid, label(), partial.profile);
  return { file, samples: partial.profile.samples?.length ?? 0 };
}

async function stopProfiler(s: CdpSession, target: string): Promise<CpuProfile> {
  const { profile } = await s.send<{ profile: CpuProfile }>('Profiler.stop');
  // The profile is safe; a failing disable must not lose it.
  await s.send('Profiler.disable').catch(() => undefined);
  if (!profile || !Array.isArray(profile.nodes))
    throw new AttachError(`${target}: Profiler.stop returned no profile`);
  return profile;
}

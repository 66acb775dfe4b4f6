/**
 * Finding the inspector of a running Node process, for the attach mode.
 *
 * The inspector's `/json/list` does not say which pid it belongs to, and port 9229 (Node's
 * default) may belong to a different process than the one asked for. So every candidate is
 * CONFIRMED: we connect and ask the target for `process.pid` (Runtime.evaluate). A window is
 * only ever taken from the process the user named.
 *
 * Only loopback is allowed: the inspector is remote code execution; PerfLens never reaches
 * for one on another host.
 */
import { lookup } from 'node:dns/promises';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { isIP } from 'node:net';
import { CdpSession } from './attachCdp';

export class AttachError extends Error {}

const DEFAULT_INSPECTOR_PORT = 9229;

function isLoopbackAddress(addr: string): boolean {
  const a = addr.replace(/^\[|\]$/g, '');
  if (isIP(a) === 4) return a.startsWith('127.');
  if (isIP(a) === 6) return a === '::1' || /^::ffff:127\./i.test(a);
  return false;
}

/**
 * Accepts `ws://<loopback>:<port>/<id>` only; `localhost` must resolve to loopback addresses
 * only (a hosts file could point it elsewhere). Throws an AttachError saying what was expected.
 */
export async function checkLoopbackUrl(url: string): Promise<URL> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AttachError(
      `'${url}' is not a URL; expected ws://127.0.0.1:<port>/<id> (the "Debugger listening ` +
        `on …" line, or webSocketDebuggerUrl from /json/list)`,
    );
  }
  if (u.protocol !== 'ws:')
    throw new AttachError(
      `'${url}': expected a ws:// URL on loopback (ws://127.0.0.1:<port>/<id>), got protocol ` +
        `'${u.protocol}'`,
    );
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') {
    const addrs = await lookup(host, { all: true }).catch(() => []);
    if (addrs.length === 0 || !addrs.every((a) => isLoopbackAddress(a.address))) {
      throw new AttachError(
        `'${url}': localhost does not resolve to loopback only ` +
          `(${addrs.map((a) => a.address).join(', ') || 'no address'}); use ` +
          `ws://127.0.0.1:<port>/<id>`,
      );
    }
  } else if (!isLoopbackAddress(host)) {
    throw new AttachError(
      `refusing '${url}': only loopback inspectors (127.0.0.0/8, ::1, localhost) can be ` +
        `attached to — an inspector is remote code execution, PerfLens does ` +
        `not reach for one on another host`,
    );
  }
  return u;
}

export interface ProcInfo {
  readonly argv: readonly string[];
  /** NODE_OPTIONS from the process's environment, when readable. */
  readonly nodeOptions: string | undefined;
  /** Whether SIGUSR1 has a handler (SigCgt); undefined when /proc/<pid>/status is unreadable. */
  readonly catchesSigusr1: boolean | undefined;
}

function readProcFile(pid: number, name: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return undefined;
  }
}

export function readProcInfo(pid: number): ProcInfo {
  const argv = (readProcFile(pid, 'cmdline') ?? '').split('\0').filter((s) => s !== '');
  const environ = (readProcFile(pid, 'environ') ?? '').split('\0');
  const nodeOptions = environ
    .find((e) => e.startsWith('NODE_OPTIONS='))
    ?.slice('NODE_OPTIONS='.length);
  const sigCgt = /^SigCgt:\s*([0-9a-f]+)$/im.exec(readProcFile(pid, 'status') ?? '')?.[1];
  // SIGUSR1 is signal 10 on Linux → bit 9 of the mask. Node installs a handler at startup (it
  // opens the inspector); without one the default action TERMINATES the process.
  const catchesSigusr1 =
    sigCgt === undefined ? undefined : (BigInt(`0x${sigCgt}`) & (1n << 9n)) !== 0n;
  return { argv, nodeOptions, catchesSigusr1 };
}

/**
 * Inspector ports named by `--inspect[-brk|-port|-wait][=[host:]port]` flags (also `--debug-port`),
 * in argv order. Flags after the script are the script's own, but a daemon rarely reuses these
 * names, and every port is confirmed by pid anyway.
 */
export function inspectorPortsFromArgs(args: readonly string[]): number[] {
  const ports: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const m = /^--(?:inspect(?:-brk|-port|-wait)?|debug-port)(?:=(.*))?$/.exec(args[i]);
    if (!m) continue;
    let value = m[1];
    if (value === undefined && /^--(?:inspect-port|debug-port)$/.test(args[i])) value = args[++i];
    if (value === undefined || value === '') {
      ports.push(DEFAULT_INSPECTOR_PORT);
      continue;
    }
    const port = Number(/(?:^|:)(\d+)$/.exec(value)?.[1]);
    if (Number.isInteger(port) && port > 0 && port < 65536) ports.push(port);
  }
  return ports;
}

/** `GET http://127.0.0.1:<port>/json/list` → the targets' WebSocket URLs (empty when nothing answers). */
export function listTargets(port: number, timeoutMs = 1000): Promise<string[]> {
  return new Promise((resolve) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: '/json/list', timeout: timeoutMs },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c.length + body.length < 1 << 20 ? c : ''));
        res.on('end', () => {
          try {
            const list = JSON.parse(body) as Array<{ webSocketDebuggerUrl?: unknown }>;
            resolve(
              Array.isArray(list)
                ? list
                    .map((t) => t.webSocketDebuggerUrl)
                    .filter((u): u is string => typeof u === 'string')
                : [],
            );
          } catch {
            resolve([]);
          }
        });
        res.on('error', () => resolve([]));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve([]));
  });
}

/** Asks the target which process it is. */
export async function targetPid(session: CdpSession): Promise<number | undefined> {
  const r = await session.send<{ result?: { value?: unknown } }>('Runtime.evaluate', {
    expression: 'process.pid',
    returnByValue: true,
  });
  return typeof r.result?.value === 'number' ? r.result.value : undefined;
}

export interface Confirmed {
  readonly session: CdpSession;
  readonly port: number;
}

/**
 * Tries each port: lists its targets, connects, and keeps the session whose `process.pid` is
 * `pid`. Sessions to other processes are closed at once. `seen` collects "port → pid" for the
 * error message when nothing matches.
 */
export async function confirmOnPorts(
  pid: number,
  ports: readonly number[],
  seen: Map<number, string>,
  timeoutMs: number,
): Promise<Confirmed | undefined> {
  for (const port of ports) {
    const urls = await listTargets(port, Math.min(1000, timeoutMs));
    if (urls.length === 0) continue;
    for (const url of urls) {
      if (!isLoopbackAddress(new URL(url).hostname) && new URL(url).hostname !== 'localhost') {
        seen.set(port, `a target at a non-loopback URL (${url}), ignored`);
        continue;
      }
      let session: CdpSession | undefined;
      try {
        // At least 500 ms even near the caller's deadline: a handshake cut shorter says nothing.
        session = await CdpSession.connect(url, Math.max(500, Math.min(2000, timeoutMs)));
        const got = await targetPid(session);
        if (got === pid) return { session, port };
        seen.set(port, `pid ${got ?? 'unknown'}`);
      } catch (err) {
        // Keep what an earlier probe learned (which pid answers there) over a later hiccup.
        if (!seen.get(port)?.startsWith('pid '))
          seen.set(port, `unreachable (${(err as Error).message})`);
      }
      await session?.close();
    }
  }
  return undefined;
}

/** Throws a clear AttachError unless `pid` is a live process we may signal. */
export function checkAlive(pid: number): void {
  if (!Number.isInteger(pid) || pid <= 0)
    throw new AttachError(`'${pid}' is not a process id (expected a positive whole number)`);
  try {
    process.kill(pid, 0);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ESRCH')
      throw new AttachError(`no process with pid ${pid} (it is not running, or it already exited)`);
    if (code === 'EPERM')
      throw new AttachError(
        `not permitted to signal pid ${pid} (it belongs to another user); run PerfLens as ` +
          `that user or pass the inspector URL`,
      );
    throw new AttachError(`cannot check pid ${pid}: ${(err as Error).message}`);
  }
  if (!isAlive(pid))
    throw new AttachError(`pid ${pid} has exited (a zombie its parent has not reaped yet)`);
}

/**
 * Alive = signalable and not a zombie (an exited child its parent has not reaped yet still answers
 * kill(pid, 0)).
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = readProcFile(pid, 'stat');
  return stat === undefined || !/\)\s+[ZX]\s/.test(stat);
}

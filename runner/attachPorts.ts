/**
 * Which TCP ports a process is listening on (Linux /proc), so the attach mode can find an
 * inspector whose port no flag names — `--inspect-port=0` makes Node pick any free port.
 *
 * Only the DIFFERENCE before/after SIGUSR1 is probed: a port that appeared right after the
 * signal is the inspector, and the daemon's own servers (which might not speak HTTP at all)
 * are never sent a request.
 */
import * as fs from 'node:fs';

/** Socket inodes held by `pid` (empty when its fds are unreadable: another user, or gone). */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  let fds: string[];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]);
    } catch {
      /* closed meanwhile */
    }
  }
  return inodes;
}

/**
 * TCP ports in LISTEN state (st 0A) owned by `pid`, from its network namespace's tcp/tcp6 tables.
 */
export function listeningPorts(pid: number): Set<number> {
  const ports = new Set<number>();
  const inodes = socketInodes(pid);
  if (inodes.size === 0) return ports;
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '0A' || !inodes.has(f[9])) continue;
      const port = parseInt(f[1].split(':')[1] ?? '', 16);
      if (port > 0) ports.add(port);
    }
  }
  return ports;
}

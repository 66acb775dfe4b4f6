/**
 * The run's watchdog: a tiny `/bin/sh` process that holds the read end of a pipe from the
 * runner. If the runner dies in any way — including SIGKILL, where no exit hook of ours runs —
 * the kernel closes the pipe, `read` sees end-of-file, and the watchdog ends the target's
 * process group and the members that left it (SIGINT, the grace period, SIGKILL), so nothing
 * is orphaned. A runner that ends normally writes `done` first, and the watchdog exits quietly.
 *
 * Why a shell script and not a Node process: it must survive its parent, start fast and cost
 * nothing while it waits, and inside the editor `process.execPath` is Electron, not Node.
 * It runs in its own process group (detached), so a terminal's Ctrl-C to the CLI's group, or
 * a `kill -9 -<cli group>`, does not take the watchdog down with the runner.
 */
import { spawn, type ChildProcess } from 'node:child_process';

// $1 = process group, $2 = grace in seconds; stdin lines: "pid N" (a member outside the group),
// "done" (the runner finished the run itself). dash's `kill` takes no `--` and goes on past a
// pid that no longer exists, so one call reaches everything that is left.
const SCRIPT = `pgid=$1; grace=$2; pids=
while IFS= read -r line; do
  case $line in
    done) exit 0 ;;
    pid\\ *) pids="$pids \${line#pid }" ;;
  esac
done
kill -INT -$pgid $pids 2>/dev/null
sleep $grace
kill -KILL -$pgid $pids 2>/dev/null
exit 0`;

export class Watchdog {
  private readonly child: ChildProcess | undefined;

  /** Starts watching `pgid`; on platforms without /bin/sh there is no watchdog. */
  constructor(pgid: number, graceMs: number) {
    if (process.platform === 'win32' || pgid <= 1) return;
    try {
      this.child = spawn(
        '/bin/sh',
        ['-c', SCRIPT, 'perflens-watchdog', String(pgid), (graceMs / 1000).toFixed(3)],
        { detached: true, stdio: ['pipe', 'ignore', 'ignore'] },
      );
    } catch {
      return;
    }
    this.child.on('error', () => undefined);
    this.child.stdin!.on('error', () => undefined);
    // Neither the watchdog nor its pipe may keep the runner's event loop alive.
    this.child.unref();
    (this.child.stdin as unknown as { unref?: () => void }).unref?.();
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** A member that left the process group: the watchdog must end it by pid. */
  addPid(pid: number): void {
    this.child?.stdin?.write(`pid ${pid}\n`);
  }

  /** The run ended normally: the watchdog exits without signalling anything. */
  release(): void {
    this.child?.stdin?.end('done\n');
  }
}

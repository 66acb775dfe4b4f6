/**
 * Sample wallet daemon: the target of PerfLens's own demo and integration tests.
 *
 * It runs wallet payments at a fixed rate (or flat out), each fanning out into several
 * `OrbitDbAdapter.putEntry` writes against a loopback fake-IPFS server, prints its throughput
 * every second and a final `done:` line, and dumps perf counters when `SPHERE_PERF=1`.
 * It deliberately installs no signal handlers — PerfLens must still get its CPU profile.
 */
import { parseArgs, type DaemonOptions } from './args';
import { startServer } from './ipfs-server';
import { OrbitDbAdapter } from './orbitdb-adapter';
import { dumpAndReset, stopAutoDump } from './perf-counters';
import { Wallet } from './wallet';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function run(o: DaemonOptions): Promise<void> {
  // Set once the server is up; the server's handler reads it (and answers 503 until then).
  // eslint-disable-next-line prefer-const
  let wallet: Wallet | undefined;
  const server = await startServer(o.port, o.latencyMs, async (body) => {
    if (!wallet) return { status: 503, body: 'starting' };
    await wallet.receive(body);
    return { status: 200, body: 'ok' };
  });
  const db = new OrbitDbAdapter(server.url, o.encodeRounds);
  wallet = new Wallet(o.name, db, o.batch, o.peer);
  console.log(
    `${o.name}: listening on ${server.url} (pid ${process.pid}, batch=${o.batch}, ops/s ` +
      `target=${o.opsPerSec || 'max'})`,
  );

  if (o.crashAfterS !== undefined) {
    setTimeout(() => {
      throw new Error(`${o.name}: simulated crash after ${o.crashAfterS}s (--crash-after)`);
    }, o.crashAfterS * 1000);
  }

  const t0 = performance.now();
  const endAt = o.durationS > 0 ? t0 + o.durationS * 1000 : Infinity;
  let ops = 0;
  let windowOps = 0;
  let windowStart = t0;
  while (performance.now() < endAt && (o.maxOps === 0 || ops < o.maxOps)) {
    try {
      await wallet.send(1 + (ops % 10));
      ops++;
      windowOps++;
    } catch (err) {
      wallet.stats.errors++;
      if (wallet.stats.errors <= 5 || wallet.stats.errors % 100 === 0)
        console.error(
          `${o.name}: operation failed (${wallet.stats.errors} so far): ${(err as Error).message}`,
        );
      await sleep(50);
    }
    const now = performance.now();
    if (now - windowStart >= 1000) {
      console.log(
        `${o.name}: ops/s=${(windowOps / ((now - windowStart) / 1000)).toFixed(1)} total=${ops}`,
      );
      windowOps = 0;
      windowStart = now;
    }
    if (o.opsPerSec > 0) {
      const due = t0 + (ops * 1000) / o.opsPerSec;
      if (due > now) await sleep(due - now);
    } else if (ops % 64 === 0) {
      await new Promise<void>((r) => setImmediate(r)); // let timers and peers in when running flat out
    }
  }
  const elapsedS = (performance.now() - t0) / 1000;
  // Keep serving so the peer's last payments land before we go.
  if (o.lingerS > 0) await sleep(o.lingerS * 1000);
  stopAutoDump();
  dumpAndReset();
  await server.close();
  const s = wallet.stats;
  // CPU time of the whole process (all threads, so a profiler's sampling thread counts too):
  // a cost measure that holds up better than ops/s on a machine shared with other work.
  const cpu = process.cpuUsage();
  console.log(
    `${o.name}: done ops=${ops} elapsed_s=${elapsedS.toFixed(2)} ops_per_s=${(ops / elapsedS).toFixed(1)} ` +
      `sent=${s.sent} acked=${s.sentAcked} received=${s.received} balance=${s.balance} errors=${s.errors} ` +
      `cpu_ms=${Math.round((cpu.user + cpu.system) / 1000)}`,
  );
}

let options: DaemonOptions;
try {
  options = parseArgs(process.argv.slice(2));
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
run(options).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

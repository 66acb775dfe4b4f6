/**
 * A generated run folder the size of a real soak: `processes` processes dumping their counters
 * every `dumpMs` for `durationS` seconds into `script.log` (the perf-counters `util.inspect` form,
 * each line prefixed with its process, as the soak script writes it), one `samples.tsv` row per
 * process per second, and `run.json`. Deterministic (mulberry32), so every run is the same input.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from './seededRandom';

export interface SyntheticRunOptions {
  readonly dir: string;
  readonly processes?: readonly string[];
  readonly durationS?: number;
  readonly dumpMs?: number;
  /** Timers per process (each with a `.calls`-style count beside it). */
  readonly timers?: number;
}

const FAMILIES = ['orbitdb.putEntry', 'ipfs.fetchCar', 'ipfs.pinCar', 'flushScheduler', 'wallet'];

/** Writes the folder; returns the number of dumps and of script.log bytes. */
export function generateRun(o: SyntheticRunOptions): { dumps: number; logBytes: number } {
  const processes = o.processes ?? ['alice', 'bob', 'carol'];
  const durationS = o.durationS ?? 3600;
  const dumpMs = o.dumpMs ?? 5000;
  const timers = o.timers ?? 20;
  const r = mulberry32(7);
  const start = Date.parse('2026-12-01T10:00:00.000Z');
  mkdirSync(o.dir, { recursive: true });
  const names = Array.from(
    { length: timers },
    (_, k) => `${FAMILIES[k % FAMILIES.length]}.step${Math.floor(k / FAMILIES.length)}`,
  );
  const log: string[] = ['=== soak iteration start ==='];
  let dumps = 0;
  for (let t = dumpMs; t <= durationS * 1000; t += dumpMs) {
    for (const p of processes) {
      const at = new Date(start + t + processes.indexOf(p) * 7).toISOString();
      log.push(`[${p}] [${at}] [INFO ] [perf] [perf-counters] snapshot: {`);
      const cells = names.map((n, k) => {
        const count = 1 + Math.floor(r() * 40);
        const avg = 0.5 + r() * (k + 1);
        const total = Math.round(count * avg * 1000) / 1000;
        const max = Math.round(avg * (1 + r()) * 1000) / 1000;
        return `[${p}]   '${n}': { count: ${count}, totalMs: ${total}, avgMs: ${Math.round(avg * 1000) / 1000}, maxMs: ${max} }`;
      });
      cells.push(
        `[${p}]   'ipfs.fetchCar.bytes': { count: ${Math.floor(r() * 1e6)}, totalMs: 0, avgMs: 0, maxMs: 0 }`,
      );
      log.push(cells.join(',\n'), `[${p}] }`);
      dumps++;
    }
  }
  const text = `${log.join('\n')}\n`;
  writeFileSync(join(o.dir, 'script.log'), text);
  const samples = ['time\telapsed_s\tpid\tname\tcpu_pct\trss_kb'];
  for (let s = 1; s <= durationS; s++)
    processes.forEach((_, k) =>
      samples.push(
        `${new Date(start + s * 1000).toISOString()}\t${s}\t${1000 + k}\tnode\t${(r() * 80).toFixed(1)}\t${Math.round(60000 + r() * 20000 + s * 5)}`,
      ),
    );
  writeFileSync(join(o.dir, 'samples.tsv'), `${samples.join('\n')}\n`);
  writeFileSync(
    join(o.dir, 'run.json'),
    JSON.stringify({
      command: ['node', 'soak.mjs', '--duration', String(durationS)],
      startTime: new Date(start).toISOString(),
      endTime: new Date(start + durationS * 1000 + 500).toISOString(),
      exitCode: 0,
      env: { SPHERE_PERF: '1', SPHERE_PERF_DUMP_MS: String(dumpMs) },
    }),
  );
  return { dumps, logBytes: Buffer.byteLength(text) };
}

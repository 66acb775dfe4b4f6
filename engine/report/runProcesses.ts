/**
 * The processes of a run as run.json lists them: each pid's name (its `--name` argument, else the
 * script it ran) and its own span (first sighting to its exit, or to the run's end), so a
 * counter's "% of wall" is over the time that process was alive and a CPU/RSS series is called
 * `alice`, not `node`. Pure: it reads the manifest and the samples already parsed.
 */
import type { Sample } from '../soak/samples';
import { formatDuration } from '../../protocol/format';

export interface RunProcess {
  readonly pid: number;
  /** `alice` (its `--name`), else the script's file name (`soak.mjs`), else the program's. */
  readonly name: string;
  /** Epoch ms of the process's own span: first sighting → exit (or the run's end). */
  readonly startMs?: number;
  readonly endMs?: number;
  /** How `startMs`…`endMs` was found, in words a user reads under a table. */
  readonly spanBasis?: string;
}

/** A process's name from its argv: `--name X` / `--name=X`, else its script, else its program. */
export function processNameOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--name' && typeof argv[i + 1] === 'string' && argv[i + 1] !== '')
      return argv[i + 1];
    if (argv[i].startsWith('--name=') && argv[i].length > 7) return argv[i].slice(7);
  }
  const base = (p: string): string => p.split(/[\\/]/).pop() ?? p;
  // The first argument after the program that is not an option and looks like a file.
  const script = argv.slice(1).find((a) => !a.startsWith('-') && /[\\/]|\.[cm]?[jt]s$/.test(a));
  if (script) return base(script);
  return argv.length ? base(argv[0]) : undefined;
}

const epoch = (v: unknown): number | undefined => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : undefined;
};

/**
 * Each process of run.json's `processes` with its name and span. A pid whose samples stop before
 * the run's last sample exited then (the sampler saw it last at that time); otherwise it lived to
 * the run's end.
 */
export function runProcesses(
  manifest: Record<string, unknown> | undefined,
  samples: readonly Sample[] = [],
): RunProcess[] {
  const list = manifest?.processes;
  if (!Array.isArray(list)) return [];
  const runStart = epoch(manifest?.startTime);
  const runEnd = epoch(manifest?.endTime);
  const lastSeen = new Map<number, number>();
  let lastSample = -Infinity;
  for (const s of samples) {
    if (s.timeMs < 1e11) continue; // elapsed-only times cannot be set against run.json's clock
    lastSample = Math.max(lastSample, s.timeMs);
    if (s.pid !== undefined) lastSeen.set(s.pid, Math.max(lastSeen.get(s.pid) ?? 0, s.timeMs));
  }
  const out: RunProcess[] = [];
  for (const p of list as unknown[]) {
    if (p === null || typeof p !== 'object') continue;
    const r = p as Record<string, unknown>;
    if (typeof r.pid !== 'number') continue;
    const argv = Array.isArray(r.argv)
      ? r.argv.filter((a): a is string => typeof a === 'string')
      : [];
    const name = processNameOf(argv) ?? `pid ${r.pid}`;
    const first = typeof r.firstSeenMs === 'number' ? r.firstSeenMs : undefined;
    const seen = lastSeen.get(r.pid);
    const exitedEarly = seen !== undefined && seen < lastSample;
    const end = exitedEarly ? seen : runEnd;
    const startMs = first ?? runStart;
    const span =
      startMs !== undefined && end !== undefined && end > startMs
        ? { startMs, endMs: end, spanBasis: spanWords(startMs, runStart, first, exitedEarly) }
        : {};
    out.push({ pid: r.pid, name, ...span });
  }
  return out;
}

function spanWords(
  startMs: number,
  runStart: number | undefined,
  first: number | undefined,
  exitedEarly: boolean,
): string {
  const from =
    first === undefined
      ? "from the run's start"
      : runStart !== undefined && startMs - runStart >= 1
        ? `from when it was first seen, ${formatDuration(startMs - runStart)} after the run started,`
        : 'from when it was first seen';
  const to = exitedEarly
    ? 'to its last sample (it exited before the run ended)'
    : "to the run's end";
  return `${from} ${to}`;
}

/**
 * One iteration (a run folder already read by engine/soak) → its metrics. Pure: the file edge
 * (loadSide.ts) reads the folder, the latency files, the profiles and machine.tsv and hands the
 * results in.
 */
import type { EngineDiagnostic } from '../diagnostics';
import type { RunModel } from '../soak';
import type { FunctionRow } from '../profile';
import { DiagnosticsField } from './diagnosticsFields';
import {
  histogramPercentiles,
  type LatencyBasis,
  type LatencyHistogram,
} from './latencyHistograms';
import { LATENCY_PERCENTILES, percentile } from './latencySamples';
import {
  Better,
  IterationCorrectness,
  IterationLoad,
  IterationMetrics,
  MetricGroup,
  MetricValue,
} from './metricTypes';

export interface IterationInputs {
  readonly run: RunModel;
  /** Raw latency samples by metric name (latency/<name>.txt). */
  readonly latency?: ReadonlyMap<string, readonly number[]>;
  /** Latency histograms found in the run's logs; a name with raw samples keeps the raw ones. */
  readonly latencyHistograms?: readonly LatencyHistogram[];
  readonly diagnosticsFields?: readonly DiagnosticsField[];
  /** Function rows of the iteration's CPU profiles (all processes merged), in ms. */
  readonly functions?: readonly FunctionRow[];
  readonly load?: IterationLoad;
  readonly problems?: readonly EngineDiagnostic[];
}

/** Soak scripts' own summary-metrics.json spellings of the wall-clock, with their scale to ms. */
const WALL_KEYS: ReadonlyArray<readonly [string, number]> = [
  ['wallClockMs', 1],
  ['wall_clock_ms', 1],
  ['wall_ms', 1],
  ['duration_ms', 1],
  ['elapsed_ms', 1],
  ['wall_clock_s', 1000],
  ['wall_s', 1000],
  ['duration_s', 1000],
  ['elapsed_s', 1000],
];

export function wallClockOf(run: RunModel): number | undefined {
  const m = run.manifest;
  if (m && typeof m.startTime === 'string' && typeof m.endTime === 'string') {
    const w = Date.parse(m.endTime) - Date.parse(m.startTime);
    if (Number.isFinite(w) && w > 0) return w;
  }
  const s = run.summaryMetrics;
  if (s)
    for (const [k, scale] of WALL_KEYS) {
      const v = s[k];
      if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v * scale;
    }
  return undefined;
}

function exitOf(run: RunModel): Pick<IterationCorrectness, 'exit' | 'exitDetail'> {
  const m = run.manifest ?? {};
  const s = run.summaryMetrics ?? {};
  const sExit = (s.exit ?? {}) as Record<string, unknown>;
  const code = [m.exitCode, sExit.code, s.exit_code, s.exitCode].find(
    (v) => typeof v === 'number' || v === null,
  );
  const signal = [m.signal, sExit.signal].find((v) => typeof v === 'string');
  const status = [m.status, sExit.status].find((v) => typeof v === 'string');
  const raw =
    typeof signal === 'string'
      ? `signal ${signal}`
      : typeof code === 'number'
        ? `exit code ${code}`
        : undefined;
  // PerfLens's run.json has already judged the outcome: a `--duration` stop the target answered
  // cleanly is `completed` although a cpu-prof Node target then exits 130 (the preload exits on
  // SIGINT). So its status decides; raw codes decide only for folders of tools that write none.
  if (status === 'completed')
    return {
      exit: 'ok',
      exitDetail:
        code === 0 || raw === undefined ? (raw ?? 'status completed') : `completed (${raw})`,
    };
  if (typeof status === 'string' && status !== 'running')
    return { exit: 'failed', exitDetail: raw ?? `status ${status}` };
  if (typeof signal === 'string') return { exit: 'failed', exitDetail: `signal ${signal}` };
  if (typeof code === 'number')
    return code === 0
      ? { exit: 'ok', exitDetail: 'exit code 0' }
      : { exit: 'failed', exitDetail: `exit code ${code}` };
  return { exit: 'unknown' };
}

/** Relative source path for matching functions across runs of different checkouts. */
function relativeFile(file: string | null, cwd: string | undefined): string {
  if (!file) return '';
  let f = file.replace(/^file:\/\//, '');
  if (cwd && f.startsWith(cwd.endsWith('/') ? cwd : `${cwd}/`))
    f = f.slice(cwd.length + (cwd.endsWith('/') ? 0 : 1));
  return f;
}

export function iterationMetrics(input: IterationInputs): IterationMetrics {
  const { run } = input;
  const metrics = new Map<string, MetricValue>();
  const put = (
    id: string,
    group: MetricGroup,
    unit: string,
    better: Better,
    value: number | undefined,
    basis?: LatencyBasis,
  ): void => {
    if (value !== undefined && Number.isFinite(value))
      metrics.set(id, { id, group, unit, better, value, ...(basis ? { basis } : {}) });
  };
  const wall = wallClockOf(run);
  put('wall-clock', 'wall-clock', 'ms', 'lower', wall);

  for (const c of run.counters?.totals ?? []) {
    if (c.kind === 'timer') put(`counter:${c.name}:total`, 'counter', 'ms', 'lower', c.totalMs);
    put(
      `counter:${c.name}:count`,
      'counter',
      c.unit ?? (c.kind === 'timer' ? 'calls' : 'count'),
      'none',
      c.count,
    );
    const seconds = (wall ?? run.counters?.wallClockMs ?? 0) / 1000;
    if (seconds > 0)
      put(
        `counter:${c.name}:rate`,
        'counter',
        `${c.unit ?? (c.kind === 'timer' ? 'calls' : 'count')}/s`,
        'none',
        c.count / seconds,
      );
  }

  const res = run.resources?.total;
  if (res && res.samples > 0) {
    put('resource:cpu:avg', 'resource', '%', 'lower', res.avgCpuPct);
    put('resource:cpu:max', 'resource', '%', 'lower', res.maxCpuPct);
    put('resource:rss:avg', 'resource', 'KiB', 'lower', res.avgRssKb);
    put('resource:rss:max', 'resource', 'KiB', 'lower', res.maxRssKb);
  } else if (run.summaryMetrics) {
    // A soak script's own summary (e.g. avg_rss_mb, max_cpu_pct), already over its active window.
    const s = run.summaryMetrics;
    const n = (k: string): number | undefined => (typeof s[k] === 'number' ? s[k] : undefined);
    put('resource:cpu:avg', 'resource', '%', 'lower', n('avg_cpu_pct'));
    put('resource:cpu:max', 'resource', '%', 'lower', n('max_cpu_pct'));
    const mb = (k: string): number | undefined => (n(k) === undefined ? undefined : n(k)! * 1024);
    put('resource:rss:avg', 'resource', 'KiB', 'lower', n('avg_rss_kb') ?? mb('avg_rss_mb'));
    put('resource:rss:max', 'resource', 'KiB', 'lower', n('max_rss_kb') ?? mb('max_rss_mb'));
  }

  for (const f of input.diagnosticsFields ?? []) {
    const leaf = f.path.slice(f.path.lastIndexOf('.') + 1);
    const better: Better = /per_?s(ec)?$|throughput|ok$|success/i.test(leaf)
      ? 'higher'
      : /drop|error|fail|over_|dwell|_ms$|_ns$|latency|lag|wait|retr/i.test(leaf)
        ? 'lower'
        : 'none';
    put(`diag:${f.path}:${f.kind}`, 'diagnostics', f.kind === 'rate' ? '/s' : '', better, f.value);
  }

  const raw = new Set<string>();
  for (const [name, values] of input.latency ?? [])
    if (values.length > 0) {
      raw.add(name);
      for (const [label, q] of LATENCY_PERCENTILES)
        put(`latency:${name}:${label}`, 'latency', 'ms', 'lower', percentile(values, q), {
          kind: 'raw',
          samples: values.length,
        });
    }
  // Raw samples win: a histogram of the same name is only an estimate of them.
  for (const h of input.latencyHistograms ?? [])
    if (!raw.has(h.name))
      for (const p of histogramPercentiles(h))
        put(`latency:${h.name}:${p.label}`, 'latency', 'ms', 'lower', p.estimate.value, p.basis);

  if (input.functions && wall) {
    const cwd = typeof run.manifest?.cwd === 'string' ? run.manifest.cwd : undefined;
    const perSecond = 1000 / wall;
    const seen = new Map<string, { self: number; total: number }>();
    for (const f of input.functions) {
      if (f.selfMs === null || f.totalMs === null) continue;
      // Time the VM spent idle, and the root, are not anybody's CPU cost.
      if (!f.file && (f.name === '(idle)' || f.name === '(root)')) continue;
      const file = relativeFile(f.file, cwd);
      const key = file ? `${f.name} (${file})` : f.name;
      const e = seen.get(key) ?? { self: 0, total: 0 };
      // The same function at two positions (line shifts, two processes' copies) is one function.
      e.self += f.selfMs;
      e.total = Math.max(e.total, f.totalMs);
      seen.set(key, e);
    }
    for (const [key, e] of seen) {
      put(`function:${key}:self`, 'function', 'ms CPU/s', 'lower', e.self * perSecond);
      put(`function:${key}:total`, 'function', 'ms CPU/s', 'lower', e.total * perSecond);
    }
  }

  const a = run.assertions;
  return {
    dir: run.dir,
    label: run.name,
    correctness: {
      pass: a?.pass ?? 0,
      fail: a?.fail ?? 0,
      failures: a?.failures.map((f) => f.text) ?? [],
      ...exitOf(run),
    },
    metrics,
    load: input.load,
    problems: input.problems ?? [],
  };
}

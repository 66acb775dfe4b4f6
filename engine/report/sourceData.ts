/**
 * The panel's data for one source (protocol/sourceData.ts), from the same report sections the CLI
 * prints, so a number is the same wherever it is shown. Pure: the sections are read elsewhere.
 *
 * Per-process rows, not sums: "% of wall" is only meaningful per process (a counter's time over
 * that process's wall-clock); the panel and the Markdown combine processes explicitly and say so.
 */
import * as path from 'node:path';
import { formatDiagnostic, type EngineDiagnostic } from '../diagnostics';
import type { CounterRun, ProcessCounters, WallClockBasis } from '../counters/counterRun';
import type { RunModel } from '../soak/readRunFolder';
import type { ProfileSection } from './profileReport';
import type { CounterSection } from './counterReport';
import { sourceLine } from './markdownReport';
import { parseNativeName } from '../profile/nativeNames';
import { runProcesses, type RunProcess } from './runProcesses';
import { resourceSummaryData } from './resourceSummary';
import type {
  AssertionData,
  CounterData,
  CounterProcess,
  CounterProcessRow,
  CounterSeries,
  FunctionData,
  NativeFrame,
  ResourceSeries,
  SourceData,
  SourceWarning,
  SummaryData,
  TimelineData,
} from '../../protocol/sourceData';

export function warningOf(d: EngineDiagnostic): SourceWarning {
  return {
    severity: d.severity,
    file: d.file,
    ...(d.line !== undefined ? { line: d.line } : {}),
    ...(d.column !== undefined ? { column: d.column } : {}),
    ...(d.offset !== undefined ? { offset: d.offset } : {}),
    text: formatDiagnostic(d),
  };
}

// An evented profile has no sample count (null): it has data when it has functions.
const hasProfile = (p: ProfileSection): boolean =>
  p.processes.length > 0 && (p.totalSamples ?? p.functions.length) > 0;
const hasCounters = (c: CounterSection): boolean =>
  c.counters.length > 0 ||
  c.resources !== undefined ||
  c.assertions !== undefined ||
  (c.runs?.length ?? 0) > 0;

/** A run's counter processes, named `run/process` in a soak so iterations stay apart. */
interface NamedRun {
  readonly prefix: string;
  readonly run?: RunModel;
  readonly counters?: CounterRun;
  /** run.json's processes, named and with their own spans (none for a log or a live run). */
  readonly processes: readonly RunProcess[];
}

function namedRuns(c: CounterSection): NamedRun[] {
  const runs = c.models?.runs ?? [];
  if (c.models?.log) return [{ prefix: '', counters: c.models.log, processes: [] }];
  return runs.map((r) => ({
    prefix: c.input === 'soak' ? `${r.name}/` : '',
    run: r,
    counters: r.counters,
    processes: runProcesses(r.manifest, r.samples),
  }));
}

const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

type Row = Omit<CounterProcessRow, 'wallPct' | 'parent' | 'ofParentPct' | 'perParentCall'>;

/** Adds % of wall and the parent breakdown to one process's (or the combination's) rows. */
function finish(rows: Row[], wallPct: (r: Row) => number | null): CounterProcessRow[] {
  const timers = new Map(rows.filter((r) => r.kind === 'timer').map((r) => [r.name, r]));
  return rows.map((r) => {
    // The nearest enclosing timer: `a.b` for `a.b.c`, else `a` (dotted names nest by prefix).
    let parent: Row | undefined;
    for (let i = r.name.lastIndexOf('.'); i > 0 && !parent; i = r.name.lastIndexOf('.', i - 1))
      parent = timers.get(r.name.slice(0, i));
    const breakdown = !parent
      ? {}
      : r.kind === 'timer'
        ? {
            parent: parent.name,
            ofParentPct: parent.totalMs > 0 ? round((r.totalMs / parent.totalMs) * 100, 1) : 0,
          }
        : {
            parent: parent.name,
            perParentCall: parent.count > 0 ? round(r.count / parent.count, 2) : 0,
          };
    return { ...r, wallPct: wallPct(r), ...breakdown };
  });
}

/** The run's wall-clock basis in words. */
export function runWallClockWords(basis: WallClockBasis): string {
  return basis === 'given'
    ? 'run.json start to end'
    : basis === 'timestamps'
      ? 'first to last counter dump'
      : 'counter windows × dump interval';
}

/**
 * One process's own wall-clock: its span in run.json (first sighting to exit or the run's end),
 * found by its name; else what the counter run measured for it, said in words.
 */
function processWall(
  p: ProcessCounters,
  procs: readonly RunProcess[],
): { wallClockMs: number; spanBasis: string } {
  const same = procs.filter((x) => x.name === p.source);
  const own = same.length === 1 ? same[0] : undefined;
  if (own?.startMs !== undefined && own.endMs !== undefined)
    return { wallClockMs: own.endMs - own.startMs, spanBasis: own.spanBasis! };
  return {
    wallClockMs: p.wallClockMs,
    spanBasis:
      p.wallClockBasis === 'given'
        ? "the run's wall-clock, run.json start to end (the process is not in run.json's list)"
        : p.wallClockBasis === 'timestamps'
          ? 'from its first to its last counter dump, plus one dump interval'
          : 'its counter windows × the dump interval',
  };
}

function counterData(
  wallClockBasis: WallClockBasis,
  wallClockMs: number,
  runs: readonly NamedRun[],
): CounterData | undefined {
  const processes: CounterProcess[] = [];
  const rows: CounterProcessRow[] = [];
  let interval = 5000;
  const combined = new Map<string, Row & { share: number }>();
  for (const nr of runs) {
    if (!nr.counters) continue;
    interval = nr.counters.dumpIntervalMs;
    for (const p of nr.counters.processes) {
      const index = processes.length;
      const wall = processWall(p, nr.processes);
      processes.push({
        name: `${nr.prefix}${p.source}`,
        wallClockMs: wall.wallClockMs,
        spanBasis: wall.spanBasis,
        windows: p.windows.length,
      });
      const own: Row[] = p.totals.map((t) => ({
        name: t.name,
        family: t.family,
        kind: t.kind,
        ...(t.unit ? { unit: t.unit } : {}),
        process: index,
        count: t.count,
        totalMs: t.totalMs,
        maxMs: t.maxMs,
        windows: t.windows,
      }));
      const share = (r: Row): number | null =>
        r.kind === 'timer' && wall.wallClockMs > 0 ? (r.totalMs / wall.wallClockMs) * 100 : null;
      for (const r of own) {
        const prev = combined.get(r.name);
        const s = share(r) ?? 0;
        combined.set(
          r.name,
          prev
            ? {
                ...prev,
                kind: prev.kind === 'timer' || r.kind === 'timer' ? 'timer' : 'count',
                count: prev.count + r.count,
                totalMs: prev.totalMs + r.totalMs,
                maxMs: Math.max(prev.maxMs, r.maxMs),
                windows: prev.windows + r.windows,
                share: prev.share + s,
              }
            : { ...r, process: -1, share: s },
        );
      }
      rows.push(...finish(own, (r) => (share(r) === null ? null : round(share(r)!))));
    }
  }
  if (processes.length === 0) return undefined;
  const all = [...combined.values()]
    .map(({ share, ...r }) => ({ ...r, totalMs: round(r.totalMs, 3), share }))
    .sort((a, b) => b.totalMs - a.totalMs || b.count - a.count);
  const shareOf = new Map(all.map((r) => [r.name, r.share]));
  rows.push(
    ...finish(
      all.map(({ share: _share, ...r }) => r),
      (r) => (r.kind === 'timer' ? round(shareOf.get(r.name) ?? 0) : null),
    ),
  );
  return {
    processes,
    wallClockMs,
    wallClockBasis: runWallClockWords(wallClockBasis),
    dumpIntervalMs: interval,
    rows,
  };
}

/** The Counters tab's rows of one run being followed (the live builder's model, no files read). */
export function counterDataOfRun(run: CounterRun): CounterData | undefined {
  return counterData(run.wallClockBasis, run.wallClockMs, [
    { prefix: '', counters: run, processes: [] },
  ]);
}

/**
 * The earliest clock time a run shows: run.json's start, the first dump's window start, the first
 * sample.
 */
function originOf(nr: NamedRun): number | undefined {
  const candidates: number[] = [];
  const start = nr.run?.manifest?.startTime;
  if (typeof start === 'string' && Number.isFinite(Date.parse(start)))
    candidates.push(Date.parse(start));
  for (const p of nr.counters?.processes ?? [])
    if (p.firstTime !== undefined) candidates.push(p.firstTime - nr.counters!.dumpIntervalMs);
  for (const s of nr.run?.samples ?? []) if (s.timeMs > 1e11) candidates.push(s.timeMs);
  return candidates.length ? Math.min(...candidates) : undefined;
}

function seriesOf(
  p: ProcessCounters,
  process: number,
  interval: number,
  origin: number | undefined,
): CounterSeries {
  const n = p.windows.length;
  const names = new Set<string>();
  for (const w of p.windows) for (const k in w.counters) names.add(k);
  const counts: Record<string, number[]> = Object.create(null) as Record<string, number[]>;
  const totalMs: Record<string, number[]> = Object.create(null) as Record<string, number[]>;
  const timed = new Set(p.totals.filter((t) => t.kind === 'timer').map((t) => t.name));
  for (const name of names) {
    counts[name] = new Array<number>(n).fill(0);
    if (timed.has(name)) totalMs[name] = new Array<number>(n).fill(0);
  }
  const timesMs: number[] = [];
  const lines: number[] = [];
  p.windows.forEach((w, i) => {
    timesMs.push(
      w.time !== undefined && origin !== undefined ? w.time - origin : (i + 1) * interval,
    );
    lines.push(w.line);
    for (const name in w.counters) {
      counts[name][i] = w.counters[name].count;
      if (totalMs[name]) totalMs[name][i] = w.counters[name].totalMs;
    }
  });
  return { process, timesMs, lines, counts, totalMs };
}

function resourceSeries(nr: NamedRun, origin: number | undefined): ResourceSeries[] {
  const run = nr.run!;
  const names = new Map(nr.processes.map((p) => [p.pid, p.name]));
  const byProc = new Map<
    string,
    ResourceSeries & { timesMs: number[]; cpuPct: (number | null)[]; rssMiB: (number | null)[] }
  >();
  for (const s of run.samples ?? []) {
    const key = s.pid !== undefined ? `pid ${s.pid}` : (s.name ?? '?');
    let r = byProc.get(key);
    if (!r)
      byProc.set(
        key,
        (r = {
          name: `${(s.pid !== undefined ? names.get(s.pid) : undefined) ?? s.name ?? 'process'}${s.pid !== undefined ? ` (pid ${s.pid})` : ''}`,
          ...(s.pid !== undefined ? { pid: s.pid } : {}),
          timesMs: [],
          cpuPct: [],
          rssMiB: [],
        }),
      );
    // Epoch times are placed on the run's clock; elapsed-only times are already relative.
    r.timesMs.push(s.timeMs > 1e11 && origin !== undefined ? s.timeMs - origin : s.timeMs);
    r.cpuPct.push(s.cpuPct ?? null);
    r.rssMiB.push(s.rssKb !== undefined ? Math.round((s.rssKb / 1024) * 10) / 10 : null);
  }
  return [...byProc.values()];
}

function timelineData(
  runs: readonly NamedRun[],
  processIndex: Map<string, number>,
): TimelineData | undefined {
  // One clock per source: a soak's iterations each start at 0 on it (they are compared, not
  // chained).
  const counters: CounterSeries[] = [];
  const diagnostics: CounterSeries[] = [];
  const resources: ResourceSeries[] = [];
  let originEpochMs: number | undefined;
  let startSkipEndMs: number | undefined;
  let startSkipMs: number | undefined;
  for (const nr of runs) {
    const origin = originOf(nr);
    if (runs.length === 1) originEpochMs = origin;
    for (const p of nr.counters?.processes ?? [])
      counters.push(
        seriesOf(
          p,
          processIndex.get(`${nr.prefix}${p.source}`) ?? -1,
          nr.counters!.dumpIntervalMs,
          origin,
        ),
      );
    const dc = nr.run?.diagnosticsCounters;
    for (const p of dc?.processes ?? [])
      diagnostics.push(seriesOf(p, -1, dc!.dumpIntervalMs, origin));
    if (nr.run) {
      const rs = resourceSeries(nr, origin);
      resources.push(...rs.map((r) => (nr.prefix ? { ...r, name: `${nr.prefix}${r.name}` } : r)));
      const res = nr.run.resources;
      if (res && startSkipEndMs === undefined && res.windowStartMs !== undefined) {
        startSkipMs = res.startSkipMs;
        startSkipEndMs =
          res.windowStartMs > 1e11 && origin !== undefined
            ? res.windowStartMs - origin
            : res.windowStartMs;
      }
    }
  }
  if (counters.length === 0 && resources.length === 0 && diagnostics.length === 0) return undefined;
  return {
    ...(originEpochMs !== undefined ? { originEpochMs } : {}),
    counters,
    resources,
    diagnostics,
    ...(startSkipEndMs !== undefined ? { startSkipEndMs, startSkipMs } : {}),
  };
}

/** A row's native frame (no file, a Rust path), for click-to-source by the inline matcher. */
function nativeOf(r: ProfileSection['functions'][number]): NativeFrame | null {
  if (r.file || r.modulePath === undefined) return null;
  const n = parseNativeName(r.name);
  if (!n) return null;
  return {
    modulePath: n.modulePath,
    name: n.name,
    ...(n.owner ? { owner: n.owner } : {}),
    ...(n.trait ? { trait: n.trait } : {}),
  };
}

function functionData(p: ProfileSection): FunctionData {
  const f = p.functions;
  const natives = f.map(nativeOf);
  return {
    unit: p.unit,
    ...(p.weightLabel ? { weightLabel: p.weightLabel } : {}),
    totalSamples: p.totalSamples,
    totalMs: p.totalMs,
    profiles: p.processes.map((x) => ({
      name: x.name,
      format: x.format,
      samples: x.samples,
      totalMs: x.totalMs,
    })),
    names: f.map((r) => (r.owner ? `${r.owner}::${r.name}` : r.name)),
    files: f.map((r) => r.file),
    lines: f.map((r) => r.line),
    selfCost: f.map((r) => r.selfMs ?? r.selfWeight ?? null),
    totalCost: f.map((r) => r.totalMs ?? r.totalWeight ?? null),
    selfPct: f.map((r) => r.selfPct),
    totalPct: f.map((r) => r.totalPct),
    selfSamples: f.map((r) => r.samples),
    totalSamplesOf: f.map((r) => r.totalSamples),
    ...(natives.some((n) => n !== null) ? { natives } : {}),
  };
}

function exitStatusOf(run: RunModel): string | undefined {
  const m = run.manifest;
  if (m && typeof m.signal === 'string' && m.signal) return `signal ${m.signal}`;
  if (m && typeof m.exitCode === 'number') return `exit ${m.exitCode}`;
  const s = run.summaryMetrics;
  if (s && typeof s.exit_code === 'number') return `exit ${s.exit_code}`;
  if (s && typeof s.exitCode === 'number') return `exit ${s.exitCode}`;
  return undefined;
}

function commandOf(run: RunModel): string | undefined {
  const c = run.manifest?.command;
  if (typeof c === 'string') return c;
  if (Array.isArray(c) && c.every((x) => typeof x === 'string')) return c.join(' ');
  return undefined;
}

function summaryData(
  sourcePath: string,
  c: CounterSection | undefined,
  runs: readonly NamedRun[],
  p: ProfileSection | undefined,
): SummaryData {
  const models = runs.map((r) => r.run).filter((r): r is RunModel => r !== undefined);
  const one = models.length === 1 ? models[0] : undefined;
  const commands = [...new Set(models.map(commandOf).filter((x): x is string => !!x))];
  const statuses = models.map((r) => {
    const s = exitStatusOf(r);
    return s === undefined ? undefined : models.length > 1 ? `${s} (${r.name})` : s;
  });
  const known = statuses.filter((x): x is string => x !== undefined);
  let assertions: AssertionData | undefined;
  const withAssert = models.filter((r) => r.assertions);
  if (withAssert.length) {
    assertions = {
      pass: withAssert.reduce((a, r) => a + r.assertions!.pass, 0),
      fail: withAssert.reduce((a, r) => a + r.assertions!.fail, 0),
      file: path.join(withAssert[0].dir, 'script.log'),
      failures: withAssert.flatMap((r) =>
        r.assertions!.failures.map((f) => ({
          file: path.join(r.dir, 'script.log'),
          line: f.line,
          text: f.text,
        })),
      ),
    };
  }
  let durationMs: number | undefined;
  let durationBasis: string | undefined;
  if (c && c.wallClockMs > 0) {
    durationMs = c.wallClockMs;
    durationBasis =
      c.wallClockBasis === 'given'
        ? models.length > 1
          ? `run.json start/end, summed over ${models.length} runs`
          : 'run.json start/end'
        : c.wallClockBasis === 'timestamps'
          ? 'first to last counter dump'
          : 'counter windows × dump interval';
  } else if (p && p.totalMs !== null) {
    durationMs = p.totalMs;
    durationBasis = 'profiled time';
  }
  const startTime = one?.manifest?.startTime;
  const resources = resourceSummaryData(
    runs.map((r) => ({ prefix: r.prefix, summary: r.run?.resources, processes: r.processes })),
  );
  return {
    command: commands.length ? commands.join(' ; ') : `opened ${sourcePath}`,
    ...(typeof startTime === 'string' ? { startTime } : {}),
    ...(durationMs !== undefined ? { durationMs, durationBasis } : {}),
    ...(known.length ? { exitStatus: known.join(', ') } : {}),
    ...(assertions ? { assertions } : {}),
    missing: one ? one.missing : (c?.missing ?? []),
    ...(resources ? { resources } : {}),
  };
}

/** The panel's data for `sourcePath` from its two report sections. */
export function sourceDataOf(
  sourcePath: string,
  profile: ProfileSection,
  counters: CounterSection,
): SourceData {
  const foundProfile = hasProfile(profile);
  const foundCounters = hasCounters(counters);
  const nothing = !foundProfile && !foundCounters;
  const runs = foundCounters ? namedRuns(counters) : [];
  const cd = foundCounters
    ? counterData(counters.wallClockBasis, counters.wallClockMs, runs)
    : undefined;
  const processIndex = new Map((cd?.processes ?? []).map((p, i) => [p.name, i]));
  const timeline = foundCounters ? timelineData(runs, processIndex) : undefined;
  const name = sourcePath.split(/[\\/]/).filter(Boolean).pop() ?? sourcePath;
  // A section that found nothing complains about input never meant for it; keep its words only
  // when nothing at all was found (as the CLI does).
  const warnings = [
    ...(foundProfile || nothing ? profile.engineDiagnostics : []),
    ...(foundCounters || nothing ? counters.diagnostics : []),
  ].map(warningOf);
  const data = {
    path: sourcePath,
    title: name,
    input: foundCounters ? counters.input : foundProfile ? 'profile' : 'none',
    summary: summaryData(
      sourcePath,
      foundCounters ? counters : undefined,
      runs,
      foundProfile ? profile : undefined,
    ),
    ...(cd ? { counters: cd } : {}),
    ...(timeline ? { timeline } : {}),
    ...(foundProfile ? { functions: functionData(profile) } : {}),
    warnings,
  } satisfies Omit<SourceData, 'basis'>;
  return { ...data, basis: sourceLine(data) };
}

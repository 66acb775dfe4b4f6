/**
 * The panel's data for one source (protocol/sourceData.ts), from the same report sections the CLI
 * prints, so a number is the same wherever it is shown. Pure: the sections are read elsewhere.
 * The counter rows are counterData.ts's.
 */
import * as path from 'node:path';
import { formatDiagnostic, type EngineDiagnostic } from '../diagnostics';
import type { RunModel } from '../soak/readRunFolder';
import { functionDisplayName, type ProfileSection } from './profileReport';
import type { CounterSection } from './counterReport';
import { sourceLine } from './markdownReport';
import { parseNativeName } from '../profile/nativeNames';
import type { ProcessCounters } from '../counters/counterRun';
import { counterData, namedRuns, type NamedRun } from './counterData';
import { resourceSummaryData } from './resourceSummary';
import { diagnosticsSeries } from './diagnosticsSeries';
import type {
  AssertionData,
  CounterSeries,
  DiagnosticsSnapshots,
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
  const diagnosticsFields: DiagnosticsSnapshots[] = [];
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
    const snaps = nr.run?.diagnosticsSnapshots ?? [];
    // Epoch times go on the run's clock; snapshots without a time are numbered from 0.
    const fields = diagnosticsSeries(snaps, snaps[0]?.time > 1e11 ? origin : undefined);
    if (fields) diagnosticsFields.push(fields);
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
  if (counters.length === 0 && resources.length === 0 && diagnosticsFields.length === 0)
    return undefined;
  return {
    ...(originEpochMs !== undefined ? { originEpochMs } : {}),
    counters,
    resources,
    ...(diagnosticsFields.length ? { diagnosticsFields } : {}),
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
    names: f.map(functionDisplayName),
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

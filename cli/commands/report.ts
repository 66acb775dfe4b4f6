/**
 * `perflens report <file-or-folder> [--json] [--top N]`
 *
 * One entry for every input: a CPU profile (any format the engine reads), a log with counter
 * dumps, a run folder or a soak folder. Both report sections are built; each is shown when it
 * found something. When a section found nothing, its complaints ("not a profile") are noise
 * about an input that was never meant for it, so they are kept only when neither section found
 * anything — then both say why, and the exit code is 1.
 *
 * On a run folder (or a soak folder of runs) the report starts with how each run ended — status,
 * the target's exit code or signal, what was lost — and `--json` carries it as `outcome` (or
 * `outcomes`). A failed or interrupted run makes the exit code 1, after the whole report.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildProfileSection,
  formatProfileTable,
  isProfileDocument,
  type ProfileSection,
} from '../../engine/report/profileReport';
import {
  buildCounterSection,
  formatCounterTable,
  noCounterSection,
  type CounterSection,
} from '../../engine/report/counterReport';
import { sourceDataOf } from '../../engine/report/sourceData';
import { markdownReport } from '../../engine/report/markdownReport';
import { htmlReport } from '../../engine/report/htmlReport';
import { readReportAssets, webviewDir } from '../reportAssets';
import { terminalSafe } from '../../engine/report/terminalText';
import { formatDiagnostic } from '../../engine/diagnostics';
import { collapseRepeats } from '../../engine/report/collapseDiagnostics';
import { loadRunOutcomes, type NamedOutcome } from '../../engine/soak/loadRunOutcomes';
import { formatRunOutcome, outcomeIsFailure } from '../../engine/soak/runOutcome';
import { pidAlive } from '../../runner';
import type { CliIo } from '../io';
import type { ParsedArgs, Subcommand } from '../subcommand';
import { ExitCode, UsageError } from '../usage';
import { positiveInteger, str } from '../values';

export interface ReportArgs {
  readonly path: string;
  readonly json: boolean;
  readonly top: number;
  /**
   * SPHERE_PERF_DUMP_MS of the daemon, when the dumps carry no timestamps and run.json has none.
   */
  readonly dumpMs?: number;
  /** Print GitHub Markdown tables (the panel's "Copy as Markdown" formatter). */
  readonly markdown?: boolean;
  /** Also write a self-contained HTML report to this file. */
  readonly html?: string;
}

export function reportArgs(a: ParsedArgs): ReportArgs {
  if (a.positionals.length === 0)
    throw new UsageError('give a profile, a log, a run folder or a soak folder');
  if (a.positionals.length > 1)
    throw new UsageError(`one path only (got '${a.positionals.join("', '")}')`);
  const top = str(a.values.top);
  const dumpMs = str(a.values['dump-ms']);
  const html = str(a.values.html);
  if (a.values.json === true && a.values.markdown === true)
    throw new UsageError('--json and --markdown are two forms of the same report: pick one');
  return {
    path: resolve(a.positionals[0]),
    json: a.values.json === true,
    top: top === undefined ? 20 : positiveInteger('top', top),
    ...(dumpMs !== undefined ? { dumpMs: positiveInteger('dump-ms', dumpMs) } : {}),
    ...(a.values.markdown === true ? { markdown: true } : {}),
    ...(html !== undefined ? { html: resolve(html) } : {}),
  };
}

export const report: Subcommand = {
  name: 'report',
  synopsis: '<file-or-folder> [--json | --markdown] [--top N] [--dump-ms N] [--html FILE]',
  summary: 'top functions (CPU profiles) and top counters (logs, run folders, soak folders)',
  details:
    'Reads any CPU profile the engine knows, a log with counter dumps, a run folder or a soak\n' +
    'folder; on a run folder it starts with how the run ended. Exit 0 when it found a profile\n' +
    'or counters, 1 when it found neither or when a run failed or was interrupted.',
  options: {
    json: { type: 'boolean', help: 'print the report as JSON' },
    top: { type: 'string', valueName: 'N', help: 'rows per table (default 20)' },
    'dump-ms': {
      type: 'string',
      valueName: 'N',
      help:
        "the daemon's SPHERE_PERF_DUMP_MS, for dumps without timestamps\n(default: " +
        "run.json's, else the dumps' timestamps, else 5000)",
    },
    markdown: {
      type: 'boolean',
      help: 'print GitHub Markdown tables (summary, counters per process, functions)',
    },
    html: {
      type: 'string',
      valueName: 'FILE',
      help: 'also write one self-contained HTML report (data, UI and charts inline)',
    },
  },
  run: (a, io) => reportCommand(reportArgs(a), io),
};

// An evented profile has no sample count (null): it has data when it has functions.
const hasProfile = (p: ProfileSection): boolean =>
  p.processes.length > 0 && (p.totalSamples ?? p.functions.length) > 0;
const hasCounters = (c: CounterSection): boolean =>
  c.counters.length > 0 || c.resources !== undefined || c.assertions !== undefined;

export async function reportCommand(args: ReportArgs, io: CliIo): Promise<number> {
  if (!existsSync(args.path)) {
    io.err(`perflens report: ${args.path}: no such file or folder\n`);
    return ExitCode.failed;
  }
  const r = await readReport(args);
  if (args.html !== undefined && !writeHtml(args.path, args.html, r, io)) return ExitCode.failed;
  if (args.markdown)
    io.out(markdownReport(sourceDataOf(args.path, r.profile, r.counters), args.top));
  else if (args.json) io.out(`${JSON.stringify(reportJson(args, r), null, 2)}\n`);
  else printText(args, r, io);
  const runFailed = r.outcomes.some((o) => outcomeIsFailure(o.outcome));
  return r.found && !runFailed ? ExitCode.ok : ExitCode.failed;
}

/** What the report found at a path, and which parts it shows. */
interface Report {
  readonly outcomes: readonly NamedOutcome[];
  readonly profile: ProfileSection;
  readonly counters: CounterSection;
  readonly showProfile: boolean;
  readonly showCounters: boolean;
  readonly found: boolean;
}

async function readReport(args: ReportArgs): Promise<Report> {
  const [outcomes, profile] = await Promise.all([
    loadRunOutcomes(args.path, pidAlive),
    buildProfileSection(args.path),
  ]);
  // A profile document holds no counter dumps: not read a second time (the profile first, so
  // the two never hold their memory at once either).
  const counters = isProfileDocument(profile, statSync(args.path).isFile())
    ? noCounterSection(args.path)
    : await buildCounterSection(
        args.path,
        args.dumpMs !== undefined
          ? { dumpIntervalMs: args.dumpMs, dumpIntervalSource: '--dump-ms' }
          : {},
      );
  const showProfile = hasProfile(profile);
  const showCounters = hasCounters(counters);
  return {
    outcomes,
    profile,
    counters,
    showProfile,
    showCounters,
    found: showProfile || showCounters,
  };
}

/** `--html FILE`: false (with the reason said) when the panel's bundle is not built. */
function writeHtml(path: string, file: string, r: Report, io: CliIo): boolean {
  const dir = webviewDir();
  if (!dir) {
    io.err('perflens report: --html needs the built panel (dist/webview); run npm run build\n');
    return false;
  }
  const data = sourceDataOf(path, r.profile, r.counters);
  writeFileSync(file, htmlReport(data, readReportAssets(dir)));
  io.err(`perflens report: wrote ${file}\n`);
  return true;
}

/** The `--json` document (README documents its fields). */
function reportJson(args: ReportArgs, r: Report): Record<string, unknown> {
  const { profile, counters } = r;
  const withProfile = r.showProfile || !r.found;
  const withCounters = r.showCounters || !r.found;
  return {
    path: args.path,
    ...outcomeJson(r.outcomes),
    ...(withProfile ? profileJson(profile, args.top) : { functions: [] }),
    ...(withCounters ? countersJson(counters, args.top) : { counters: [] }),
    diagnostics: [
      ...(withProfile ? profile.diagnostics : []),
      ...(withCounters ? collapseRepeats(counters.diagnostics) : []),
    ],
  };
}

function profileJson(profile: ProfileSection, top: number): Record<string, unknown> {
  return {
    profile: {
      unit: profile.unit,
      ...(profile.weightLabel ? { weightLabel: profile.weightLabel } : {}),
      totalSamples: profile.totalSamples,
      // Evented profiles and cost records (callgrind, a Go heap profile) have no samples: the
      // counts are null, and this says why.
      ...(profile.totalSamples === null
        ? profile.evented
          ? { evented: true }
          : { noSampleCount: 'the records are costs, not samples' }
        : {}),
      totalMs: profile.totalMs,
      processes: profile.processes,
    },
    functions: profile.functions.slice(0, top),
  };
}

function countersJson(counters: CounterSection, top: number): Record<string, unknown> {
  return {
    counters: counters.counters.slice(0, top),
    families: counters.families,
    windows: counters.windows,
    wallClockMs: counters.wallClockMs,
    wallClockBasis: counters.wallClockBasis,
    ...(counters.dumpIntervalMs !== undefined
      ? {
          dumpIntervalMs: counters.dumpIntervalMs,
          dumpIntervalBasis: counters.dumpIntervalBasis,
        }
      : {}),
    ...(counters.resources ? { resources: counters.resources } : {}),
    ...(counters.assertions ? { assertions: counters.assertions } : {}),
    ...(counters.runs ? { runs: counters.runs } : {}),
    ...(counters.missing ? { missing: counters.missing } : {}),
  };
}

/** The human report: run outcomes, the function table, the counter table, problems. */
function printText(args: ReportArgs, r: Report, io: CliIo): void {
  const { profile, counters, showProfile, showCounters, found } = r;
  for (const o of r.outcomes)
    io.out(
      terminalSafe(`${formatRunOutcome(o.outcome, o.run ? `Run ${o.run}` : 'Run').join('\n')}\n`),
    );
  if (r.outcomes.length > 0 && found) io.out('\n');
  if (showProfile) io.out(formatProfileTable(profile, args.top));
  if (showProfile && showCounters) io.out('\n');
  if (showCounters)
    io.out(
      terminalSafe(
        `Counters: ${counters.path} (${counters.input})\n` + formatCounterTable(counters, args.top),
      ),
    );
  if (showCounters && counters.diagnostics.length > 0)
    io.out(
      collapseRepeats(counters.diagnostics)
        .map((d) => `${terminalSafe(formatDiagnostic(d))}\n`)
        .join(''),
    );
  if (!found) {
    io.err(`perflens report: found neither a CPU profile nor counter dumps in ${args.path}\n`);
    for (const d of [...profile.diagnostics, ...collapseRepeats(counters.diagnostics)])
      io.err(`  ${terminalSafe(formatDiagnostic(d))}\n`);
  }
}

/** `outcome` for a run folder, `outcomes` (with each run's name) for a soak folder. */
function outcomeJson(outcomes: readonly NamedOutcome[]): Record<string, unknown> {
  if (outcomes.length === 0) return {};
  if (outcomes.length === 1 && outcomes[0].run === '') return { outcome: outcomes[0].outcome };
  return { outcomes: outcomes.map((o) => ({ run: o.run, ...o.outcome })) };
}

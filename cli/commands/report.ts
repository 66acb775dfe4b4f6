/**
 * `perflens report <file-or-folder> [--json] [--top N]`
 *
 * One entry for every input: a CPU profile (any format the engine reads), a log with counter
 * dumps, a run folder or a soak folder. Both report sections are built; each is shown when it
 * found something. When a section found nothing, its complaints ("not a profile") are noise
 * about an input that was never meant for it, so they are kept only when neither section found
 * anything — then both say why, and the exit code is 1.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildProfileSection,
  formatProfileTable,
  type ProfileSection,
} from '../../engine/report/profileReport';
import {
  buildCounterSection,
  formatCounterTable,
  type CounterSection,
} from '../../engine/report/counterReport';
import { formatDiagnostic } from '../../engine/diagnostics';
import { terminalSafe } from '../../engine/report/terminalText';

export interface ReportArgs {
  readonly path: string;
  readonly json: boolean;
  readonly top: number;
}

export function parseReportArgs(argv: readonly string[]): ReportArgs | string {
  let path: string | undefined;
  let json = false;
  let top = 20;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--top') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1)
        return `--top takes a whole number of at least 1, got '${argv[i] ?? ''}'`;
      top = n;
    } else if (a.startsWith('--')) return `unknown option '${a}'`;
    else if (path === undefined) path = a;
    else return `one path only (got '${path}' and '${a}')`;
  }
  if (path === undefined) return 'report needs a file or folder';
  return { path: resolve(path), json, top };
}

const hasProfile = (p: ProfileSection): boolean => p.processes.length > 0 && p.totalSamples > 0;
const hasCounters = (c: CounterSection): boolean =>
  c.counters.length > 0 || c.resources !== undefined || c.assertions !== undefined;

export async function reportCommand(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const args = parseReportArgs(argv);
  if (typeof args === 'string') {
    err.write(`perflens report: ${args}\n`);
    return 2;
  }
  if (!existsSync(args.path)) {
    err.write(`perflens report: ${args.path}: no such file or folder\n`);
    return 1;
  }
  const [profile, counters] = await Promise.all([
    buildProfileSection(args.path),
    buildCounterSection(args.path),
  ]);
  const showProfile = hasProfile(profile);
  const showCounters = hasCounters(counters);
  const found = showProfile || showCounters;

  if (args.json) {
    const doc = {
      path: args.path,
      ...(showProfile || !found
        ? {
            profile: {
              unit: profile.unit,
              totalSamples: profile.totalSamples,
              totalMs: profile.totalMs,
              processes: profile.processes,
            },
            functions: profile.functions.slice(0, args.top),
          }
        : { functions: [] }),
      ...(showCounters || !found
        ? {
            counters: counters.counters.slice(0, args.top),
            families: counters.families,
            windows: counters.windows,
            wallClockMs: counters.wallClockMs,
            wallClockBasis: counters.wallClockBasis,
            ...(counters.resources ? { resources: counters.resources } : {}),
            ...(counters.assertions ? { assertions: counters.assertions } : {}),
            ...(counters.runs ? { runs: counters.runs } : {}),
            ...(counters.missing ? { missing: counters.missing } : {}),
          }
        : { counters: [] }),
      diagnostics: [
        ...(showProfile || !found ? profile.diagnostics : []),
        ...(showCounters || !found ? counters.diagnostics.map(formatDiagnostic) : []),
      ],
    };
    out.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    if (showProfile) out.write(formatProfileTable(profile, args.top));
    if (showProfile && showCounters) out.write('\n');
    if (showCounters)
      out.write(
        terminalSafe(
          `Counters: ${counters.path} (${counters.input})\n${formatCounterTable(counters, args.top)}`,
        ),
      );
    if (showCounters && counters.diagnostics.length > 0)
      out.write(counters.diagnostics.map((d) => `${terminalSafe(formatDiagnostic(d))}\n`).join(''));
    if (!found) {
      err.write(`perflens report: found neither a CPU profile nor counter dumps in ${args.path}\n`);
      for (const d of [...profile.diagnostics, ...counters.diagnostics.map(formatDiagnostic)])
        err.write(`  ${terminalSafe(d)}\n`);
    }
  }
  return found ? 0 : 1;
}

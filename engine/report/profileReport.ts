/**
 * The CPU-profile part of `perflens report <file-or-folder> [--json] [--top N]`.
 *
 * `buildProfileSection(path)` loads every profile at `path` (a .cpuprofile, speedscope JSON,
 * 0x `-v8.log.json`, folded stacks, perf script text; or a run / 0x / plain folder of them),
 * source-maps them, merges the processes and returns what `--json` prints: `functions` sorted by
 * `selfMs` descending, with `file` the original source after source-mapping, `line` 1-based, and
 * `samples` the self sample count. `formatProfileTable(section, top)` renders the human tables
 * (top by self time, top by total time). cli/main.ts owns arguments and printing.
 */
import { formatDiagnostic, type EngineDiagnostic } from '../diagnostics';
import { sampleCount } from '../profile/functionCosts';
import {
  loadFunctionRows,
  type FunctionRow,
  type FunctionRows,
  type RowUnit,
} from '../profile/functionRows';
import type { ProfileModel } from '../profile/model';
import type { LoadOptions } from '../profile/loadProfileFile';
import { processLabel } from '../profile/merge';
import { collapseRepeats } from './collapseDiagnostics';
import { displayName, MAX_DISPLAY_NAME, terminalSafe } from './terminalText';
import { formatFixed, formatInteger } from '../../protocol/format';

/**
 * A function's name on every face (text report, panel, Markdown): its qualified name, with the
 * `impl` owner in front only when the name does not already carry it (a bare `verify`).
 */
export function functionDisplayName(r: { readonly name: string; readonly owner?: string }): string {
  return r.owner && !r.name.includes(r.owner) ? `${r.owner}::${r.name}` : r.name;
}

/**
 * One row of `functions` in `--json`: name, file, line, selfMs, totalMs, selfPct, totalPct, samples
 * (+ basis and native owner).
 */
export type ProfileFunctionRow = FunctionRow;

export interface ProfileProcessRow {
  readonly name: string;
  readonly format: string;
  readonly pid?: number;
  readonly command?: string;
  /**
   * null when its records are not samples: an evented profile's are intervals between events,
   * callgrind's (and a Go heap profile's) are costs per call path.
   */
  readonly samples: number | null;
  /** Profiled time in ms (or null for sample-count profiles). */
  readonly totalMs: number | null;
}

export interface ProfileSection {
  readonly path: string;
  /**
   * `ms` when every profile is timed; `samples` for sample counts only; `bytes` (heap profiles) and
   * `events` (callgrind) are not time.
   */
  readonly unit: RowUnit;
  /** What is weighed when the unit alone does not say (`Ir`, `alloc_space`). */
  readonly weightLabel?: string;
  readonly processes: ProfileProcessRow[];
  /** Sorted by selfMs (or self samples) descending. */
  readonly functions: ProfileFunctionRow[];
  /**
   * null when a profile's records are not samples: evented (the weight is time) or cost records
   * (callgrind, a Go heap profile).
   */
  readonly totalSamples: number | null;
  /** Whether any profile is evented (why `totalSamples` is null when it is). */
  readonly evented?: boolean;
  readonly totalMs: number | null;
  /** Problems with the input, repeats folded (`repeats`); `formatDiagnostic` prints one. */
  readonly diagnostics: EngineDiagnostic[];
  /** Every problem, unfolded, for callers that place each one (the language server). */
  readonly engineDiagnostics: EngineDiagnostic[];
  /** For one file: the importer that took it as its format, even if it refused it. */
  readonly recognisedAs?: string;
}

/**
 * Formats whose file is one JSON document (or pprof's protobuf): every line of it is part of the
 * document, so it holds no log lines and no counter dumps. Line formats (folded, perf script,
 * callgrind) are not here: a log could pass for one of them.
 */
const DOCUMENT_FORMATS = new Set([
  'v8-cpuprofile',
  'v8-cpuprofile-legacy',
  'speedscope',
  'v8-heapprofile',
  'chrome-trace',
  'trace-event',
  'pprof',
  '0x',
]);

/**
 * True when `section` read one file as a profile document: scanning that file again for counter
 * dumps (a second pass over a 100 MB profile) can only find none. Also when an importer of a
 * document format took the file and refused it (cut off, say): the file is a profile, and its
 * refusal is the whole story — not a second "not a JSON snapshot" from the counter reader.
 */
export function isProfileDocument(section: ProfileSection, isFile: boolean): boolean {
  if (!isFile) return false;
  if (section.recognisedAs !== undefined && DOCUMENT_FORMATS.has(section.recognisedAs)) return true;
  return (
    section.processes.length > 0 &&
    (section.totalSamples ?? section.functions.length) > 0 &&
    section.processes.every((p) => DOCUMENT_FORMATS.has(p.format))
  );
}

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

/** Loads `path` and computes the report section. Never throws on bad input: see `diagnostics`. */
export async function buildProfileSection(
  path: string,
  options: LoadOptions = {},
): Promise<ProfileSection> {
  return (await loadProfileSection(path, options)).section;
}

/**
 * The section and the per-process models it was computed from (the language server groups them by
 * function).
 */
export async function loadProfileSection(
  path: string,
  options: LoadOptions = {},
): Promise<{ section: ProfileSection; profiles: readonly ProfileModel[] }> {
  const rows = await loadFunctionRows(path, options);
  return { section: sectionOf(path, rows), profiles: rows.profiles };
}

function sectionOf(path: string, rows: FunctionRows): ProfileSection {
  return {
    path,
    unit: rows.unit,
    ...(rows.weightLabel ? { weightLabel: rows.weightLabel } : {}),
    processes: rows.profiles.map((p) => ({
      name: processLabel(p),
      format: p.format,
      ...(p.pid !== undefined ? { pid: p.pid } : {}),
      ...(p.command !== undefined ? { command: p.command } : {}),
      samples: sampleCount(p),
      totalMs: p.weightUnit === 'milliseconds' ? round(p.totalWeight) : null,
    })),
    functions: rows.functions,
    totalSamples: rows.totalSamples,
    evented: rows.profiles.some((p) => p.evented === true),
    totalMs: rows.totalMs,
    diagnostics: collapseRepeats(rows.diagnostics),
    engineDiagnostics: rows.diagnostics,
    ...(rows.recognisedAs !== undefined ? { recognisedAs: rows.recognisedAs } : {}),
  };
}

function table(header: string[], rows: string[][], rightAligned: Set<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Where a row points, as editors link it: `file:line`, or `-` for VM frames. */
export function rowLocation(r: ProfileFunctionRow): string {
  if (!r.file) return '–';
  // Code loaded from data: URLs (tsx, bundlers' eval) would print the whole module.
  const file = r.file.startsWith('data:')
    ? `${r.file.slice(0, r.file.indexOf(',') + 1 || 20)}…`
    : r.file;
  return `${file}${r.line !== null ? `:${r.line}` : ''}`;
}

/** The human report: top `top` functions by self time, then by total time, with their basis. */
export function formatProfileTable(section: ProfileSection, top = 20): string {
  const ms = section.unit === 'ms';
  // Bytes and events are weights of their own, never shown as time (a heap profile's "self" is
  // bytes allocated, not milliseconds): the unit is in the column header and the basis line.
  const weighed = section.unit === 'bytes' || section.unit === 'events';
  const unitLabel = section.unit === 'bytes' ? 'bytes' : (section.weightLabel ?? 'events');
  // Evented profiles (speedscope `evented`, Trace Event durations) have no samples: the column
  // is left out rather than filled with a count of intervals.
  const counted = section.totalSamples !== null;
  const header = [
    'name',
    'file:line',
    ms ? 'self ms' : weighed ? `self ${unitLabel}` : 'self',
    'self %',
    ms ? 'total ms' : weighed ? `total ${unitLabel}` : 'total',
    'total %',
    ...(counted ? ['samples'] : []),
  ];
  // Numbers and names as the panel and --markdown write them (protocol/format.ts).
  const fmt = (r: ProfileFunctionRow): string[] => [
    displayName(functionDisplayName(r)),
    displayName(rowLocation(r), 2 * MAX_DISPLAY_NAME),
    ms
      ? formatFixed(r.selfMs, 1)
      : weighed || r.samples === null
        ? formatInteger(r.selfWeight ?? 0)
        : formatInteger(r.samples),
    formatFixed(r.selfPct, 1),
    ms
      ? formatFixed(r.totalMs, 1)
      : weighed || r.totalSamples === null
        ? formatInteger(r.totalWeight ?? 0)
        : formatInteger(r.totalSamples),
    formatFixed(r.totalPct, 1),
    ...(counted ? [formatInteger(r.samples)] : []),
  ];
  const right = new Set([2, 3, 4, 5, 6]);
  const bySelf = section.functions.slice(0, top);
  const byTotal = [...section.functions]
    .sort((a, b) => b.totalPct - a.totalPct || (b.totalSamples ?? 0) - (a.totalSamples ?? 0))
    .slice(0, top);
  const samples = counted
    ? `${formatInteger(section.totalSamples)} samples`
    : 'evented: no samples (the weight is the time between events)';
  // Bytes and events without a count (callgrind's cost lines, a Go heap profile) have records
  // that are not samples: no count is given rather than a count of records.
  const noCount = section.evented ? 'evented, no samples' : 'no sample count';
  const basis = ms
    ? `${samples}, ${formatFixed(section.totalMs ?? 0, 1)} ms profiled`
    : weighed
      ? `${counted ? `${samples} ` : ''}weighed in ${unitLabel}${section.unit === 'bytes' ? ' (memory, not time)' : ' (counted events, not time)'}${counted ? '' : section.evented ? ', evented: no samples' : ', no sample count in this format'}`
      : counted
        ? `${samples} (sample counts only; no times in this format)`
        : `${samples}; unitless weights`;
  const procs = section.processes.map(
    (p) =>
      `  ${displayName(p.name, 2 * MAX_DISPLAY_NAME)} [${p.format}] ${p.samples !== null ? `${formatInteger(p.samples)} samples` : noCount}${p.totalMs !== null ? `, ${formatFixed(p.totalMs, 1)} ms` : ''}`,
  );
  const out = [
    `${section.unit === 'bytes' ? 'Heap profile' : 'CPU profile'}: ${terminalSafe(section.path)} — ${basis}, ${section.processes.length} profile(s)`,
    ...procs,
    '',
    `Top ${bySelf.length} by self ${weighed ? unitLabel : 'time'}`,
    table(header, bySelf.map(fmt), right),
    '',
    `Top ${byTotal.length} by total ${weighed ? unitLabel : 'time'} (recursion counted once)`,
    table(header, byTotal.map(fmt), right),
  ];
  if (section.diagnostics.length > 0)
    out.push(
      '',
      ...section.diagnostics.map((d) => terminalSafe(formatDiagnostic(d)).replace(/\n/g, '\\n')),
    );
  return out.join('\n') + '\n';
}

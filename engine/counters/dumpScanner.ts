/**
 * The incremental, line-oriented counter-dump scanner: push lines in, dumps come out.
 *
 * It is the one place that recognises dumps in a log, used by the log-file reader, the CLI and
 * the runner (live, one line at a time as a process prints). It holds only the dumps that are
 * still open (one per process), so memory does not grow with the log.
 *
 * Recognised lines (see linePrefix.ts and inspectParser.ts for the exact forms):
 *  - `… [perf-counters] snapshot: {` + util.inspect lines + `}` at column 0 (multi-line), or the
 *    whole object on the header line (single-line; also the SDK's JSON `fields` form);
 *  - JSON lines (after an optional label) holding a snapshot in some field, or Rust diagnostics
 *    stage cells (`total_ns`) — cumulative, turned into windows by DiagnosticsDeltas.
 * Every line may start with a process label (`[alice] `, `alice | `) and carry ANSI colours.
 *
 * Usage (runner):
 * ```ts
 * const scanner = createCounterDumpScanner({ file: 'script.log', onDump: (d) => append(formatCountersJsonl(d)) });
 * child.stdout.on('line', (l) => scanner.pushLine(l, 'alice', { time: Date.now() }));
 * // on exit:
 * scanner.end(); // flushes a dump the process was printing when it died (marked partial)
 * ```
 */
import { EngineDiagnostic, warningAt } from '../diagnostics';
import { stripAnsi } from './ansi';
import { DiagnosticsDeltas } from './diagnosticsDeltas';
import { isInspectObject, parseInspect } from './inspectParser';
import { parseJsonLine, payloadOf } from './jsonPayload';
import { readPrefix, splitLabel } from './linePrefix';
import { cellsFromSnapshot, looksLikeSnapshot } from './snapshotCells';
import { LostTally } from './lostTally';
import { CounterDump, emptyCounters } from './types';

export interface ScannerOptions {
  /** File name used in diagnostics (the run's `script.log`, or the runner's label). */
  readonly file?: string;
  /** Called once per complete (or cut-off, `partial`) dump, in log order per process. */
  readonly onDump: (dump: CounterDump) => void;
  /** Bad input, reported as data (never thrown). */
  readonly onDiagnostic?: (d: EngineDiagnostic) => void;
  /** Called when a cumulative diagnostics source shows a restart (counts went down). */
  readonly onRestart?: (source: string, line: number) => void;
  /** Give up on a dump longer than this many lines (default 200 000) — a missing `}`. */
  readonly maxDumpLines?: number;
  /** The marker that introduces a dump (default `[perf-counters] snapshot`). */
  readonly marker?: string;
}

export interface LineMeta {
  /** 1-based line number in the file (default: one more than the previous line). */
  readonly lineNo?: number;
  /** Capture time (epoch ms) — used when the line itself has no timestamp. */
  readonly time?: number;
}

export interface CounterDumpScanner {
  /**
   * Feed one line (without its newline). `sourceLabel` names the process it came from, if known.
   */
  pushLine(line: string, sourceLabel?: string, meta?: LineMeta): void;
  /** End of input: open dumps are closed as partial (with a diagnostic). Idempotent. */
  end(): void;
  /** Lines seen so far. */
  readonly lines: number;
}

interface OpenDump {
  readonly source: string;
  readonly line: number;
  readonly time?: number;
  readonly text: string[];
  readonly lineNos: number[];
  depth: number;
  sawReplacement: boolean;
}

const DEFAULT_MARKER = '[perf-counters] snapshot';

export function createCounterDumpScanner(opts: ScannerOptions): CounterDumpScanner {
  return new DumpScanner(opts);
}

/** Where a line came from and what is left of it once its label is taken off. */
interface LabelledLine {
  readonly source: string;
  readonly rest: string;
}

/**
 * The scanner's state (the dumps still open, one per process) and its steps: route a line,
 * open a dump at its header, add continuation lines, close and parse a dump, read a JSON line.
 */
class DumpScanner implements CounterDumpScanner {
  private readonly file: string;
  private readonly marker: string;
  private readonly maxLines: number;
  private readonly report: (d: EngineDiagnostic) => void;
  private readonly open = new Map<string, OpenDump>();
  private readonly deltas = new DiagnosticsDeltas();
  private readonly lost = new LostTally();
  private lineNo = 0;
  private ended = false;

  constructor(private readonly opts: ScannerOptions) {
    this.file = opts.file ?? '<log>';
    this.marker = opts.marker ?? DEFAULT_MARKER;
    this.maxLines = opts.maxDumpLines ?? 200_000;
    this.report = opts.onDiagnostic ?? (() => undefined);
  }

  get lines(): number {
    return this.lineNo;
  }

  pushLine(raw: string, sourceLabel?: string, meta?: LineMeta): void {
    if (this.ended) return;
    this.lineNo = meta?.lineNo ?? this.lineNo + 1;
    let line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    // Fast path for the 99 % of a debug log that is noise: nothing open, no marker, no JSON
    // counters. (`total` covers both JSON keys, `"totalMs"` and `"total_ns"`, with one search.)
    if (this.open.size === 0 && line.indexOf('total') === -1 && line.indexOf(this.marker) === -1)
      return;
    line = stripAnsi(line);
    const replacement = line.indexOf('\uFFFD') !== -1;
    const { source, rest } = labelled(line, sourceLabel);
    const trimmed = rest.trimStart();
    if (isJsonCounterLine(trimmed)) {
      this.jsonLine(trimmed, source, meta);
      return;
    }
    const m = rest.indexOf(this.marker);
    if (m !== -1) {
      const afterMarker = rest.slice(m + this.marker.length);
      this.openDump(afterMarker, rest.slice(0, m), source, meta, replacement);
      return;
    }
    const cur = this.open.get(source);
    if (cur) this.continueDump(cur, rest, replacement);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const d of [...this.open.values()]) this.finish(d, 'end of input');
    for (const w of this.lost.warnings(this.file)) this.report(w);
  }

  /** A header line: a new dump of its process (closing one still open as cut off). */
  private openDump(
    rest: string,
    prefix: string,
    source: string,
    meta: LineMeta | undefined,
    replacement: boolean,
  ): void {
    const info = readPrefix(prefix);
    const key = info.label !== undefined && source === 'main' ? info.label : source;
    const prev = this.open.get(key);
    if (prev) this.finish(prev, `a new dump began at line ${this.lineNo}`);
    const colon = rest.indexOf(':');
    // `[Object: null prototype] {` is how util.inspect prints an Object.create(null) snapshot.
    const body = (colon === -1 ? rest : rest.slice(colon + 1))
      .trimStart()
      .replace(/^\[Object: null prototype\]\s*/, '');
    if (!body.startsWith('{')) {
      this.report(
        warningAt(this.file, `counter dump header without an object after it`, {
          line: this.lineNo,
          expected: '`{` after `snapshot:`',
        }),
      );
      return;
    }
    const d: OpenDump = {
      source: key,
      line: this.lineNo,
      time: info.time ?? meta?.time,
      text: [body],
      lineNos: [this.lineNo],
      depth: braceDelta(body, 0),
      sawReplacement: replacement,
    };
    if (d.depth <= 0) this.finish(d, undefined);
    else this.open.set(key, d);
  }

  /**
   * A line while a dump of its process is open: util.inspect's indented lines and the closing
   * brace.
   */
  private continueDump(cur: OpenDump, rest: string, replacement: boolean): void {
    const c = rest.charCodeAt(0);
    // Continuation lines of util.inspect output are indented or close the object at column 0.
    if (!(c === 32 || c === 9 || c === 125 /* } */ || c === 93) /* ] */) return;
    cur.text.push(rest);
    cur.lineNos.push(this.lineNo);
    if (replacement) cur.sawReplacement = true;
    cur.depth = braceDelta(rest, cur.depth);
    if (cur.depth <= 0) this.finish(cur, undefined);
    else if (cur.text.length >= this.maxLines)
      this.finish(cur, `no closing '}' within ${this.maxLines} lines`);
  }

  /** Closes a dump (complete, or `cutOff` and why), parses it and hands on what it holds. */
  private finish(d: OpenDump, cutOff: string | undefined): void {
    this.open.delete(d.source);
    const text = d.text.join('\n');
    const r = parseInspect(text);
    this.reportDumpProblems(d, text, cutOff, r.problem);
    this.emitSnapshot(r.value, d.source, d.line, d.time, Boolean(cutOff || r.problem));
  }

  private reportDumpProblems(
    d: OpenDump,
    text: string,
    cutOff: string | undefined,
    problem: ReturnType<typeof parseInspect>['problem'],
  ): void {
    if (d.sawReplacement)
      this.report(
        warningAt(
          this.file,
          `counter dump of '${d.source}' contains bytes that are not UTF-8; names may be garbled`,
          { line: d.line },
        ),
      );
    if (cutOff) {
      this.report(
        warningAt(
          this.file,
          `counter dump of '${d.source}' starting at line ${d.line} is cut off (${cutOff}); ` +
            `only its complete counters are kept`,
          { line: d.lineNos[d.lineNos.length - 1], expected: '`}` closing the snapshot' },
        ),
      );
    } else if (problem) {
      this.report(
        warningAt(
          this.file,
          `counter dump of '${d.source}' could not be read past this point ` +
            `(found ${problem.found}); its complete counters are kept`,
          { line: lineOfOffset(d, text, problem.offset), expected: problem.expected },
        ),
      );
    }
  }

  private emitSnapshot(
    value: unknown,
    source: string,
    line: number,
    time: number | undefined,
    partial: boolean,
  ): void {
    if (!isInspectObject(value as never)) {
      this.report(
        warningAt(this.file, `counter dump of '${source}' is not an object`, {
          line,
          expected: '{ name: { count, totalMs, avgMs, maxMs } }',
        }),
      );
      return;
    }
    const snap = value as Parameters<typeof cellsFromSnapshot>[0];
    const { counters, lost, problems } = cellsFromSnapshot(snap);
    for (const p of problems) this.report(warningAt(this.file, p.message, { line }));
    this.lost.addDump(lost, source, line);
    this.opts.onDump({
      source,
      time,
      line,
      format: 'inspect',
      counters,
      lost,
      ...(partial ? { partial: true } : {}),
    });
  }

  /** A JSON line: a snapshot in some field, or cumulative Rust diagnostics stages. */
  private jsonLine(text: string, source: string, meta: LineMeta | undefined): void {
    const parsed = parseJsonLine(text);
    if (!parsed.value) {
      this.report(
        warningAt(this.file, `line looks like JSON counters but does not parse: ${parsed.error}`, {
          line: this.lineNo,
          expected: 'one JSON object per line',
        }),
      );
      return;
    }
    const p = payloadOf(parsed.value);
    const src = source === 'main' && p.label !== undefined ? p.label : source;
    const time = p.time ?? meta?.time;
    if (p.snapshot && looksLikeSnapshot(p.snapshot)) {
      const { counters, lost, problems } = cellsFromSnapshot(p.snapshot);
      for (const pr of problems)
        this.report(warningAt(this.file, pr.message, { line: this.lineNo }));
      this.lost.addDump(lost, src, this.lineNo);
      this.opts.onDump({ source: src, time, line: this.lineNo, format: 'json', counters, lost });
    } else if (p.stages) {
      this.diagnosticsStages(src, p.stages, time);
    }
  }

  /** Cumulative stage counters: the difference from the previous line is the window. */
  private diagnosticsStages(
    src: string,
    stages: Parameters<DiagnosticsDeltas['push']>[1],
    time: number | undefined,
  ): void {
    const r = this.deltas.push(src, stages, this.lineNo, time);
    if (r.restart) {
      this.report(
        warningAt(
          this.file,
          `diagnostics counters of '${src}' went down: the process restarted; counting starts over`,
          { line: this.lineNo },
        ),
      );
      this.opts.onRestart?.(src, this.lineNo);
    }
    if (r.dump) this.opts.onDump(r.dump);
  }
}

/**
 * The process a line belongs to: the caller's label, then the line's own (`[alice] `, `alice | `).
 */
function labelled(line: string, sourceLabel: string | undefined): LabelledLine {
  const lab = splitLabel(line);
  if (!lab) return { source: sourceLabel ?? 'main', rest: line };
  if (lab.label === undefined) return { source: sourceLabel ?? 'main', rest: lab.rest };
  const source = sourceLabel !== undefined ? `${sourceLabel}/${lab.label}` : lab.label;
  return { source, rest: lab.rest };
}

/** A JSON object line holding counter cells (`"totalMs"`) or diagnostics stages (`"total_ns"`). */
function isJsonCounterLine(trimmed: string): boolean {
  return (
    trimmed.charCodeAt(0) === 123 /* { */ &&
    (trimmed.indexOf('"totalMs"') !== -1 || trimmed.indexOf('"total_ns"') !== -1)
  );
}

/** The file line of a character offset into a dump's joined text. */
function lineOfOffset(d: OpenDump, text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return d.lineNos[Math.min(n, d.lineNos.length - 1)];
}

/** Net `{`/`[` nesting change of one line, ignoring brackets inside quoted strings. */
function braceDelta(s: string, depth: number): number {
  let q = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (q !== 0) {
      if (c === 92) i++;
      else if (c === q) q = 0;
    } else if (c === 39 || c === 34 || c === 96) q = c;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
  }
  return depth;
}

/** Convenience for tests and small inputs: all dumps of a whole text. */
export function scanText(
  text: string,
  file?: string,
): { dumps: CounterDump[]; diagnostics: EngineDiagnostic[] } {
  const dumps: CounterDump[] = [];
  const diagnostics: EngineDiagnostic[] = [];
  const s = createCounterDumpScanner({
    file,
    onDump: (d) => dumps.push(d),
    onDiagnostic: (d) => diagnostics.push(d),
  });
  for (const l of text.split('\n')) s.pushLine(l);
  s.end();
  return { dumps, diagnostics };
}

export { emptyCounters };

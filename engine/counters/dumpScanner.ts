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
import { CounterDump, LostPart, emptyCounters } from './types';

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
  /** Feed one line (without its newline). `sourceLabel` names the process it came from, if known. */
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
  const file = opts.file ?? '<log>';
  const marker = opts.marker ?? DEFAULT_MARKER;
  const maxLines = opts.maxDumpLines ?? 200_000;
  const report = opts.onDiagnostic ?? (() => undefined);
  const open = new Map<string, OpenDump>();
  const deltas = new DiagnosticsDeltas();
  let lineNo = 0;
  let ended = false;
  /** Per process and lost value: in how many dumps, first line (reported once, at the end). */
  const lostTally = new Map<
    string,
    { source: string; path: string; marker: string; dumps: number; line: number }
  >();
  const dumpsOf = new Map<string, number>();

  function finish(d: OpenDump, cutOff: string | undefined): void {
    open.delete(d.source);
    const text = d.text.join('\n');
    const r = parseInspect(text);
    const at = (offset: number): number => {
      let n = 0;
      for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
      return d.lineNos[Math.min(n, d.lineNos.length - 1)];
    };
    if (d.sawReplacement)
      report(
        warningAt(
          file,
          `counter dump of '${d.source}' contains bytes that are not UTF-8; names may be garbled`,
          { line: d.line },
        ),
      );
    if (cutOff) {
      report(
        warningAt(
          file,
          `counter dump of '${d.source}' starting at line ${d.line} is cut off (${cutOff}); only its complete counters are kept`,
          { line: d.lineNos[d.lineNos.length - 1], expected: '`}` closing the snapshot' },
        ),
      );
    } else if (r.problem) {
      report(
        warningAt(
          file,
          `counter dump of '${d.source}' could not be read past this point (found ${r.problem.found}); its complete counters are kept`,
          { line: at(r.problem.offset), expected: r.problem.expected },
        ),
      );
    }
    emitSnapshot(r.value, d.source, d.line, d.time, Boolean(cutOff || r.problem));
  }

  function emitSnapshot(
    value: unknown,
    source: string,
    line: number,
    time: number | undefined,
    partial: boolean,
  ): void {
    if (!isInspectObject(value as never)) {
      report(
        warningAt(file, `counter dump of '${source}' is not an object`, {
          line,
          expected: '{ name: { count, totalMs, avgMs, maxMs } }',
        }),
      );
      return;
    }
    const snap = value as Parameters<typeof cellsFromSnapshot>[0];
    const { counters, lost, problems } = cellsFromSnapshot(snap);
    for (const p of problems) report(warningAt(file, p.message, { line }));
    reportLost(lost, source, line);
    opts.onDump({
      source,
      time,
      line,
      format: 'inspect',
      counters,
      lost,
      ...(partial ? { partial: true } : {}),
    });
  }

  /**
   * Tallies what a dump lost (redacted, elided by util.inspect); the warnings come at the end,
   * one per process, saying in how many of its dumps each value was lost — a counter redacted
   * in all 20 dumps is not "1 value lost".
   */
  function reportLost(lost: readonly LostPart[], source: string, line: number): void {
    dumpsOf.set(source, (dumpsOf.get(source) ?? 0) + 1);
    for (const l of lost) {
      if (!(l.marker.startsWith('[') || l.marker.startsWith('...'))) continue;
      const key = `${source}\0${l.path}\0${l.marker}`;
      const t = lostTally.get(key);
      if (t) t.dumps++;
      else lostTally.set(key, { source, path: l.path, marker: l.marker, dumps: 1, line });
    }
  }

  function reportLostTotals(): void {
    const bySource = new Map<
      string,
      { path: string; marker: string; dumps: number; line: number }[]
    >();
    for (const t of lostTally.values()) {
      let l = bySource.get(t.source);
      if (!l) bySource.set(t.source, (l = []));
      l.push(t);
    }
    for (const [source, list] of bySource) {
      const total = dumpsOf.get(source) ?? 0;
      report(
        warningAt(
          file,
          `counter dumps of '${source}' lost ${list.length} value(s) to util.inspect/redaction (${list
            .slice(0, 3)
            .map((l) => `${l.path || '(snapshot)'}: ${l.marker} in ${l.dumps} of ${total} dumps`)
            .join(', ')}${list.length > 3 ? ', …' : ''}); they are reported, not guessed`,
          { line: list[0].line },
        ),
      );
    }
  }

  function header(
    rest: string,
    prefix: string,
    source: string,
    meta: LineMeta | undefined,
    replacement: boolean,
  ): void {
    const info = readPrefix(prefix);
    const key = info.label !== undefined && source === 'main' ? info.label : source;
    const prev = open.get(key);
    if (prev) finish(prev, `a new dump began at line ${lineNo}`);
    const colon = rest.indexOf(':');
    // `[Object: null prototype] {` is how util.inspect prints an Object.create(null) snapshot.
    const body = (colon === -1 ? rest : rest.slice(colon + 1))
      .trimStart()
      .replace(/^\[Object: null prototype\]\s*/, '');
    const time = info.time ?? meta?.time;
    if (!body.startsWith('{')) {
      report(
        warningAt(file, `counter dump header without an object after it`, {
          line: lineNo,
          expected: '`{` after `snapshot:`',
        }),
      );
      return;
    }
    const d: OpenDump = {
      source: key,
      line: lineNo,
      time,
      text: [body],
      lineNos: [lineNo],
      depth: braceDelta(body, 0),
      sawReplacement: replacement,
    };
    if (d.depth <= 0) finish(d, undefined);
    else open.set(key, d);
  }

  function jsonLine(text: string, source: string, meta: LineMeta | undefined): void {
    const parsed = parseJsonLine(text);
    if (!parsed.value) {
      report(
        warningAt(file, `line looks like JSON counters but does not parse: ${parsed.error}`, {
          line: lineNo,
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
      for (const pr of problems) report(warningAt(file, pr.message, { line: lineNo }));
      reportLost(lost, src, lineNo);
      opts.onDump({ source: src, time, line: lineNo, format: 'json', counters, lost });
    } else if (p.stages) {
      const r = deltas.push(src, p.stages, lineNo, time);
      if (r.restart) {
        report(
          warningAt(
            file,
            `diagnostics counters of '${src}' went down: the process restarted; counting starts over`,
            { line: lineNo },
          ),
        );
        opts.onRestart?.(src, lineNo);
      }
      if (r.dump) opts.onDump(r.dump);
    }
  }

  return {
    get lines() {
      return lineNo;
    },
    pushLine(raw: string, sourceLabel?: string, meta?: LineMeta): void {
      if (ended) return;
      lineNo = meta?.lineNo ?? lineNo + 1;
      let line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
      // Fast path for the 99 % of a debug log that is noise: nothing open, no marker, no JSON counters.
      // (`total` covers both JSON keys, `"totalMs"` and `"total_ns"`, with one search.)
      if (open.size === 0 && line.indexOf('total') === -1 && line.indexOf(marker) === -1) return;
      line = stripAnsi(line);
      const replacement = line.indexOf('\uFFFD') !== -1;
      let source = sourceLabel ?? 'main';
      let rest = line;
      const lab = splitLabel(line);
      if (lab) {
        if (lab.label !== undefined)
          source = sourceLabel !== undefined ? `${sourceLabel}/${lab.label}` : lab.label;
        rest = lab.rest;
      }
      const trimmed = rest.trimStart();
      if (
        trimmed.charCodeAt(0) === 123 /* { */ &&
        (trimmed.indexOf('"totalMs"') !== -1 || trimmed.indexOf('"total_ns"') !== -1)
      ) {
        jsonLine(trimmed, source, meta);
        return;
      }
      const m = rest.indexOf(marker);
      if (m !== -1) {
        header(rest.slice(m + marker.length), rest.slice(0, m), source, meta, replacement);
        return;
      }
      const cur = open.get(source);
      if (cur) {
        const c = rest.charCodeAt(0);
        // Continuation lines of util.inspect output are indented or close the object at column 0.
        if (c === 32 || c === 9 || c === 125 /* } */ || c === 93 /* ] */) {
          cur.text.push(rest);
          cur.lineNos.push(lineNo);
          if (replacement) cur.sawReplacement = true;
          cur.depth = braceDelta(rest, cur.depth);
          if (cur.depth <= 0) finish(cur, undefined);
          else if (cur.text.length >= maxLines)
            finish(cur, `no closing '}' within ${maxLines} lines`);
          return;
        }
      }
    },
    end(): void {
      if (ended) return;
      ended = true;
      for (const d of [...open.values()]) finish(d, 'end of input');
      reportLostTotals();
    },
  };
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

/**
 * Splits what precedes a log message into process label, timestamp, level and namespace.
 *
 * Forms read (sphere-sdk `core/logger.ts`, `formatRecord` + CONSOLE_SINK on feature branches):
 *   `[2026-05-30T20:00:05.123Z] [INFO ] [perf] [perf-counters] snapshot: {`   (timestamps on)
 *   `[perf] [perf-counters] snapshot: {`                                        (legacy split form)
 * and what soak scripts put in front of each line of a child's output:
 *   `[alice] …` (bracketed label), `alice | …` / `alice  | …` (docker-compose style), optionally
 *   after a bare time stamp (`12:00:05 [alice] …`, moreutils `ts`).
 * A bracketed token counts as a label only when it is not an ISO time, not a level and not the
 * logger namespace right before the message.
 */

const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);
const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/;

export interface LinePrefix {
  /** The soak/process label, when the line carries one. */
  readonly label?: string;
  /** Epoch ms parsed from an ISO timestamp in the prefix. */
  readonly time?: number;
}

/** A leading label on any line (continuation lines of a dump included). */
const BRACKET_LABEL = /^\[([A-Za-z][\w.@:-]{0,63})\] /;
const PIPE_LABEL = /^([A-Za-z][\w.@-]{0,63}) *\| /;

/**
 * Strips a process label from the start of a line. Returns the label and the rest, or undefined
 * when the line has none. `[perf] [perf-counters] …` is a namespace, not a label, so a bracket
 * immediately followed by `[perf-counters]` is left alone; so are level and time brackets.
 */
export function splitLabel(line: string): { label?: string; rest: string } | undefined {
  // A soak script's own time stamp on every line (`12:00:05 `, `2026-05-30 12:00:05.123 `) goes
  // first.
  const c0 = line.charCodeAt(0);
  const d = c0 >= 48 && c0 <= 57 ? DECORATION.exec(line) : null;
  const s = d ? line.slice(d[0].length) : line;
  if (s.charCodeAt(0) === 91 /* [ */) {
    const m = BRACKET_LABEL.exec(s);
    const label = m?.[1];
    const rest = m ? s.slice(m[0].length) : s;
    // A bare `[perf-counters] snapshot: {…}` (console.log with no logger) starts with the marker
    // itself.
    if (
      !m ||
      LEVELS.has(label!.trim()) ||
      label === 'perf-counters' ||
      rest.startsWith('[perf-counters]')
    )
      return d ? { rest: s } : undefined;
    return { label, rest };
  }
  const p = PIPE_LABEL.exec(s);
  if (p) return { label: p[1], rest: s.slice(p[0].length) };
  return d ? { rest: s } : undefined;
}

/** A leading bare time (optionally with a date) followed by spaces, as soak scripts' `ts` adds. */
const DECORATION = /^(?:\d{4}-\d{2}-\d{2}[T ])?\d{2}:\d{2}:\d{2}(?:[.,]\d+)?Z? /; // one space: indentation after it is the dump's

/** Reads an ISO time and a level from the bracket tokens before a message. */
export function readPrefix(prefix: string): LinePrefix {
  let label: string | undefined;
  let time: number | undefined;
  const tokens = prefix.match(/\[[^\]]*\]/g) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const inner = tokens[i].slice(1, -1).trim();
    if (ISO.test(inner)) {
      const t = Date.parse(inner);
      if (Number.isFinite(t)) time = t;
      continue;
    }
    if (LEVELS.has(inner)) continue;
    if (i === tokens.length - 1) continue; // the logger namespace (e.g. `perf`)
    if (label === undefined && time === undefined) label = inner;
  }
  if (time === undefined) {
    const bare = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))/.exec(
      prefix,
    );
    if (bare) {
      const t = Date.parse(bare[1]);
      if (Number.isFinite(t)) time = t;
    }
  }
  return { label, time };
}

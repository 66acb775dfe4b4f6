/**
 * Splits what precedes a log message into process label, timestamp, level and namespace.
 *
 * Forms read (sphere-sdk `core/logger.ts`, `formatRecord` + CONSOLE_SINK on feature branches):
 *   `[2026-05-30T20:00:05.123Z] [INFO ] [perf] [perf-counters] snapshot: {`   (timestamps on)
 *   `[perf] [perf-counters] snapshot: {`                                        (legacy split form)
 * and what soak scripts put in front of each line of a child's output:
 *   `[alice] …` (bracketed label), `alice | …` / `alice  | …` (docker-compose style).
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
export function splitLabel(line: string): { label: string; rest: string } | undefined {
  if (line.charCodeAt(0) === 91 /* [ */) {
    const m = BRACKET_LABEL.exec(line);
    if (!m) return undefined;
    const label = m[1]!;
    if (LEVELS.has(label.trim())) return undefined;
    const rest = line.slice(m[0].length);
    if (rest.startsWith('[perf-counters]')) return undefined;
    return { label, rest };
  }
  const p = PIPE_LABEL.exec(line);
  if (p) return { label: p[1]!, rest: line.slice(p[0].length) };
  return undefined;
}

/** Reads an ISO time and a level from the bracket tokens before a message. */
export function readPrefix(prefix: string): LinePrefix {
  let label: string | undefined;
  let time: number | undefined;
  const tokens = prefix.match(/\[[^\]]*\]/g) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const inner = tokens[i]!.slice(1, -1).trim();
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
    const bare = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))/.exec(prefix);
    if (bare) {
      const t = Date.parse(bare[1]!);
      if (Number.isFinite(t)) time = t;
    }
  }
  return { label, time };
}

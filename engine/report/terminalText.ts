/**
 * Text from profiles and logs is data (DESIGN.md): in a terminal it must not move the cursor,
 * clear the screen, retitle the window or plant hyperlinks. Escape sequences are removed and any
 * other control character is shown as a visible `\xNN` escape, as log lines already are.
 * Names are also capped for the text tables: rows are padded to the longest name, and one
 * 200 MB name would make every row 200 MB (`--json` keeps names whole).
 */

// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]/g;
// C0 controls but newline, DEL, and the C1 range.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/g;

/** Longest name a text table shows; longer names end in `…`. */
export const MAX_DISPLAY_NAME = 160;

const hex = (c: string): string => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/**
 * `text` safe to print to a terminal: escape sequences removed, other controls made visible;
 * newlines kept.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\x00-\x09\x0b-\x1f\x7f-\x9f]/.test(text)) return text;
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, hex);
}

/**
 * One table cell: capped first (so a huge name costs nothing), then made terminal-safe, on one
 * line.
 */
export function displayName(name: string, max = MAX_DISPLAY_NAME): string {
  const capped = name.length > max ? `${name.slice(0, max - 1)}…` : name;
  return terminalSafe(capped).replace(/\n/g, '\\n');
}

/**
 * GitHub-flavoured Markdown tables: the one formatter behind the panel's "Copy as Markdown",
 * `perflens report --markdown` and `perflens compare --markdown` (and the editor's comparison),
 * so what is pasted into an issue cannot drift between them.
 *
 * Numbers are right-aligned (`---:`), text left-aligned; `|`, backslashes, backticks, HTML
 * brackets and line breaks (CR, LF, U+2028, U+2029) in text are escaped so a hostile function or
 * counter name stays one literal cell and never becomes markup. The lines above and below a table
 * (`context`, `notes`) carry the run, the sample counts and the basis of each percentage.
 */
import type { Cell, MarkdownTable } from '../../protocol/webview';
import { formatFixed, formatNumber } from '../../protocol/format';

/**
 * Text made literal in a GitHub table cell. Written by hand: Markdown libraries render Markdown,
 * none escapes for a table cell (pipes, line separators) — a dozen characters, listed here.
 */
export function escapeCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/`/g, '\\`')
    .replace(/\*/g, '\\*')
    .replace(/_/g, '\\_')
    .replace(/\[/g, '\\[')
    .replace(/\]/g, '\\]')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
}

/** A line of prose outside the table: the same escapes, so names quoted in it stay text. */
export function escapeLine(text: string): string {
  return escapeCell(text).replace(/\\\|/g, '|');
}

/** Whole numbers as they are; others with two decimals, so a right-aligned column lines up. */
function cellText(c: Cell): string {
  if (c === null) return '–';
  if (typeof c === 'number') return Number.isInteger(c) ? formatNumber(c, 0) : formatFixed(c, 2);
  return escapeCell(c);
}

/**
 * The table alone: header, alignment row (numbers `---:`, text `:---`), one line per row, and
 * `(none)` for no rows so an empty table still renders. Lines without a trailing newline.
 */
export function markdownGrid(
  columns: MarkdownTable['columns'],
  rows: MarkdownTable['rows'],
): string[] {
  const out = [`| ${columns.map((c) => escapeCell(c.label)).join(' | ')} |`];
  out.push(`| ${columns.map((c) => (c.numeric ? '---:' : ':---')).join(' | ')} |`);
  for (const r of rows) out.push(`| ${r.map((c) => cellText(c)).join(' | ')} |`);
  if (rows.length === 0)
    out.push(`| ${columns.map((_, i) => (i === 0 ? '(none)' : '')).join(' | ')} |`);
  return out;
}

/** One table with its title, context (the basis line) above and notes below. */
export function markdownTable(t: MarkdownTable): string {
  const out: string[] = [`### ${escapeLine(t.title)}`, ''];
  for (const line of t.context) out.push(escapeLine(line), '');
  out.push(...markdownGrid(t.columns, t.rows));
  if (t.notes.length) out.push('');
  for (const line of t.notes) out.push(escapeLine(line));
  return `${out.join('\n')}\n`;
}

/** Several tables, one blank line apart. */
export function markdownDocument(tables: readonly MarkdownTable[]): string {
  return tables.map(markdownTable).join('\n');
}

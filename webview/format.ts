/**
 * Numbers as the panel shows them come from protocol/format.ts, the one place the CLI and the
 * Markdown tables use too; only what is the panel's own (short file names) is written here.
 */
export {
  costUnit,
  formatCost as fmtCost,
  formatFixed as fmt,
  formatInteger as fmtInt,
  formatDuration as fmtSeconds,
} from '../protocol/format';

/** The last two path segments (`…/src/work.js`): short enough for a column; the title has all. */
export function shortFile(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts.length > 2 ? `…/${parts.slice(-2).join('/')}` : file;
}

/**
 * The tables the page copies as Markdown, exactly as shown (sort, filter, process, window).
 * Columns and cells come from protocol/markdownTables.ts, which `report --markdown` uses too; the
 * host hands the tables to the engine's one formatter (engine/format/markdownTable.ts).
 */
import type { MarkdownTable } from '../../protocol/webview';
import type { SourceData } from '../../protocol/sourceData';
import { counterCells, counterColumns, functionTable } from '../../protocol/markdownTables';
import type { CounterRowView } from '../logic/counterRows';

export function counterMarkdown(
  d: SourceData,
  title: string,
  rows: readonly CounterRowView[],
  wallLabel: string,
  notes: string[],
): MarkdownTable {
  return {
    title,
    context: [d.basis],
    columns: counterColumns(wallLabel),
    rows: rows.map(counterCells),
    notes,
  };
}

/** At most 1000 rows: a copied table is for an issue or a PR, not the whole profile. */
export function functionMarkdown(
  d: SourceData,
  title: string,
  order: ArrayLike<number>,
  limit = 1000,
): MarkdownTable {
  return functionTable(d, title, order, limit);
}

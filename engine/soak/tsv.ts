/**
 * Header-driven TSV, as soak scripts and the runner write it (`samples.tsv`, `totals.tsv`).
 *
 * Columns are found by header name, never by position, so a file from another tool with extra or
 * reordered columns reads the same; unknown columns are kept. Ragged rows are kept too: missing
 * cells are absent, extra cells land in `_extra1`, `_extra2`, … — each with a warning naming the
 * line.
 */
import { EngineDiagnostic, warningAt } from '../diagnostics';

export interface TsvTable {
  readonly header: string[];
  /** Rows keyed by header name; 1-based file line in `line`. */
  readonly rows: Array<{ readonly line: number; readonly cells: Record<string, string> }>;
  readonly diagnostics: EngineDiagnostic[];
}

export function parseTsv(text: string, file: string, maxWarnings = 20): TsvTable {
  const lines = text.split('\n');
  const diagnostics: EngineDiagnostic[] = [];
  let i = 0;
  while (i < lines.length && (lines[i].trim() === '' || lines[i].startsWith('#'))) i++;
  if (i >= lines.length) {
    diagnostics.push(
      warningAt(file, 'the file has no header line', {
        line: 1,
        expected: 'a tab-separated header',
      }),
    );
    return { header: [], rows: [], diagnostics };
  }
  const header = clean(lines[i])
    .split('\t')
    .map((h) => h.trim());
  const rows: TsvTable['rows'] = [];
  let ragged = 0;
  for (let n = i + 1; n < lines.length; n++) {
    const raw = clean(lines[n]);
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const parts = raw.split('\t');
    const cells: Record<string, string> = Object.create(null) as Record<string, string>;
    for (let c = 0; c < parts.length; c++) {
      const key = c < header.length ? header[c] : `_extra${c - header.length + 1}`;
      cells[key] = parts[c]!;
    }
    if (parts.length !== header.length) {
      ragged++;
      if (ragged <= maxWarnings) {
        diagnostics.push(
          warningAt(
            file,
            `row has ${parts.length} cells but the header has ${header.length}; ${parts.length < header.length ? 'missing cells are left empty' : 'extra cells are kept as _extraN'}`,
            { line: n + 1, expected: `${header.length} tab-separated cells` },
          ),
        );
      }
    }
    rows.push({ line: n + 1, cells });
  }
  if (ragged > maxWarnings)
    diagnostics.push(warningAt(file, `${ragged - maxWarnings} more ragged rows not listed`, {}));
  return { header, rows, diagnostics };
}

function clean(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

/** The first header among `aliases` present in the table (case-insensitive), if any. */
export function findColumn(
  header: readonly string[],
  aliases: readonly string[],
): string | undefined {
  const lower = header.map((h) => h.toLowerCase());
  for (const a of aliases) {
    const k = lower.indexOf(a.toLowerCase());
    if (k !== -1) return header[k];
  }
  return undefined;
}

/**
 * The file edge for whole text files of a run (`samples.tsv`, `totals.tsv`, `run.json`,
 * `summary-metrics.json`, latency samples…): read as UTF-8, or as UTF-16 LE/BE when the file
 * starts with that byte-order mark (PowerShell 5's `>` writes UTF-16 LE with a BOM), the mark
 * itself dropped. Logs are not read here: they are streamed chunk by chunk by the log scanner,
 * which decodes the same way (`engine/textEncoding.ts`).
 */
import { readFile } from 'node:fs/promises';
import { detectBom } from './textEncoding';

/** Decodes a whole file's bytes by its BOM (UTF-8 without one); invalid bytes become U+FFFD. */
export function decodeText(bytes: Uint8Array): string {
  const bom = detectBom(bytes);
  return new TextDecoder(bom?.encoding ?? 'utf-8', { fatal: false, ignoreBOM: true }).decode(
    bom ? bytes.subarray(bom.length) : bytes,
  );
}

/** Reads a text file, honouring a UTF-16 or UTF-8 byte-order mark. */
export async function readTextFile(path: string): Promise<string> {
  return decodeText(await readFile(path));
}

/**
 * Shared helpers for counters tests: fixture paths and chunked re-scans to hit chunk boundaries.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EngineDiagnostic } from '../../../../engine/diagnostics';
import { createCounterDumpScanner } from '../../../../engine/counters/dumpScanner';
import { createLineSplitter } from '../../../../engine/counters/lineSplitter';
import { CounterDump } from '../../../../engine/counters/types';

export const FIXTURES = path.resolve(__dirname, '../../../fixtures');
export const fixture = (...p: string[]): string => path.join(FIXTURES, ...p);

/** Scans bytes through the line splitter with chunks of the given size (1 = every byte apart). */
export function scanBytes(
  bytes: Uint8Array,
  chunk: number,
  file = 'x.log',
): { dumps: CounterDump[]; diagnostics: EngineDiagnostic[] } {
  const dumps: CounterDump[] = [];
  const diagnostics: EngineDiagnostic[] = [];
  const scanner = createCounterDumpScanner({
    file,
    onDump: (d) => dumps.push(d),
    onDiagnostic: (d) => diagnostics.push(d),
  });
  const splitter = createLineSplitter({
    onLine: (l, n) => scanner.pushLine(l, undefined, { lineNo: n }),
  });
  for (let i = 0; i < bytes.length; i += chunk)
    splitter.push(bytes.subarray(i, Math.min(bytes.length, i + chunk)));
  splitter.end();
  scanner.end();
  return { dumps, diagnostics };
}

export const readFixture = (...p: string[]): Buffer => readFileSync(fixture(...p));

/** Lines of a file that open a dump (computed from the text, independent of the scanner). */
export function headerLines(text: string): number[] {
  return text
    .split('\n')
    .flatMap((l, i) => (l.includes('[perf-counters] snapshot') ? [i + 1] : []));
}

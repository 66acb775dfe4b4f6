/**
 * The importer registry: picks the importer for an input by file name, checks the content agrees
 * (sniffing), and otherwise asks every importer — and when all decline, reports each one's reason.
 * A table, not an if/else chain (STYLE.md), so a new format is one file plus one line here.
 */
import { errorAt, type EngineDiagnostic } from '../diagnostics';
import type { ProfileImporter } from './importer';
import { callgrindImporter } from './importers/callgrind';
import { chromeTraceImporter } from './importers/chromeTrace';
import { foldedImporter } from './importers/folded';
import { oxImporter } from './importers/ox';
import { perfScriptImporter } from './importers/perfScript';
import { pprofImporter } from './importers/pprof';
import { speedscopeImporter } from './importers/speedscope';
import { v8CpuprofileImporter } from './importers/v8Cpuprofile';
import { v8CpuprofileLegacyImporter } from './importers/v8CpuprofileLegacy';
import { v8HeapprofileImporter } from './importers/v8Heapprofile';

/** In sniffing order: the most specific formats first; folded stacks (the loosest text) last. */
export const importers: readonly ProfileImporter[] = [
  // Binary, recognised by its bytes alone.
  pprofImporter,
  // Before the cpuprofile: a Chrome trace's ProfileChunk nodes look like a cpuprofile's.
  chromeTraceImporter,
  v8CpuprofileImporter,
  // Before the legacy cpuprofile: both have a 'head' tree; the heap profile's has 'selfSize'.
  v8HeapprofileImporter,
  v8CpuprofileLegacyImporter,
  speedscopeImporter,
  oxImporter,
  callgrindImporter,
  perfScriptImporter,
  foldedImporter,
];

/**
 * Every format the registry reads, by the importers' labels, for refusals (docs/formats.md has
 * the full table): taken from the table so a new importer is named in every "expected" list.
 */
export const PROFILE_FORMAT_NAMES = importers.map((i) => i.label).join(', ');

const PROFILE_FORMATS = `a profile (${PROFILE_FORMAT_NAMES})`;

export type Choice =
  { importer: ProfileImporter; by: 'name+content' | 'content' } | { declined: EngineDiagnostic };

/**
 * Chooses an importer from the file name and the first few KB of text. The name only decides
 * when the content does not contradict it; content alone decides otherwise.
 */
export function chooseImporter(
  fileName: string,
  head: string,
  list: readonly ProfileImporter[] = importers,
  headBytes?: Uint8Array,
): Choice {
  // Binary formats (pprof) sniff the raw bytes when the caller has them; text formats the text.
  const sniff = (imp: ProfileImporter): string | null =>
    headBytes && imp.sniffBytes ? imp.sniffBytes(headBytes) : imp.sniff(head);
  for (const imp of list)
    if (imp.matchesName(fileName) && sniff(imp) === null)
      return { importer: imp, by: 'name+content' };
  for (const imp of list) if (sniff(imp) === null) return { importer: imp, by: 'content' };
  if (head.trim() === '')
    return {
      declined: errorAt(fileName, 'the file is empty', {
        offset: 0,
        expected: PROFILE_FORMATS,
      }),
    };
  const reasons = list.map((i) => `${i.id}: ${sniff(i)}`).join('; ');
  return {
    declined: errorAt(fileName, `no importer recognises this file (${reasons})`, {
      offset: 0,
      expected: PROFILE_FORMATS,
    }),
  };
}

export function importerById(id: string): ProfileImporter | undefined {
  return importers.find((i) => i.id === id);
}

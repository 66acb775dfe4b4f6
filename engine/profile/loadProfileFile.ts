/**
 * Edge module: reads profile files and folders from disk for the pure importers.
 *
 * - A file is sniffed from its first 4 KB, then streamed in chunks (V8 cpuprofiles of any size,
 *   past V8's string limit) or read whole (the text formats), then source-mapped.
 * - A folder may be a run folder (`profiles/*.cpuprofile`, one per process, pid in the name,
 *   command lines from `run.json`), a 0x output folder (`*-v8.log.json` + `meta.json`), or a
 *   folder of profiles. Each process stays its own model; `mergeProfiles` joins them on request.
 * Nothing here throws on bad input: errors come back as diagnostics, beside whatever loaded.
 */
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { errorAt, warningAt, type EngineDiagnostic } from '../diagnostics';
import { decodeHead, detectBom, toUtf8Chunks } from '../textEncoding';
import type { ProfileInput } from './importer';
import { createSourceMapLookup, readTextFromDisk, type ReadText } from './loadSourceMaps';
import type { ProfileModel } from './model';
import { demangleFrames, looksMangled } from './demangle';
import { loadDemangler } from './loadDemangler';
import { chooseImporter, importers, PROFILE_FORMAT_NAMES } from './registry';
import { applySourceMaps } from './sourceMaps';

export interface LoadOptions {
  /** Bytes per read; small values exercise chunk boundaries in tests. Default 1 MiB. */
  readonly chunkSize?: number;
  /** Map compiled JavaScript back to its sources (default true). */
  readonly sourceMaps?: boolean;
  /** How source maps and generated files are read (default: from disk). */
  readonly readText?: ReadText;
}

export interface LoadedProfiles {
  readonly profiles: readonly ProfileModel[];
  readonly diagnostics: readonly EngineDiagnostic[];
  /**
   * For one file: the importer that took it as its format, even when it then refused it (a
   * truncated trace) — so the file is known to be a profile, and no counter log.
   */
  readonly recognisedAs?: string;
}

const HEAD_BYTES = 4096;

/** The first bytes of a file, and their text (UTF-8, or what a byte-order mark says). */
async function readHead(path: string): Promise<{ text: string; bytes: Uint8Array }> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    const bytes = buf.subarray(0, bytesRead);
    return { text: decodeHead(bytes), bytes };
  } catch {
    return { text: '', bytes: new Uint8Array(0) };
  } finally {
    await fh.close();
  }
}

/**
 * Reads a file chunk by chunk through one reused buffer (stream parsers copy what they keep). A
 * read stream allocates a new buffer per chunk: a 100 MB profile made 100 MB of short-lived
 * external memory, and its pressure set off full garbage collections during the import.
 */
async function readInto(
  path: string,
  chunkSize: number,
  push: (chunk: Uint8Array) => void,
): Promise<void> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(chunkSize);
    for (let pos = 0; ;) {
      const { bytesRead } = await fh.read(buf, 0, chunkSize, pos);
      if (bytesRead === 0) return;
      push(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
  } finally {
    await fh.close();
  }
}

/**
 * `CPU.20261121.234112.16775.0.001.cpuprofile` (node --cpu-prof) → 16775;
 * `isolate-0x…-123-123-v8.log.json` → 123.
 */
export function pidFromFileName(name: string): number | undefined {
  const cpu = /^CPU\.\d{8}\.\d{6}\.(\d+)\.\d+\.\d+\.cpuprofile$/.exec(name);
  if (cpu) return Number(cpu[1]);
  const iso = /^isolate-0x[0-9a-f]+-(\d+)-\d+-v8\.log\.json$/i.exec(name);
  if (iso) return Number(iso[1]);
  const any = /(?:^|[.\-_])pid[-_.]?(\d+)(?:[.\-_]|$)/i.exec(name);
  return any ? Number(any[1]) : undefined;
}

/**
 * A refusal always has a reason: a profile that imported cleanly but whose samples carry nothing
 * (all at the root, an empty `ticks`, every delta 0) says so and what was expected.
 */
function emptinessOf(path: string, profiles: readonly ProfileModel[]): EngineDiagnostic[] {
  if (profiles.length === 0 || profiles.some((m) => m.totalWeight > 0)) return [];
  const samples = profiles.reduce((a, m) => a + m.sampleStack.length, 0);
  return [
    warningAt(
      path,
      samples === 0
        ? 'the profile has no samples below its root; there is nothing to show'
        : `the profile's ${samples} samples carry no time or weight; there is nothing to show`,
      { expected: 'samples in functions, with time between them' },
    ),
  ];
}

/** Loads one profile file: every profile in it, with diagnostics. */
export async function loadProfileFile(
  path: string,
  options: LoadOptions = {},
): Promise<LoadedProfiles> {
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile())
      return {
        profiles: [],
        diagnostics: [errorAt(path, 'not a file', { expected: 'a profile file' })],
      };
    size = st.size;
  } catch (e) {
    return {
      profiles: [],
      diagnostics: [errorAt(path, `cannot read the file: ${(e as Error).message}`)],
    };
  }
  if (size === 0)
    return {
      profiles: [],
      diagnostics: [
        errorAt(
          path,
          'the file is empty (0 bytes); a profiler that was killed before it could write ' +
            'leaves this',
          { offset: 0, expected: 'a CPU profile' },
        ),
      ],
    };
  const head = await readHead(path);
  const choice = chooseImporter(basename(path), head.text, importers, head.bytes);
  // Importers are chosen by the bare name; the problem names the file as given, so a terminal
  // can open it.
  if ('declined' in choice)
    return { profiles: [], diagnostics: [{ ...choice.declined, file: path }] };
  const imp = choice.importer;
  const chunkSize = options.chunkSize ?? 1024 * 1024;
  // A text file with a byte-order mark (UTF-16 from PowerShell, or UTF-8 with BOM) reaches the
  // importers as plain UTF-8; binary formats never start with one of these marks.
  const bom = detectBom(head.bytes);
  let result;
  try {
    if (bom) {
      const raw: Uint8Array[] = [];
      for await (const c of createReadStream(path, { highWaterMark: chunkSize }))
        raw.push(c as Buffer);
      const chunks = [...toUtf8Chunks(bom, raw)];
      if (imp.createStreamParser) {
        const parser = imp.createStreamParser(path, size);
        for (const c of chunks) parser.push(c);
        result = parser.end();
      } else result = imp.parse({ fileName: path, chunks });
    } else if (imp.createStreamParser) {
      const parser = imp.createStreamParser(path, size);
      await readInto(path, chunkSize, (chunk) => parser.push(chunk));
      result = parser.end();
    } else {
      const buf = size < 0x7fffffff ? await readFile(path) : undefined;
      const chunks: Uint8Array[] = [];
      if (buf)
        for (let at = 0; at < buf.length; at += chunkSize)
          chunks.push(buf.subarray(at, at + chunkSize));
      else
        for await (const c of createReadStream(path, { highWaterMark: 64 * 1024 * 1024 }))
          chunks.push(c as Buffer);
      const input: ProfileInput = { fileName: path, chunks };
      result = imp.parse(input);
    }
  } catch (e) {
    return {
      profiles: [],
      diagnostics: [errorAt(path, `reading failed: ${(e as Error).message}`)],
    };
  }
  if (result.kind === 'not-mine')
    return {
      profiles: [],
      diagnostics: [errorAt(path, `${result.importer} declined: ${result.reason}`, { offset: 0 })],
    };
  const pid = pidFromFileName(basename(path));
  const lookup =
    options.sourceMaps === false
      ? undefined
      : createSourceMapLookup(options.readText ?? readTextFromDisk, dirname(path));
  const demangle = result.profiles.some((m) => m.frames.some((f) => looksMangled(f.name)))
    ? loadDemangler()
    : undefined;
  const profiles = result.profiles.map((m) => {
    const named = demangle ? demangleFrames(m, demangle) : m;
    const withPid = pid !== undefined && named.pid === undefined ? { ...named, pid } : named;
    return lookup ? applySourceMaps(withPid, lookup) : withPid;
  });
  return {
    profiles,
    diagnostics: [...result.diagnostics, ...emptinessOf(path, profiles)],
    recognisedAs: imp.id,
  };
}

/** `argv` as one command line, only when it is what it claims: an array of strings. */
const isEmptyArgv = (argv: unknown): boolean =>
  argv === undefined || (Array.isArray(argv) && argv.length === 0);

function commandOf(command: unknown, argv: unknown): string | undefined {
  if (typeof command === 'string' && command !== '') return command;
  if (Array.isArray(argv) && argv.length > 0 && argv.every((a) => typeof a === 'string'))
    return argv.join(' ');
  return undefined;
}

/**
 * pid → command line from `run.json` (`processes: [{ pid, argv | command }]`) or 0x's
 * `meta.json` (`{ pid, title, argv }`). Both are written by other programs (or edited by hand), so
 * every field is checked; a malformed manifest costs only the command labels, with a warning.
 */
function commandsFromManifests(
  path: string,
  run: unknown,
  metas: readonly { file: string; json: unknown }[],
  diagnostics: EngineDiagnostic[],
): Map<number, string> {
  const commands = new Map<number, string>();
  const isPid = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) > 0;
  if (run !== undefined) {
    const processes =
      run !== null && typeof run === 'object'
        ? (run as Record<string, unknown>).processes
        : undefined;
    if (processes !== undefined && !Array.isArray(processes))
      diagnostics.push(
        warningAt(join(path, 'run.json'), "'processes' is not an array; command lines not shown", {
          expected: "'processes': [{ pid, argv }]",
        }),
      );
    let bad = 0;
    for (const p of Array.isArray(processes) ? (processes as unknown[]) : []) {
      const rec = p !== null && typeof p === 'object' ? (p as Record<string, unknown>) : {};
      const command = commandOf(rec.command, rec.argv);
      if (isPid(rec.pid) && command !== undefined) commands.set(rec.pid, command);
      // A process whose command line could not be read (it had exited) has no argv, or an empty one.
      else if (!(isPid(rec.pid) && rec.command === undefined && isEmptyArgv(rec.argv))) bad++;
    }
    if (bad > 0)
      diagnostics.push(
        warningAt(
          join(path, 'run.json'),
          `${bad} entries of 'processes' lack a whole-number pid or a string-array argv; ` +
            `their command lines are not shown`,
          { expected: '{ "pid": 123, "argv": ["node", "app.js"] }' },
        ),
      );
  }
  for (const { file, json } of metas) {
    const meta = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {};
    if (!isPid(meta.pid)) continue;
    const command = commandOf(meta.title, meta.argv);
    if (command !== undefined) commands.set(meta.pid, command);
    else
      diagnostics.push(
        warningAt(file, "neither 'title' nor 'argv' is text; the command line is not shown", {
          expected: "'title' a string or 'argv' an array of strings",
        }),
      );
  }
  return commands;
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => join(dir, d.name))
      .sort();
  } catch {
    return [];
  }
}

/**
 * What a run or 0x folder holds beside its profiles: read by other readers (counters, soak) or
 * not data at all, so never offered to the profile importers (a `samples.tsv` row ends with a
 * number and would pass for folded stacks) and not listed as skipped.
 */
const RUN_ARTEFACTS = new Set([
  'run.json',
  'script.log',
  'counters.jsonl',
  'samples.tsv',
  'totals.tsv',
  'summary-metrics.json',
  'diagnostics.jsonl',
  'meta.json',
]);
/** Files that are never profiles, with why: listed as skipped, never offered to the importers. */
const NOT_PROFILES: readonly [RegExp, string][] = [
  [/\.(?:[cm]?[jt]sx?|map)$/i, 'source code or a source map'],
  [/\.(?:html?|css|png|svg|md)$/i, 'a page, an image or a document'],
  // 0x reads the raw V8 log into the `.json` beside it, which is what is imported.
  [/^isolate-.*-v8\.log$/i, "V8's raw log (its 0x .json is read)"],
];

/**
 * Files in a folder that are profiles, recognised as single files are: by content (the same
 * sniffing), with the name deciding only when the content agrees. A file any importer claims by
 * name is always offered, so a broken one gets its importer's precise refusal. Everything else
 * that is not a known run artefact is listed in `skipped` with the reason.
 */
async function profileFilesIn(
  dir: string,
  skipped: { file: string; reason: string }[],
): Promise<string[]> {
  const out: string[] = [];
  for (const f of await listFiles(dir)) {
    const name = basename(f);
    // Run artefacts are other readers' input; hidden files are no one's.
    if (RUN_ARTEFACTS.has(name) || name.startsWith('.')) continue;
    const never = NOT_PROFILES.find(([re]) => re.test(name));
    if (never) {
      skipped.push({ file: f, reason: never[1] });
      continue;
    }
    if (importers.some((i) => i.matchesName(name))) {
      out.push(f);
      continue;
    }
    const head = await readHead(f);
    const choice = chooseImporter(name, head.text, importers, head.bytes);
    if ('importer' in choice) out.push(f);
    else
      skipped.push({
        file: f,
        reason: /empty/.test(choice.declined.message)
          ? 'empty'
          : 'no importer recognises its content',
      });
  }
  return out;
}

/** The skipped files by their path under the folder, each with why; the first ten. */
function skippedList(path: string, skipped: readonly { file: string; reason: string }[]): string {
  return `${skipped
    .slice(0, 10)
    .map((x) => `${relative(path, x.file)} (${x.reason})`)
    .join(', ')}${skipped.length > 10 ? `, and ${skipped.length - 10} more` : ''}`;
}

/**
 * Loads a file, or every profile in a folder (run folder, 0x folder, or plain folder). Command
 * lines come from `run.json` (`processes[].argv`) or 0x's `meta.json`.
 */
export async function loadProfilePath(
  path: string,
  options: LoadOptions = {},
): Promise<LoadedProfiles> {
  let isDir = false;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (e) {
    return { profiles: [], diagnostics: [errorAt(path, `cannot open: ${(e as Error).message}`)] };
  }
  if (!isDir) return loadProfileFile(path, options);
  const skipped: { file: string; reason: string }[] = [];
  const files = [
    ...(await profileFilesIn(join(path, 'profiles'), skipped)),
    ...(await profileFilesIn(join(path, '0x'), skipped)),
    ...(await profileFilesIn(path, skipped)),
  ];
  const diagnostics: EngineDiagnostic[] = [];
  const expected = `profiles: ${PROFILE_FORMAT_NAMES}`;
  if (skipped.length > 0 && files.length > 0)
    diagnostics.push(
      warningAt(
        path,
        `${files.length} profile file(s) read; ${skipped.length} other file(s) skipped: ${skippedList(path, skipped)}`,
        { expected },
      ),
    );
  const metas = [];
  for (const dir of [path, join(path, '0x')]) {
    const file = join(dir, 'meta.json');
    const json = await readJson<unknown>(file);
    if (json !== undefined) metas.push({ file, json });
  }
  const commands = commandsFromManifests(
    path,
    await readJson<unknown>(join(path, 'run.json')),
    metas,
    diagnostics,
  );
  if (files.length === 0)
    return {
      profiles: [],
      diagnostics: [
        errorAt(
          path,
          skipped.length > 0
            ? `no profile files in this folder; ${skipped.length} file(s) skipped: ${skippedList(path, skipped)}`
            : 'no profile files in this folder',
          { expected },
        ),
      ],
    };
  const profiles: ProfileModel[] = [];
  for (const f of files) {
    const r = await loadProfileFile(f, options);
    for (const m of r.profiles) {
      const command = m.pid !== undefined ? commands.get(m.pid) : undefined;
      profiles.push(command && !m.command ? { ...m, command } : m);
    }
    diagnostics.push(...r.diagnostics);
  }
  return { profiles, diagnostics };
}

/**
 * pprof `profile.proto` (github.com/google/pprof/proto/profile.proto), gzipped as Go's
 * runtime/pprof writes it (Go 1.19 here) or raw. Decoded by `pprof-format` 2.3 (Datadog's
 * maintained pure-JS reader/writer of that schema), not by hand.
 *
 * Which value: `default_sample_type` when set, else — as profile.proto says clients should — the
 * last sample type (Go CPU: `cpu/nanoseconds`; Go heap: `inuse_space/bytes`). Its unit decides the
 * model's: times become ms, `bytes` stay bytes (memory, not time), `count` of `samples` is a
 * sample count, anything else is counted events named by the type. Stacks: `location_id` is leaf
 * first; a location with several `line`s holds inlined calls, the last entry being the caller.
 * A frame is a function (name, file, `start_line`); an unsymbolized location is its address.
 * Sample counts: a record is one distinct stack, not one sample — the count is the record's
 * `samples/count` value where the profile has that type; without it (heap, mutex) none is shown.
 */
import { gunzipSync, constants } from 'node:zlib';
import { Profile } from 'pprof-format';
import { errorAt, warningAt } from '../../diagnostics';
import { ProfileBuilder } from '../builder';
import { joinBytes } from './bytePieces';
import type { ImportResult, ProfileImporter, ProfileInput } from '../importer';
import { baseName } from '../jsonInput';
import type { WeightUnit } from '../model';
import { parseNativeName } from '../nativeNames';

export const PPROF = 'pprof';

const n = (v: number | bigint | undefined): number => (v === undefined ? 0 : Number(v));

const TIME_UNITS: Record<string, number> = {
  nanoseconds: 1e-6,
  microseconds: 1e-3,
  milliseconds: 1,
  seconds: 1e3,
};

/** The model's unit and the factor from the file's unit to it. */
export function pprofUnit(
  type: string,
  unit: string,
): { unit: WeightUnit; scale: number; label?: string } {
  if (TIME_UNITS[unit] !== undefined)
    return { unit: 'milliseconds', scale: TIME_UNITS[unit], label: type };
  if (unit === 'bytes') return { unit: 'bytes', scale: 1, label: type };
  if (unit === 'count' && type === 'samples') return { unit: 'samples', scale: 1 };
  return { unit: 'events', scale: 1, label: `${type} (${unit || 'count'})` };
}

const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/**
 * Wire type of each field of `Profile` (0 varint, 2 length-delimited); 13 `comment` may be packed.
 */
const PROFILE_FIELDS: Record<number, readonly number[]> = {
  1: [2],
  2: [2],
  3: [2],
  4: [2],
  5: [2],
  6: [2],
  7: [0],
  8: [0],
  9: [0],
  10: [0],
  11: [2],
  12: [0],
  13: [0, 2],
  14: [0],
  15: [2],
};

/**
 * Whether bytes start like a serialized Profile: the first few fields carry tags and wire types
 * the schema allows, with lengths that fit. Only a sniff over the first KB — Go writes fields in
 * no fixed order (time_nanos or period_type first) — the reading itself is pprof-format's.
 */
function looksLikeProfileMessage(b: Uint8Array): boolean {
  let at = 0;
  let fields = 0;
  const varint = (): number | undefined => {
    let v = 0;
    for (let shift = 0; shift < 64 && at < b.length; shift += 7) {
      const c = b[at++];
      v += (c & 0x7f) * 2 ** shift;
      if ((c & 0x80) === 0) return v;
    }
    return undefined;
  };
  while (at < b.length && fields < 6) {
    const tag = varint();
    if (tag === undefined) break;
    const allowed = PROFILE_FIELDS[Math.floor(tag / 8)];
    if (!allowed?.includes(tag & 7)) return false;
    const v = varint();
    if (v === undefined) break;
    if ((tag & 7) === 2) at += v;
    fields++;
  }
  return fields >= 2 || (fields === 1 && at >= b.length);
}

export function parsePprof(fileName: string, bytes: Uint8Array): ImportResult {
  const fail = (message: string, expected: string, offset = 0): ImportResult => ({
    kind: 'profiles',
    profiles: [],
    diagnostics: [errorAt(fileName, message, { offset, expected })],
  });
  let raw = bytes;
  if (isGzip(bytes)) {
    try {
      raw = gunzipSync(bytes);
    } catch (e) {
      return fail(`the gzip stream is broken: ${(e as Error).message}`, 'a complete gzip file');
    }
  }
  let p: Profile;
  try {
    p = Profile.decode(raw);
  } catch (e) {
    return fail(
      `not a valid profile.proto ` +
        `message${isGzip(bytes) ? ' (after gunzip)' : ''}: ${(e as Error).message}`,
      'a serialized perftools.profiles.Profile',
    );
  }
  const str = (i: number | bigint | undefined): string => p.stringTable.strings[n(i)] ?? '';
  if (p.sampleType.length === 0)
    return fail('the profile declares no sample types', "at least one 'sample_type'");
  const defaultType = str(p.defaultSampleType);
  let index = p.sampleType.length - 1;
  if (n(p.defaultSampleType) !== 0) {
    const found = p.sampleType.findIndex((t) => str(t.type) === defaultType);
    if (found >= 0) index = found;
  }
  const type = str(p.sampleType[index].type);
  const { unit, scale, label } = pprofUnit(type, str(p.sampleType[index].unit));
  const b = new ProfileBuilder(unit);

  const functions = new Map<number, { name: string; file: string; line: number }>();
  for (const f of p.function)
    functions.set(n(f.id), {
      name: str(f.name) || str(f.systemName) || '(unknown)',
      file: str(f.filename),
      line: n(f.startLine),
    });
  const mappings = new Map<number, string>();
  for (const m of p.mapping) mappings.set(n(m.id), str(m.filename));
  const frameOf = new Map<number, number>();
  const framesOfLocation = new Map<number, number[]>();
  let missingFunctions = 0;
  const frameFor = (fnId: number): number => {
    let id = frameOf.get(fnId);
    if (id === undefined) {
      const f = functions.get(fnId);
      if (!f) missingFunctions++;
      const name = f?.name ?? `(function ${fnId})`;
      const native = parseNativeName(name);
      id = b.frame({
        name,
        ...(f?.file ? { file: f.file } : {}),
        ...(f && f.line > 0 ? { line: f.line } : {}),
        ...(native ? { native } : {}),
      });
      frameOf.set(fnId, id);
    }
    return id;
  };
  for (const loc of p.location) {
    // Root-first within the location: the last line is the caller, earlier ones inlined into it.
    const ids: number[] = [];
    for (let k = loc.line.length - 1; k >= 0; k--) ids.push(frameFor(n(loc.line[k].functionId)));
    if (ids.length === 0) {
      const dso = mappings.get(n(loc.mappingId));
      ids.push(
        b.frame({
          name: `0x${n(loc.address).toString(16)}${dso ? ` (${dso.split('/').pop()})` : ''}`,
        }),
      );
    }
    framesOfLocation.set(n(loc.id), ids);
  }
  // The records' own sample count (Go CPU: `samples/count` beside `cpu/nanoseconds`), kept per
  // recorded sample; a profile without one (heap, mutex) has no sample count at all.
  const countIndex =
    unit === 'samples'
      ? -1
      : p.sampleType.findIndex((t) => str(t.type) === 'samples' && str(t.unit) === 'count');
  const counts: number[] = [];
  let missingLocations = 0;
  let negative = 0;
  const stack: number[] = [];
  for (const s of p.sample) {
    stack.length = 0;
    for (let k = s.locationId.length - 1; k >= 0; k--) {
      const ids = framesOfLocation.get(n(s.locationId[k]));
      if (ids) stack.push(...ids);
      else missingLocations++;
    }
    const v = n(s.value[index]);
    if (v < 0) negative++;
    const before = b.sampleCount;
    b.sample(b.stack(stack), v * scale);
    if (countIndex >= 0 && b.sampleCount > before) {
      const c = n(s.value[countIndex]);
      counts.push(Number.isFinite(c) && c > 0 ? c : 0);
    }
  }
  if (missingLocations > 0)
    b.warn(
      warningAt(
        fileName,
        `${missingLocations} stack entries point at location ids not in the profile; left out`,
        {
          expected: "sample location ids defined in 'location'",
        },
      ),
    );
  if (missingFunctions > 0)
    b.warn(
      warningAt(
        fileName,
        `${missingFunctions} lines point at function ids not in the profile; shown as (function N)`,
        {
          expected: "line function ids defined in 'function'",
        },
      ),
    );
  if (negative > 0)
    b.warn(
      warningAt(
        fileName,
        `${negative} samples have a negative ${type} (a diff profile?); counted as 0`,
        {
          expected: 'non-negative sample values',
        },
      ),
    );
  if (p.sample.length === 0)
    b.warn(
      warningAt(fileName, 'the profile has no samples; every cost is 0', { expected: 'samples' }),
    );
  const others = p.sampleType.filter((_, i) => i !== index).map((t) => str(t.type));
  const startMs = n(p.timeNanos) / 1e6;
  const durationMs = n(p.durationNanos) / 1e6;
  const model = b.build({
    format: PPROF,
    name: `${baseName(fileName)} ${type}`,
    source: fileName,
    ...(label ? { weightLabel: label } : {}),
    ...(countIndex >= 0 ? { sampleCounts: Float64Array.from(counts) } : {}),
    ...(unit !== 'samples' && countIndex < 0 ? { uncounted: true as const } : {}),
    ...(startMs > 0 ? { startMs } : {}),
    ...(startMs > 0 && durationMs > 0 ? { endMs: startMs + durationMs } : {}),
  });
  const note =
    others.length > 0
      ? [
          warningAt(
            fileName,
            `read sample type '${type}' (${n(p.defaultSampleType) !== 0 ? 'the default' : 'the last, as profile.proto says when no default is set'}); also in the file: ${others.join(', ')}`,
          ),
        ]
      : [];
  const profile = { ...model, diagnostics: [...model.diagnostics, ...note] };
  return { kind: 'profiles', profiles: [profile], diagnostics: profile.diagnostics };
}

export const pprofImporter: ProfileImporter = {
  id: PPROF,
  label: 'pprof',
  reads:
    'pprof profile.proto, gzipped or raw (Go runtime/pprof 1.19; any pprof writer), via ' +
    'pprof-format 2.3',
  matchesName: (name) => /\.(pb\.gz|pprof|prof|pb)$/i.test(name) || /^pprof\./i.test(name),
  sniff: () => 'pprof is binary: sniffed from the bytes',
  sniffBytes(head) {
    if (isGzip(head)) {
      try {
        // A cut-off stream inflates as far as it goes with a sync flush.
        const inner = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
        return looksLikeProfileMessage(inner) ? null : 'gzip, but not of a profile.proto message';
      } catch {
        return 'gzip, but not of a profile.proto message';
      }
    }
    return looksLikeProfileMessage(head)
      ? null
      : 'not gzip, and not a profile.proto message (sample_type first)';
  },
  parse(input: ProfileInput): ImportResult {
    return parsePprof(input.fileName, joinBytes([...input.chunks]));
  },
};

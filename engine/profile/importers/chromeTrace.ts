/**
 * Trace Event files: a JSON array of events, or an object with `traceEvents` (Chrome ≥ 114's
 * DevTools "Save profile", Playwright/Puppeteer `startTracing`, Perfetto's JSON export, Hermes,
 * `tsc --generateTrace`). Two readings, as speedscope `src/import/chrome.ts` and `trace-event.ts`:
 *
 * - **Chrome Performance trace**: V8's sampling profiler writes one `Profile` event per profiled
 *   thread (`id`, `args.data.startTime` µs) and `ProfileChunk` events with the same `id` carrying
 *   `cpuProfile.nodes` (each with a `parent` link, new nodes only), `cpuProfile.samples` and
 *   `timeDeltas` (the first relative to `startTime`), and maybe `endTime`. Chunks are emitted on
 *   V8's profiler thread, so they are joined to their profile by (pid, `id`), and the profile is
 *   named by the thread of its `Profile` event (`thread_name` metadata). Chrome ≤ 65's single
 *   `CpuProfile` event (a whole cpuprofile in `args.data.cpuProfile`) is read too. Each profile
 *   goes through the one V8 reader, so weights mean what they mean for a `.cpuprofile`.
 * - Otherwise, the **generic duration events** (`B`/`E`/`X`, see traceEventDurations.ts).
 *
 * The array form may be cut short (the spec allows a missing `]`, and a crashed tracer leaves
 * one): it is closed and read, with a warning.
 */
import { errorAt, warningAt, type EngineDiagnostic } from '../../diagnostics';
import type { ImportResult, ProfileImporter, ProfileInput } from '../importer';
import { notMine } from '../importer';
import { baseName, isObject } from '../jsonInput';
import type { ProfileModel } from '../model';
import { decodeChunks, invalidJson } from '../textInput';
import { durationEventsToModels, type TraceEvent } from './traceEventDurations';
import { cpuprofileToModel } from './v8Cpuprofile';
import type { RawCpuNode } from './v8CpuprofileScanner';

export const CHROME_TRACE = 'chrome-trace';

interface Collected {
  pid: number;
  tid: number;
  nodes: RawCpuNode[];
  samples: number[];
  timeDeltas: number[];
  startTime?: number;
  endTime?: number;
}

const finite = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

function pushAll<T>(into: T[], from: unknown, ok: (v: unknown) => v is T): void {
  if (Array.isArray(from)) for (const v of from) if (ok(v)) into.push(v);
}
const isNumber = (v: unknown): v is number => typeof v === 'number';
/** Shape-checked later by the V8 reader (ids, callFrame fields), like a `.cpuprofile`'s nodes. */
const isNode = (v: unknown): v is RawCpuNode => isObject(v);

/** The events array, and whether it had to be closed. */
function parseContainer(
  fileName: string,
  text: string,
): { events: TraceEvent[]; repaired: boolean } | { error: EngineDiagnostic } | null {
  let value: unknown;
  let repaired = false;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const trimmed = text.trimEnd().replace(/,$/, '');
    if (trimmed.trimStart().startsWith('[')) {
      try {
        value = JSON.parse(`${trimmed}]`);
        repaired = true;
      } catch {
        // fall through to the error below
      }
    }
    if (!repaired)
      // Cut off inside an event (or a traceEvents object): the file ends early, and where.
      return {
        error: invalidJson(
          fileName,
          text,
          e,
          'a Trace Event JSON array, or an object with a traceEvents array',
        ),
      };
  }
  const events = Array.isArray(value)
    ? value
    : isObject(value) && Array.isArray(value.traceEvents)
      ? value.traceEvents
      : null;
  if (!events) return null;
  return { events: events.filter(isObject), repaired };
}

function metadataNames(events: readonly TraceEvent[]): {
  process: Map<number, string>;
  thread: Map<string, string>;
} {
  const process = new Map<number, string>();
  const thread = new Map<string, string>();
  for (const e of events) {
    if (e.ph !== 'M' || !isObject(e.args) || typeof e.args.name !== 'string') continue;
    const pid = finite(e.pid) ?? 0;
    if (e.name === 'process_name') process.set(pid, e.args.name);
    if (e.name === 'thread_name') thread.set(`${pid}:${finite(e.tid) ?? 0}`, e.args.name);
  }
  return { process, thread };
}

function chromeProfiles(
  fileName: string,
  events: readonly TraceEvent[],
  names: ReturnType<typeof metadataNames>,
): { profiles: ProfileModel[]; diagnostics: EngineDiagnostic[] } | null {
  const byId = new Map<string, Collected>();
  const diagnostics: EngineDiagnostic[] = [];
  let orphanChunks = 0;
  let any = false;
  // Chunks are appended in time order, as speedscope does (events need not be in file order).
  const ordered = events
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.name === 'Profile' || e.name === 'ProfileChunk' || e.name === 'CpuProfile')
    .sort((a, b) => (finite(a.e.ts) ?? 0) - (finite(b.e.ts) ?? 0) || a.i - b.i);
  for (const { e } of ordered) {
    any = true;
    const pid = finite(e.pid) ?? 0;
    const tid = finite(e.tid) ?? 0;
    const raw = e as TraceEvent & { id?: unknown };
    const key = `${pid}:${typeof raw.id === 'string' || typeof raw.id === 'number' ? raw.id : `t${tid}`}`;
    const data = isObject(e.args) && isObject(e.args.data) ? e.args.data : undefined;
    if (e.name === 'CpuProfile') {
      const cp = data && isObject(data.cpuProfile) ? data.cpuProfile : undefined;
      if (!cp) continue;
      const c: Collected = { pid, tid, nodes: [], samples: [], timeDeltas: [] };
      pushAll(c.nodes, cp.nodes, isNode);
      pushAll(c.samples, cp.samples, isNumber);
      pushAll(c.timeDeltas, cp.timeDeltas, isNumber);
      if (finite(cp.startTime) !== undefined) c.startTime = finite(cp.startTime);
      if (finite(cp.endTime) !== undefined) c.endTime = finite(cp.endTime);
      byId.set(key, c);
    } else if (e.name === 'Profile') {
      byId.set(key, {
        pid,
        tid,
        nodes: [],
        samples: [],
        timeDeltas: [],
        ...(data && finite(data.startTime) !== undefined
          ? { startTime: finite(data.startTime) }
          : {}),
      });
    } else {
      const c = byId.get(key);
      if (!c) {
        orphanChunks++;
        continue;
      }
      if (!data) continue;
      const cp = isObject(data.cpuProfile) ? data.cpuProfile : undefined;
      if (cp) {
        pushAll(c.nodes, cp.nodes, isNode);
        pushAll(c.samples, cp.samples, isNumber);
      }
      pushAll(c.timeDeltas, data.timeDeltas, isNumber);
      if (finite(data.startTime) !== undefined) c.startTime = finite(data.startTime);
      if (finite(data.endTime) !== undefined) c.endTime = finite(data.endTime);
    }
  }
  if (!any) return null;
  if (orphanChunks > 0)
    diagnostics.push(
      warningAt(
        fileName,
        `${orphanChunks} ProfileChunk events have no Profile event with their id; skipped`,
        {
          expected: "a 'Profile' event before the chunks with the same pid and id",
        },
      ),
    );
  const base = baseName(fileName);
  const profiles: ProfileModel[] = [];
  for (const [key, c] of byId) {
    const r = cpuprofileToModel(fileName, {
      nodes: c.nodes,
      samples: Float64Array.from(c.samples),
      timeDeltas: Float64Array.from(c.timeDeltas),
      ...(c.startTime !== undefined ? { startTime: c.startTime } : {}),
      ...(c.endTime !== undefined ? { endTime: c.endTime } : {}),
      seen: new Set(['nodes', 'samples', 'timeDeltas']),
    });
    if (r.kind !== 'profiles') continue;
    const thread = names.thread.get(`${c.pid}:${c.tid}`);
    const process = names.process.get(c.pid);
    for (const m of r.profiles) {
      if (m.sampleStack.length === 0) {
        diagnostics.push(
          warningAt(
            fileName,
            `profile ${key.split(':')[1]} (${thread ?? `tid ${c.tid}`}) has no samples; skipped`,
            {
              expected: "ProfileChunk events with 'cpuProfile.samples'",
            },
          ),
        );
        continue;
      }
      profiles.push({
        ...m,
        format: CHROME_TRACE,
        name: `${base} ${process ? `${process} ` : ''}pid ${c.pid} ${thread ?? `tid ${c.tid}`}`,
        pid: c.pid,
        ...(process ? { command: process } : {}),
      });
      diagnostics.push(...m.diagnostics);
    }
  }
  if (profiles.length === 0)
    diagnostics.push(
      errorAt(fileName, 'the trace has Profile events but no samples in any of them', {
        offset: 0,
        expected: "ProfileChunk events with 'cpuProfile.samples' and 'timeDeltas'",
      }),
    );
  return { profiles, diagnostics };
}

export function parseTraceEvents(fileName: string, text: string): ImportResult {
  const c = parseContainer(fileName, text);
  if (c === null)
    return notMine(CHROME_TRACE, "neither an array of events nor an object with 'traceEvents'");
  if ('error' in c) return { kind: 'profiles', profiles: [], diagnostics: [c.error] };
  const names = metadataNames(c.events);
  const repairedNote = c.repaired
    ? [
        warningAt(fileName, "the event array was not closed (no final ']'); read up to its end", {
          expected: "a JSON array closed by ']'",
        }),
      ]
    : [];
  const chrome = chromeProfiles(fileName, c.events, names);
  const r = chrome ?? durationEventsToModels(fileName, c.events, names);
  if (!chrome && r.profiles.length === 0)
    return {
      kind: 'profiles',
      profiles: [],
      diagnostics: [
        ...r.diagnostics,
        errorAt(fileName, 'the trace has neither CPU profile events nor B/E/X duration events', {
          offset: 0,
          expected: "'Profile'/'ProfileChunk' events, or events with ph 'B', 'E' or 'X'",
        }),
      ],
    };
  const diagnostics = [...repairedNote, ...r.diagnostics];
  const profiles = r.profiles.map((p) => ({
    ...p,
    diagnostics: [...repairedNote, ...p.diagnostics],
  }));
  return { kind: 'profiles', profiles, diagnostics };
}

export const chromeTraceImporter: ProfileImporter = {
  id: CHROME_TRACE,
  label: 'Chrome trace or Trace Event JSON',
  reads:
    'Trace Event JSON: Chrome Performance traces (Profile/ProfileChunk, Chrome 65–156), and ' +
    'B/E/X duration events (Hermes, tsc --generateTrace, ' +
    'node --trace-event-categories)',
  matchesName: (name) => /\.json$/i.test(name) && /trace|profile-\d|hermes/i.test(name),
  sniff(head) {
    const t = head.replace(/^\uFEFF/, '').trimStart();
    if (t.startsWith('{')) {
      if (/^\{\s*"traceEvents"\s*:/.test(t) || /"traceEvents"\s*:\s*\[/.test(t)) return null;
      return "an object without a 'traceEvents' array";
    }
    if (t.startsWith('[')) {
      if (/^\[\s*(\]|\{[^]*?"ph"\s*:\s*"[A-Za-z]")/.test(t)) return null;
      return "an array whose first event has no 'ph' phase";
    }
    return "does not start with '{' or '['";
  },
  parse(input: ProfileInput): ImportResult {
    const d = decodeChunks(input.fileName, input.chunks, 'trace event');
    if ('error' in d) return { kind: 'profiles', profiles: [], diagnostics: [d.error] };
    return parseTraceEvents(input.fileName, d.text);
  },
};

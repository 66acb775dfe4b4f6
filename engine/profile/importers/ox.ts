/**
 * 0x 6 output (github.com/davidmarkclements/0x, 6.0.0 on Node 20): the preprocessed V8 tick log
 * `isolate-<addr>-<pid>-<pid>-v8.log.json`, which 0x makes with `node --prof-process --preprocess`.
 * Reference: v8 `tools/tickprocessor.mjs` (`JsonProfile`, `recordTick`) — keys:
 *   code:  [{ name, type: 'JS'|'CPP'|'SHARED_LIB'|'Builtin'|…, kind?, func?, tm, source? }]
 *          JS names are `<function> <file>:<line>:<column>`, 1-based (the V8 log's code-creation
 *          entries), with an empty function name for top-level code;
 *   ticks: [{ tm: µs, vm: state, s: [codeIndex | -1, pcOffset | address, …] }], leaf first;
 *   functions, scripts: not needed for costs.
 * The loader adds pid and command line from `meta.json`. `flamegraph.html` is not read.
 */
import { errorAt, warningAt } from '../../diagnostics';
import { ProfileBuilder } from '../builder';
import type { ImportResult, ProfileImporter, ProfileInput } from '../importer';
import { parseNativeName } from '../nativeNames';
import { decodeChunks, invalidJson, lineColumnAt } from '../textInput';
import { urlToFile } from './v8Cpuprofile';

export const OX = '0x';
/**
 * `:line:col` at the end of a JS code name; anchored, so a name without it fails in linear time.
 */
const LINE_COL = /:(\d+):(\d+)$/;

/**
 * `<name> <file>:<line>:<col>` split by hand: the one-regex form `^(.*?)\s?(\S+):(\d+):(\d+)$`
 * backtracks quadratically (a 200,000-character name without a location took 34 s).
 */
export function splitJsCodeName(
  codeName: string,
): { name: string; file: string; line: number; column: number } | undefined {
  const lc = LINE_COL.exec(codeName);
  if (!lc) return undefined;
  const rest = codeName.slice(/^[*~^+-]/.test(codeName) ? 1 : 0, lc.index);
  let sp = rest.length - 1;
  while (sp >= 0 && !/\s/.test(rest[sp])) sp--;
  const file = rest.slice(sp + 1);
  if (file === '') return undefined;
  return {
    name: sp >= 0 ? rest.slice(0, sp) : '',
    file,
    line: Number(lc[1]),
    column: Number(lc[2]),
  };
}

interface OxCode {
  name?: unknown;
  type?: unknown;
}
interface OxTick {
  tm?: unknown;
  s?: unknown;
}

export function parseOxLogJson(fileName: string, text: string): ImportResult {
  let json: { code?: unknown; ticks?: unknown };
  try {
    json = JSON.parse(text) as typeof json;
  } catch (e) {
    return {
      kind: 'profiles',
      profiles: [],
      diagnostics: [invalidJson(fileName, text, e, "0x's preprocessed V8 log JSON")],
    };
  }
  if (!json || !Array.isArray(json.code) || !Array.isArray(json.ticks)) {
    return {
      kind: 'profiles',
      profiles: [],
      diagnostics: [
        errorAt(fileName, "the JSON lacks 'code' and 'ticks' arrays", {
          line: 1,
          column: 1,
          expected: "0x's preprocessed V8 log JSON ({ code, functions, ticks, scripts })",
        }),
      ],
    };
  }
  const code = json.code as OxCode[];
  const ticks = json.ticks as OxTick[];
  if (ticks.length === 0) {
    // A refusal with no reason would say only "nothing to show": name the empty array, and where.
    const at = /"ticks"\s*:/.exec(text);
    return {
      kind: 'profiles',
      profiles: [],
      diagnostics: [
        errorAt(fileName, "'ticks' is empty: V8 recorded no samples, so there is nothing to show", {
          ...lineColumnAt(text, at ? at.index : 0),
          expected: "at least one tick ({ tm, s }) in 'ticks'",
        }),
      ],
    };
  }
  const b = new ProfileBuilder('milliseconds');
  const frameOfCode = new Map<number, number>();
  const frameFor = (idx: number): number | undefined => {
    const known = frameOfCode.get(idx);
    if (known !== undefined) return known;
    const c = code[idx];
    let id: number | undefined;
    if (c && typeof c.name === 'string') {
      const m = c.type === 'JS' ? splitJsCodeName(c.name) : undefined;
      if (m) {
        const file = urlToFile(m.file);
        id = b.frame({
          name: m.name.trim() || '(anonymous)',
          ...(file ? { file } : {}),
          line: m.line,
          column: m.column,
        });
      } else {
        const native = parseNativeName(c.name);
        id = b.frame({ name: c.name, ...(native ? { native } : {}) });
      }
    }
    if (id !== undefined) frameOfCode.set(idx, id);
    return id;
  };
  let badRefs = 0;
  let noStack = 0;
  const times: number[] = [];
  const nodes: number[] = [];
  for (const t of ticks) {
    if (!Array.isArray(t?.s)) noStack++;
    const s = Array.isArray(t?.s) ? (t.s as unknown[]) : [];
    const rootFirst: number[] = [];
    for (let k = s.length - 2; k >= 0; k -= 2) {
      const idx = s[k];
      if (typeof idx !== 'number' || idx < 0) continue;
      const f = frameFor(idx);
      if (f === undefined) badRefs++;
      else rootFirst.push(f);
    }
    if (rootFirst.length === 0) rootFirst.push(b.frame({ name: '(unresolved)' }));
    nodes.push(b.stack(rootFirst));
    const tm = t?.tm;
    times.push(typeof tm === 'number' && Number.isFinite(tm) && tm >= 0 ? tm : NaN);
  }
  // Tick i stands for the time until tick i+1 (µs); the last for the mean interval. A tick
  // without a usable time, or followed by one earlier than itself, stands for nothing (left
  // out, and said): before, such ticks made one function look like 100 %.
  let sum = 0;
  let n = 0;
  for (let i = 0; i + 1 < times.length; i++) {
    const d = times[i + 1] - times[i];
    if (Number.isFinite(d) && d >= 0) {
      sum += d;
      n++;
    }
  }
  const mean = n > 0 ? sum / n : 1000;
  let badTimes = 0;
  let backwards = 0;
  for (let i = 0; i < nodes.length; i++) {
    const d =
      i + 1 < times.length ? times[i + 1] - times[i] : Number.isFinite(times[i]) ? mean : NaN;
    if (Number.isNaN(d)) badTimes++;
    else if (d < 0) backwards++;
    b.sample(nodes[i], Number.isFinite(d) && d >= 0 ? d / 1000 : 0);
  }
  const invalid = times.filter((x) => Number.isNaN(x)).length;
  if (invalid > 0 || backwards > 0)
    b.warn(
      warningAt(
        fileName,
        `${invalid} ticks have a 'tm' that is not a non-negative number and ${backwards} go ` +
          `back in time; ${badTimes + backwards} ticks were given no time`,
        { expected: "ticks with increasing 'tm' in µs" },
      ),
    );
  if (ticks.length > 1 && sum === 0)
    b.warn(
      warningAt(
        fileName,
        `the ${ticks.length} ticks' times never advance; no time can be given to them`,
        {
          expected: "ticks with increasing 'tm' in µs",
        },
      ),
    );
  if (noStack > 0)
    b.warn(
      warningAt(
        fileName,
        `${noStack} ticks have no 's' stack array; they are shown as (unresolved)`,
        {
          expected: "'s': [codeIndex, offset, …]",
        },
      ),
    );
  if (badRefs > 0)
    b.warn(
      warningAt(
        fileName,
        `${badRefs} tick frames referred to code entries that do not exist; skipped`,
        { expected: "indices into 'code'" },
      ),
    );
  const first = times.find(Number.isFinite);
  const last = [...times].reverse().find(Number.isFinite);
  const model = b.build({
    format: OX,
    name: fileName.split(/[\\/]/).pop() ?? fileName,
    source: fileName,
    ...(first !== undefined && last !== undefined && last >= first
      ? { startMs: first / 1000, endMs: (last + mean) / 1000 }
      : {}),
  });
  return { kind: 'profiles', profiles: [model], diagnostics: model.diagnostics };
}

export const oxImporter: ProfileImporter = {
  id: OX,
  label: '0x log JSON',
  reads: '0x 6 preprocessed V8 tick log (isolate-…-v8.log.json)',
  matchesName: (name) => /-v8\.log\.json$/i.test(name),
  sniff(head) {
    const t = head.replace(/^\uFEFF/, '').trimStart();
    return /^\{\s*"code"\s*:\s*\[\s*(\{\s*"name"|\])/.test(t)
      ? null
      : 'does not start with {"code":[{"name"…';
  },
  parse(input: ProfileInput): ImportResult {
    const d = decodeChunks(input.fileName, input.chunks, '0x log JSON');
    if ('error' in d) return { kind: 'profiles', profiles: [], diagnostics: [d.error] };
    return parseOxLogJson(input.fileName, d.text);
  },
};

/**
 * `perf script` text (Linux perf 5.x/6.x default output with call graphs, `perf record -g`):
 *
 *     comm  pid/tid [cpu] 1234.567890:     250000 cpu-clock:
 *             55d4c1e2a3b4 x0x::gossip::handle_incoming+0x24 (/usr/bin/x0x)
 *             ...
 *     <blank line>
 *
 * Frames are leaf first. Reference: linux tools/perf/builtin-script.c (`process_event`,
 * `perf_sample__fprintf_callchain`). Each sample counts 1 (unit `samples`); one profile per pid.
 */
import { warningAt, type EngineDiagnostic } from '../../diagnostics';
import { ProfileBuilder } from '../builder';
import type { ImportResult, ProfileImporter, ProfileInput } from '../importer';
import { notMine } from '../importer';
import { parseNativeName } from '../nativeNames';
import { decodeChunks } from '../textInput';

export const PERF_SCRIPT = 'perf-script';
/** `comm pid[/tid] [cpu] time: [period] event:` — comm may contain spaces. */
const HEADER =
  /^(\S.*?)\s+(\d+)(?:\/(\d+))?\s+(?:\[\d+\]\s+)?(\d+\.\d+):\s*(?:(\d+)\s+)?(\S+?):?\s*(.*)$/;
const FRAME = /^\s+([0-9a-f]+)\s+(.*?)(?:\s+\((.*)\))?\s*$/i;
/**
 * Lines longer than this are not perf output; skipping them keeps the regexes linear-time in
 * practice.
 */
const MAX_LINE = 16384;

export function parsePerfScript(fileName: string, text: string): ImportResult {
  const perPid = new Map<
    number,
    { b: ProfileBuilder; comm: string; frames: Map<string, number> }
  >();
  const lines = text.split('\n');
  let warnings = 0;
  const diagnostics: EngineDiagnostic[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i].replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) {
      i++;
      continue;
    }
    const h = line.length <= MAX_LINE ? HEADER.exec(line) : null;
    if (!h) {
      if (warnings++ < 20)
        diagnostics.push(
          warningAt(fileName, 'expected a sample header line; skipped', {
            line: i + 1,
            column: 1,
            expected: "'comm pid/tid [cpu] time: period event:'",
          }),
        );
      i++;
      continue;
    }
    const pid = Number(h[2]);
    let p = perPid.get(pid);
    if (!p)
      perPid.set(
        pid,
        (p = { b: new ProfileBuilder('samples'), comm: h[1].trim(), frames: new Map() }),
      );
    i++;
    const leafFirst: number[] = [];
    while (i < lines.length && /^\s+\S/.test(lines[i])) {
      const f = lines[i].length <= MAX_LINE ? FRAME.exec(lines[i].replace(/\r$/, '')) : null;
      if (f) {
        let sym = f[2].replace(/\+0x[0-9a-f]+$/i, '');
        const dso = f[3];
        if (sym === '[unknown]' && dso) sym = `[unknown] (${dso.split('/').pop()})`;
        let id = p.frames.get(sym);
        if (id === undefined) {
          const native = parseNativeName(sym);
          id = p.b.frame({ name: sym, ...(native ? { native } : {}) });
          p.frames.set(sym, id);
        }
        leafFirst.push(id);
      }
      i++;
    }
    if (leafFirst.length === 0) leafFirst.push(p.b.frame({ name: `[${p.comm}]` }));
    p.b.sample(p.b.stack(leafFirst.reverse()), 1);
  }
  if (perPid.size === 0) return notMine(PERF_SCRIPT, 'no sample header lines');
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const profiles = [...perPid.entries()].map(([pid, p]) => {
    for (const d of diagnostics) p.b.warn(d);
    return p.b.build({
      format: PERF_SCRIPT,
      name: `${base} pid ${pid} ${p.comm}`,
      source: fileName,
      pid,
      command: p.comm,
    });
  });
  return { kind: 'profiles', profiles, diagnostics };
}

export const perfScriptImporter: ProfileImporter = {
  id: PERF_SCRIPT,
  label: 'perf script',
  reads: 'perf script text with call chains (Linux perf 5.x/6.x)',
  matchesName: (name) => /\.perf(script)?(\.txt)?$/i.test(name) || /perf[-_.]script/i.test(name),
  sniff(head) {
    const lines = head.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    if (lines.length === 0) return 'no lines';
    if (lines[0].length > MAX_LINE || !HEADER.test(lines[0].replace(/\r$/, '')))
      return "first line is not a 'comm pid/tid [cpu] time: event:' sample header";
    if (lines.length > 1 && !/^\s+[0-9a-f]+\s/i.test(lines[1]))
      return 'no indented call-chain lines under the first header';
    return null;
  },
  parse(input: ProfileInput): ImportResult {
    const d = decodeChunks(input.fileName, input.chunks, 'perf script');
    if ('error' in d) return { kind: 'profiles', profiles: [], diagnostics: [d.error] };
    return parsePerfScript(input.fileName, d.text);
  },
};

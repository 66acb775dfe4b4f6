/**
 * Brendan Gregg folded stacks: `root;caller;leaf <count>` per line, as written by
 * `stackcollapse-perf.pl` (FlameGraph, github.com/brendangregg/FlameGraph), `cargo flamegraph`
 * and inferno-collapse-* (inferno 0.11). Counts are sample counts, so the model's unit is
 * `samples`. Native names (Rust paths) are split with `parseNativeName`.
 */
import { warningAt } from '../../diagnostics';
import { ProfileBuilder } from '../builder';
import type { ImportResult, ProfileImporter, ProfileInput } from '../importer';
import { notMine } from '../importer';
import { parseNativeName } from '../nativeNames';
import { decodeChunks } from '../textInput';

export const FOLDED = 'folded';
const COUNT = /^\d+(?:\.\d+)?$/;

/**
 * Splits `stack count` at the last run of whitespace. Done by hand rather than with one regex
 * like `^(.*\S)\s+(\d+)\s*$`, whose backtracking is quadratic on long lines of `a 1 1 1 …`.
 */
export function splitFoldedLine(
  line: string,
): { stack: string; count: number; countText: string } | undefined {
  const t = line.trimEnd();
  let sp = t.length - 1;
  while (sp >= 0 && t[sp] !== ' ' && t[sp] !== '\t') sp--;
  if (sp <= 0) return undefined;
  const num = t.slice(sp + 1);
  if (!COUNT.test(num)) return undefined;
  const stack = t.slice(0, sp).trimEnd();
  return stack === '' ? undefined : { stack, count: Number(num), countText: num };
}

/**
 * inferno marks frame kinds with suffixes: `_[k]` kernel, `_[j]` JIT, `_[i]` inlined, `_[w]` waker.
 */
function splitAnnotation(frame: string): string {
  return frame.replace(/_\[[kjiw]\]$/, '');
}

export function parseFolded(fileName: string, text: string): ImportResult {
  const b = new ProfileBuilder('samples');
  const frameIds = new Map<string, number>();
  const lines = text.split('\n');
  let bad = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const m = splitFoldedLine(raw);
    if (!m) {
      if (bad++ < 20)
        b.warn(
          warningAt(fileName, `line has no sample count at its end; skipped`, {
            line: i + 1,
            column: raw.length + 1,
            expected: "'<frame>;<frame>;… <count>'",
          }),
        );
      continue;
    }
    const count = m.count;
    if (!Number.isSafeInteger(Math.ceil(count))) {
      // `Number('1' + '0'.repeat(400))` is Infinity, which would count as 0 or swamp the total.
      if (bad++ < 20)
        b.warn(
          warningAt(fileName, `sample count is out of range; line skipped`, {
            line: i + 1,
            column: raw.trimEnd().length - String(m.countText).length + 1,
            expected: `a count up to ${Number.MAX_SAFE_INTEGER}`,
          }),
        );
      continue;
    }
    let node = -1;
    for (const part of m.stack.split(';')) {
      if (part === '') continue;
      let id = frameIds.get(part);
      if (id === undefined) {
        const name = splitAnnotation(part);
        const native = parseNativeName(name);
        id = b.frame({ name, ...(native ? { native } : {}) });
        frameIds.set(part, id);
      }
      node = b.node(node, id);
    }
    b.sample(node, count);
  }
  if (bad > 20)
    b.warn(
      warningAt(
        fileName,
        `${bad} lines in all were skipped (no sample count, or one out of range)`,
        {
          expected: "'<frame>;<frame>;… <count>'",
        },
      ),
    );
  const model = b.build({
    format: FOLDED,
    name: fileName.split(/[\\/]/).pop() ?? fileName,
    source: fileName,
  });
  return { kind: 'profiles', profiles: [model], diagnostics: model.diagnostics };
}

export const foldedImporter: ProfileImporter = {
  id: FOLDED,
  label: 'folded stacks',
  reads: 'folded stacks (stackcollapse-perf.pl, cargo flamegraph, inferno-collapse)',
  matchesName: (name) =>
    /\.(folded|collapsed|stacks)$/i.test(name) || /collapsed.*\.txt$/i.test(name),
  sniff(head) {
    const lines = head.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    const complete = lines.slice(0, Math.max(1, lines.length - 1)).slice(0, 20);
    if (complete.length === 0) return 'no lines';
    if (/^\s*[{[]/.test(complete[0])) return 'starts like JSON';
    // One line longer than the sniffed head (deep Rust stacks pass 4 KB): its count is out of
    // sight, so judge the frames it starts with.
    if (lines.length === 1 && !head.includes('\n'))
      return /^[^\s;][^;\n]*;[^;\n]+;/.test(complete[0])
        ? null
        : "the first line is longer than the sniffed head and does not look like 'a;b;c'";
    const ok = complete.filter((l) => splitFoldedLine(l.replace(/\r$/, '')) !== undefined).length;
    return ok >= Math.ceil(complete.length / 2)
      ? null
      : "lines do not end with a sample count ('a;b;c 12')";
  },
  parse(input: ProfileInput): ImportResult {
    const d = decodeChunks(input.fileName, input.chunks, 'folded-stacks');
    if ('error' in d) return { kind: 'profiles', profiles: [], diagnostics: [d.error] };
    if (d.text.trim() === '') return notMine(FOLDED, 'empty');
    return parseFolded(input.fileName, d.text);
  },
};

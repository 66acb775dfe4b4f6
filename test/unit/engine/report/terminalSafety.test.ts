/**
 * Issue 13, terminal safety of the text faces: names from logs and profiles are data. A counter
 * name of 2,000,000 characters made every row of the counter table 2 MB (rows are padded to the
 * longest name), and `report --markdown` printed ESC and BEL from a profile raw — Markdown escapes
 * keep a name one cell but are no terminal escapes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCounterSection, formatCounterTable } from '../../../../engine/report/counterReport';
import { markdownReport } from '../../../../engine/report/markdownReport';
import { buildProfileSection } from '../../../../engine/report/profileReport';
import { sourceDataOf } from '../../../../engine/report/sourceData';

// C0 controls but newline, DEL and C1: what must never reach a terminal raw.
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

const tmp = (): string => mkdtempSync(join(tmpdir(), 'perflens-term-'));

test('counter names are capped and terminal-safe in the counter table', async () => {
  const dir = tmp();
  const log = join(dir, 'script.log');
  const huge = 'n'.repeat(2_000_000);
  writeFileSync(
    log,
    [
      '[perf-counters] snapshot: {',
      `  '${huge}': { count: 3, totalMs: 6, avgMs: 2, maxMs: 3 },`,
      "  'clear\\x1b[2J.screen': { count: 1, totalMs: 1, avgMs: 1, maxMs: 1 },",
      "  'bell\\x07.name': { count: 2, totalMs: 0, avgMs: 0, maxMs: 0 },",
      '}',
      '',
    ].join('\n'),
  );
  const section = await buildCounterSection(log);
  // The names are read whole (util.inspect's '\x1b' escapes become the characters themselves).
  const names = section.counters.map((c) => c.name);
  assert.ok(names.includes(huge));
  assert.ok(names.includes('clear\x1b[2J.screen'), JSON.stringify(names));
  const out = formatCounterTable(section);
  // Three rows of at most 160 characters of name plus the numbers: far below 5,000 characters.
  assert.ok(out.length < 5000, `table is ${out.length} characters`);
  assert.match(out, /^n{159}… /m);
  assert.ok(!RAW_CONTROL.test(out), JSON.stringify(out));
  assert.match(out, /^clear\.screen /m);
  assert.match(out, /^bell\\x07\.name /m);
});

test('report --markdown: profile names are terminal-safe and capped', async () => {
  const dir = tmp();
  const f = join(dir, 'esc.cpuprofile');
  const frame = (id: number, functionName: string) => ({
    id,
    callFrame: { functionName, url: 'file:///a.js', lineNumber: id, columnNumber: 0 },
  });
  writeFileSync(
    f,
    JSON.stringify({
      nodes: [
        { ...frame(1, '(root)'), children: [2, 3, 4] },
        frame(2, 'clear\x1b[2Jscreen'),
        frame(3, 'title\x1b]0;owned\x07bell\x07'),
        frame(4, 'x'.repeat(100_000)),
      ],
      startTime: 0,
      endTime: 3000,
      samples: [2, 3, 4],
      timeDeltas: [0, 1000, 1000],
    }),
  );
  const profile = await buildProfileSection(f, { sourceMaps: false });
  const counters = await buildCounterSection(f);
  const md = markdownReport(sourceDataOf(f, profile, counters));
  assert.ok(!RAW_CONTROL.test(md), JSON.stringify(md.slice(0, 2000)));
  // ESC[2J and the OSC title are removed; the lone BEL is shown as \x07 (its backslash escaped
  // by the Markdown cell as \\).
  assert.match(md, /\| clearscreen \|/);
  assert.match(md, /\| titlebell\\\\x07 \|/);
  assert.ok(md.length < 5000, `Markdown is ${md.length} characters`);
});

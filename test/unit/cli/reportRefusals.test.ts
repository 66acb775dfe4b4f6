/**
 * Issue 13, refusals: a profile cut off while written says that the file ends early and where,
 * for every JSON format read whole (the streamed readers already did); a file an importer took as
 * a profile gets that refusal alone, not a second line from the counter reader ("not a JSON
 * snapshot"); an empty 0x `ticks` names `ticks`. Runs the built dist/cli.js as a user does.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';

interface Diagnostic {
  severity: string;
  file: string;
  line?: number;
  column?: number;
  message: string;
  expected?: string;
}

const REPO = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO, 'dist/cli.js');
const FIXTURES = path.join(REPO, 'test/fixtures');

function reportJson(file: string): { code: number | null; diagnostics: Diagnostic[] } {
  const r = spawnSync(process.execPath, [CLI, 'report', file, '--json'], { encoding: 'utf8' });
  return {
    code: r.status,
    diagnostics: (JSON.parse(r.stdout) as { diagnostics: Diagnostic[] }).diagnostics,
  };
}

before(() => {
  // A lone run of this file may find an older CLI: build it (npm run test:unit does too).
  execFileSync(process.execPath, ['esbuild.js'], { cwd: REPO, stdio: 'pipe' });
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflens-refuse-'));

for (const [fixture, what] of [
  ['chrome-trace/chromium-156/main-and-worker/Trace-page.json', 'Trace Event'],
  ['trace-event/tsc-5.9.3/generate-trace/trace.json', 'Trace Event'],
  ['v8-heapprofile/hand-made/small/small.heapprofile', 'heap profile'],
  ['v8-cpuprofile-legacy/node-10.11.0/speedscope-example/example.cpuprofile', 'legacy cpuprofile'],
] as const) {
  test(`a cut-off ${path.basename(fixture)}: "the file ends" at its last line:col, one diagnostic`, () => {
    const whole = fs.readFileSync(path.join(FIXTURES, fixture), 'utf8');
    // Cut at 60 %: inside an event or node object in each of these files.
    const text = whole.slice(0, Math.floor(whole.length * 0.6));
    const file = path.join(dir, `cut-${path.basename(fixture)}`);
    fs.writeFileSync(file, text);
    // Where the text ends, counted here: its last line, and the column after its last character.
    const lines = text.trimEnd().split('\n');
    const line = lines.length;
    const column = lines[lines.length - 1].length + 1;
    const r = reportJson(file);
    assert.equal(r.code, 1);
    assert.equal(r.diagnostics.length, 1, JSON.stringify(r.diagnostics));
    const [d] = r.diagnostics;
    assert.equal(d.severity, 'error');
    assert.match(
      d.message,
      /^the file ends before its JSON is complete \(truncated at byte \d+, line \d+\)/,
    );
    assert.doesNotMatch(d.message, /Expected ','/);
    assert.deepEqual([d.line, d.column], [line, column]);
    assert.ok(d.expected?.includes(what), d.expected);
  });
}

test("an empty 0x 'ticks' array is refused naming 'ticks' and where it is", () => {
  const file = path.join(dir, 'isolate-0x1-1-1-v8.log.json');
  fs.writeFileSync(file, '{\n  "code": [],\n  "ticks": []\n}\n');
  const r = reportJson(file);
  assert.equal(r.code, 1);
  assert.equal(r.diagnostics.length, 1, JSON.stringify(r.diagnostics));
  assert.match(r.diagnostics[0].message, /'ticks' is empty/);
  // "ticks" opens line 3 at column 3.
  assert.deepEqual([r.diagnostics[0].line, r.diagnostics[0].column], [3, 3]);
});

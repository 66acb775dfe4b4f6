/**
 * `perflens compare` tells what was wrong in the input instead of dropping it: a broken
 * treatment/run-2/run.json, garbage lines in latency/*.txt and diagnostics.jsonl come out as
 * `file:line:col: severity: message` on stderr, in `--json` (`diagnostics`) and in the Markdown's
 * "Input problems" — each place worked out by hand beside it; the rest of the run is still read.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../cli/main';
import type { CliIo } from '../../../cli/io';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'perflens-compare-problems-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** A side of five clean iterations (run.json start/end, a PASS line, 2 latency samples). */
function side(name: string, wallMs: number): string {
  const dir = path.join(root, name);
  for (let i = 0; i < 5; i++) {
    const d = path.join(dir, `run-${i + 1}`);
    fs.mkdirSync(path.join(d, 'latency'), { recursive: true });
    const start = Date.UTC(2026, 11, 2, 10, 0, 0) + i * 3_600_000;
    fs.writeFileSync(
      path.join(d, 'run.json'),
      JSON.stringify({
        startTime: new Date(start).toISOString(),
        endTime: new Date(start + wallMs + i * 1000).toISOString(),
        exitCode: 0,
        status: 'completed',
      }),
    );
    fs.writeFileSync(path.join(d, 'script.log'), 'PASS all good\n');
    fs.writeFileSync(path.join(d, 'latency', 'ack_ms.txt'), '12\n13\n');
  }
  return dir;
}

async function compare(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), handleSignals: false };
  const code = await runCli(['compare', ...args], io);
  return { code, out, err };
}

describe('perflens compare: problems in the input', () => {
  const base = side('baseline', 100_000);
  const treat = side('treatment', 110_000);
  // Line 1 `{"startTime": "2026-12-02T10:00:00.000Z",` is 41 characters; line 2 is
  // ` "endTime" 5}`: the `5` where a ':' belongs is its 12th character (index 53 in the text).
  const runJson = path.join(treat, 'run-2', 'run.json');
  fs.writeFileSync(runJson, '{"startTime": "2026-12-02T10:00:00.000Z",\n "endTime" 5}');
  // Lines 2 and 4 are no latency; 1 and 3 are.
  const latency = path.join(treat, 'run-1', 'latency', 'ack_ms.txt');
  fs.writeFileSync(latency, '12\nabc\n13\n-4 ms\n');
  // Line 2 of the snapshots is no JSON; lines 1 and 3 are snapshots.
  const diag = path.join(base, 'run-3', 'diagnostics.jsonl');
  fs.writeFileSync(
    diag,
    '{"time": 0, "body": {"q_total": 1}}\nnot json\n{"time": 1000, "body": {"q_total": 2}}\n',
  );

  it('prints each problem as file:line:col: severity: message on stderr, and keeps the rest', async () => {
    const r = await compare(base, treat, '--json');
    const lines = r.err.trimEnd().split('\n');
    assert.deepEqual(lines.slice(1), [
      `${latency}:2:1: warning: 'abc' is not a latency; line left out (expected one non-negative number of milliseconds per line)`,
      `${latency}:4:1: warning: '-4 ms' is not a latency; line left out (expected one non-negative number of milliseconds per line)`,
      `${runJson}:2:12: warning: not valid JSON (Unexpected number in JSON at position 53); ignored (expected a JSON object)`,
    ]);
    // The JSON.parse text is V8's; its place is ours.
    assert.match(
      lines[0],
      new RegExp(
        `^${diag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:1: warning: not JSON \\(.*\\); snapshot left out \\(expected one JSON object per line\\)$`,
      ),
    );
    const j = JSON.parse(r.out) as {
      diagnostics: Array<{ file: string; line: number; column: number; severity: string }>;
      metrics: Array<{ name: string; baseline: { n: number }; treatment: { n: number } }>;
    };
    assert.deepEqual(
      j.diagnostics.map((d) => [d.file, d.line, d.column, d.severity]),
      [
        [diag, 2, 1, 'warning'],
        [latency, 2, 1, 'warning'],
        [latency, 4, 1, 'warning'],
        [runJson, 2, 12, 'warning'],
      ],
    );
    // The rest is still read: wall-clock from the four good treatment run.json files.
    const wall = j.metrics.find((m) => m.name === 'wall-clock');
    assert.deepEqual([wall?.baseline.n, wall?.treatment.n], [5, 4]);
  });

  it('the Markdown lists them under "Input problems"', async () => {
    const r = await compare(base, treat);
    assert.ok(r.out.includes('\nInput problems (4):\n'), r.out);
    assert.ok(
      r.out.includes(
        // Markdown escapes the name's `_` (ack\_ms).
        `- ${latency.replace(/_/g, '\\_')}:4:1: warning: '-4 ms' is not a latency; line left out (expected one non-negative number of milliseconds per line)\n`,
      ),
      r.out,
    );
  });
});

/**
 * `perflens report` on run folders written by real runs: the report starts with how the run
 * ended, `--json` carries it, and a failed run makes the exit code 1 (README, section CLI).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../cli/main';
import type { CliIo } from '../../../cli/io';
import { startRun } from '../../../runner';

const REPO = path.resolve(__dirname, '../../..');
const DUMP_THEN_EXIT = path.join(REPO, 'test/unit/runner/targets/dump-then-exit.cjs');

function io(): CliIo & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    handleSignals: false,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

/** A real run of a target that prints one counter dump and exits with `code`. */
async function runThatExits(runDir: string, code: number): Promise<void> {
  await startRun({
    command: [process.execPath, DUMP_THEN_EXIT, String(code)],
    cwd: REPO,
    runDir,
    profiler: 'none',
  }).result;
}

describe('cli: report says how a run ended', () => {
  it('a failed run: the outcome comes first, --json has it, exit code 1', async () => {
    const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflens-report-failed-'));
    await runThatExits(runDir, 3);
    const text = io();
    assert.equal(await runCli(['report', runDir], text), 1, text.stderr());
    assert.match(text.stdout(), /^Run: failed — exit code 3 \(target exited\), profiler none\n/);
    assert.match(text.stdout(), /orbitdb\.putEntry/, 'the rest of the report is still there');
    const json = io();
    assert.equal(await runCli(['report', runDir, '--json'], json), 1);
    const doc = JSON.parse(json.stdout()) as { outcome: Record<string, unknown> };
    assert.equal(doc.outcome.status, 'failed');
    assert.equal(doc.outcome.exitCode, 3);
  });

  it('a completed run exits 0; a soak folder lists each run and fails if one failed', async () => {
    const soak = fs.mkdtempSync(path.join(os.tmpdir(), 'perflens-report-soak-'));
    await runThatExits(path.join(soak, 'run-1'), 0);
    const one = io();
    assert.equal(await runCli(['report', path.join(soak, 'run-1')], one), 0, one.stderr());
    assert.match(one.stdout(), /^Run: completed — exit code 0 \(target exited\)/);
    await runThatExits(path.join(soak, 'run-2'), 5);
    const both = io();
    assert.equal(await runCli(['report', soak], both), 1);
    assert.match(
      both.stdout(),
      /^Run run-1: completed — exit code 0 .*\nRun run-2: failed — exit code 5 /,
    );
    const json = io();
    await runCli(['report', soak, '--json'], json);
    const doc = JSON.parse(json.stdout()) as { outcomes: Array<Record<string, unknown>> };
    assert.deepEqual(
      doc.outcomes.map((o) => [o.run, o.status, o.exitCode]),
      [
        ['run-1', 'completed', 0],
        ['run-2', 'failed', 5],
      ],
    );
  });
});

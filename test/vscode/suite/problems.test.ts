import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PerfLensApi } from '../../../extension/main';

/** Polls `check` until it holds (problems arrive after a server round trip); fails after 30 s. */
async function until<T>(what: string, check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The first PerfLens problem VS Code holds for `file`, once there is one. */
function perflensProblem(file: string): Promise<vscode.Diagnostic> {
  return until(`a PerfLens problem in ${path.basename(file)}`, () =>
    vscode.languages.getDiagnostics(vscode.Uri.file(file)).find((d) => d.source === 'PerfLens'),
  );
}

/**
 * A pretty-printed V8 profile cut inside its `nodes` array, after line 4 (no line feed after
 * it). Line 4 is `    {"id": 2`: 4 spaces + 8 characters = 12, so the file ends at line 4
 * column 13, which VS Code holds 0-based as line 3 character 12.
 */
const CUT_PROFILE = [
  '{',
  '  "nodes": [',
  '    {"id": 1, "callFrame": {"functionName": "(root)", "url": "", "lineNumber": -1, "columnNumber": -1}},',
  '    {"id": 2',
].join('\n');

suite('Problems with the input reach the Problems panel', () => {
  let api: PerfLensApi;
  let folder: string;

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<PerfLensApi>('perflens.perflens')!.activate();
    folder = fs.mkdtempSync(
      path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'problems-'),
    );
  });

  test('Open Flame Graph of a truncated profile: the problem at the line where it ends', async () => {
    const file = path.join(folder, 'cut-flame.cpuprofile');
    fs.writeFileSync(file, CUT_PROFILE);
    await vscode.commands.executeCommand('perflens.openFlameGraph', vscode.Uri.file(file));
    const d = await perflensProblem(file);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /ends in the middle of the profile/);
    assert.deepEqual([d.range.start.line, d.range.start.character], [3, 12]);
  });

  test('Open in PerfLens of a truncated profile: the same problem at the same place', async () => {
    const file = path.join(folder, 'cut-open.cpuprofile');
    fs.writeFileSync(file, CUT_PROFILE);
    await vscode.commands.executeCommand('perflens.openSource', vscode.Uri.file(file));
    const d = await perflensProblem(file);
    assert.match(d.message, /ends in the middle of the profile/);
    assert.deepEqual([d.range.start.line, d.range.start.character], [3, 12]);
  });

  test("a run's end (perflens/finishRun): a bad counter line of script.log at its line", async () => {
    // Line 2 claims to be JSON counters ("totalMs") but its object never closes.
    const runDir = path.join(folder, 'run-bad-dump');
    fs.mkdirSync(runDir);
    const now = Date.now();
    fs.writeFileSync(
      path.join(runDir, 'run.json'),
      JSON.stringify({
        formatVersion: 1,
        status: 'completed',
        profiler: 'none',
        command: ['node', 'x.js'],
        startTime: new Date(now - 1000).toISOString(),
        endTime: new Date(now).toISOString(),
      }),
    );
    const log = path.join(runDir, 'script.log');
    fs.writeFileSync(log, 'starting\n{"totalMs": 5, "snapshot": {\ndone\n');
    await api.ctx.liveRuns.finish(runDir);
    const d = await perflensProblem(log);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /does not parse/);
    assert.equal(d.range.start.line, 1, 'line 2, 0-based');
  });
});

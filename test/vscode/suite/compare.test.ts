import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PerfLensApi } from '../../../extension/main';

/**
 * Compare Runs in the real extension host: two sides of hand-made iterations (run.json start/end
 * → wall-clock), compared by the language server, shown as a Markdown document, copied as
 * Markdown to the real clipboard.
 */
suite('Compare Runs, through the command', () => {
  let folder: string;

  /** A side of five iterations run-1…5 with the given wall-clocks (ms). */
  function side(name: string, walls: number[]): string {
    const dir = path.join(folder, '.perflens', 'compare-test', name);
    walls.forEach((w, i) => {
      const d = path.join(dir, `run-${i + 1}`);
      fs.mkdirSync(d, { recursive: true });
      const start = Date.UTC(2026, 11, 2, 9, 0, 0) + i * 600_000;
      fs.writeFileSync(
        path.join(d, 'run.json'),
        JSON.stringify({
          startTime: new Date(start).toISOString(),
          endTime: new Date(start + w).toISOString(),
          exitCode: 0,
        }),
      );
      fs.writeFileSync(path.join(d, 'script.log'), 'PASS balances match\n');
    });
    return dir;
  }

  suiteSetup(() => {
    folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
  });

  test('perflens.compareRuns finds a 10 % slower treatment worse and sends the view its table', async () => {
    const baseline = side('baseline', [100_000, 101_000, 102_000, 103_000, 104_000]);
    const treatment = side('treatment', [110_000, 111_000, 112_000, 113_000, 114_000]);
    const shown = await vscode.commands.executeCommand<{
      verdict: string;
      exitCode: number;
      markdown: string;
      data?: { markdown: string; metrics: { name: string; cells: Record<string, string> }[] };
    }>('perflens.compareRuns', { baseline, treatment });
    assert.equal(shown.verdict, 'worse');
    assert.equal(shown.exitCode, 1);
    // Medians 102 s and 112 s; every treatment slower, so p = 2/C(10,5) = 2/252 ≈ 0.0079.
    assert.match(shown.markdown, /^\*\*A\/B comparison: worse\*\*/);
    assert.match(
      shown.markdown,
      /\| Metric \| Baseline \| Treatment \| Δ \| Δ% \| CI \| verdict \|/,
    );
    assert.match(
      shown.markdown,
      /\| wall-clock \(ms\) \| 102,000 \(n=5\) \| 112,000 \(n=5\) \| \+10000 \| \+9\.80 % \| .* \| worse \(p=0\.0079\) \|/,
    );
    // The view's data carries the same Markdown and the wall-clock row's cells as it prints them.
    assert.equal(shown.data?.markdown, shown.markdown);
    const wall = shown.data?.metrics.find((m) => m.name === 'wall-clock');
    assert.equal(wall?.cells.baseline, '102,000 (n=5)');
    assert.equal(wall?.cells.treatment, '112,000 (n=5)');
  });

  test('Copy Comparison as Markdown puts exactly that Markdown on the clipboard', async () => {
    await vscode.env.clipboard.writeText('something else');
    const copied = await vscode.commands.executeCommand<string>('perflens.copyComparisonMarkdown');
    const text = await vscode.env.clipboard.readText();
    assert.equal(text, copied);
    assert.match(text, /\| wall-clock \(ms\) \| 102,000 \(n=5\) \| 112,000 \(n=5\) \|/);
  });

  test('perflens.compare.excludeNoisy leaves a noisy iteration out of the statistics, flame and charts, and names it', async () => {
    // Baseline run-1…4 on a quiet machine (others on 0.1 of 2 cores); run-5 ran while others
    // used 1.5 of the 2 cores (over half: flagged). Each has a V8 profile: main, 100 samples.
    const dir = path.join(folder, '.perflens', 'compare-test', 'noisy');
    const write = (side: string, k: number, other: number): void => {
      const d = path.join(dir, side, `run-${k + 1}`);
      fs.mkdirSync(path.join(d, 'profiles'), { recursive: true });
      const start = Date.UTC(2026, 11, 2, 9, 0, 0) + k * 600_000;
      fs.writeFileSync(
        path.join(d, 'run.json'),
        JSON.stringify({
          startTime: new Date(start).toISOString(),
          endTime: new Date(start + 100_000 + k * 1000).toISOString(),
          exitCode: 0,
        }),
      );
      fs.writeFileSync(
        path.join(d, 'machine.tsv'),
        `time\tcores\tmachine_busy_cores\trun_cores\tother_cores\n${start + 5000}\t2\t${other + 0.5}\t0.5\t${other}\n`,
      );
      // One sample node under the root, sampled 100 times 10 ms apart.
      const frame = (name: string) => ({
        functionName: name,
        scriptId: '1',
        url: '',
        lineNumber: 0,
        columnNumber: 0,
      });
      fs.writeFileSync(
        path.join(d, 'profiles', 'CPU.1.100.cpuprofile'),
        JSON.stringify({
          nodes: [
            { id: 1, callFrame: { ...frame('(root)'), scriptId: '0' }, children: [2] },
            { id: 2, callFrame: frame('main'), children: [] },
          ],
          startTime: 0,
          endTime: 1_000_000,
          samples: new Array(100).fill(2),
          timeDeltas: new Array(100).fill(10_000),
        }),
      );
    };
    for (const k of [0, 1, 2, 3, 4]) {
      write('baseline', k, k === 4 ? 1.5 : 0.1);
      write('treatment', k, 0.1);
    }
    const config = vscode.workspace.getConfiguration('perflens');
    await config.update('compare.excludeNoisy', true, vscode.ConfigurationTarget.Workspace);
    try {
      // The setting reaches the extension's settings through its configuration listener: wait.
      const api = await vscode.extensions
        .getExtension<PerfLensApi>('perflens.perflens')!
        .activate();
      const deadline = Date.now() + 20_000;
      while (!api.ctx.settings.compareExcludeNoisy) {
        if (Date.now() > deadline) throw new Error('perflens.compare.excludeNoisy never applied');
        await new Promise((r) => setTimeout(r, 50));
      }
      const shown = await vscode.commands.executeCommand<{
        iterations: { baseline: number; treatment: number };
        data?: {
          excluded?: { baseline: string[]; treatment: string[] };
          flame?: { iterations: number[] };
          overTime?: { iterations: { side: string; label: string }[] };
        };
      }>('perflens.compareRuns', {
        baseline: path.join(dir, 'baseline'),
        treatment: path.join(dir, 'treatment'),
      });
      assert.deepEqual(shown.iterations, { baseline: 4, treatment: 5 });
      assert.deepEqual(shown.data?.excluded, { baseline: ['run-5'], treatment: [] });
      assert.deepEqual(shown.data?.flame?.iterations, [4, 5]);
      const charted = shown.data?.overTime?.iterations.map((i) => `${i.side}/${i.label}`);
      assert.equal(charted?.length, 9);
      assert.ok(!charted?.includes('baseline/run-5'), String(charted));
    } finally {
      await config.update('compare.excludeNoisy', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('problems in the compared files go to the Problems panel at their line, and to the view', async () => {
    const baseline = side('problems-baseline', [100_000, 101_000, 102_000, 103_000, 104_000]);
    const treatment = side('problems-treatment', [100_500, 101_500, 102_500, 103_500, 104_500]);
    // Line 3 of treatment/run-2's latency samples is no number: a warning at line 3, column 1.
    const latency = path.join(treatment, 'run-2', 'latency', 'ack_ms.txt');
    fs.mkdirSync(path.dirname(latency), { recursive: true });
    fs.writeFileSync(latency, '12\n13\noops\n14\n');
    const shown = await vscode.commands.executeCommand<{
      data?: { diagnostics?: { file: string; line?: number; column?: number }[] };
    }>('perflens.compareRuns', { baseline, treatment });
    assert.deepEqual(
      shown.data?.diagnostics?.map((d) => [d.file, d.line, d.column]),
      [[latency, 3, 1]],
    );
    const problems = vscode.languages.getDiagnostics(vscode.Uri.file(latency));
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.equal(problems[0].range.start.line, 2); // 0-based in VS Code
    assert.equal(problems[0].range.start.character, 0);
    assert.equal(problems[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(problems[0].source, 'PerfLens');
    assert.match(problems[0].message, /^'oops' is not a latency; line left out/);
  });

  test('a side with no run is named in the error, and nothing is shown', async () => {
    const empty = path.join(folder, '.perflens', 'compare-test', 'empty');
    fs.mkdirSync(empty, { recursive: true });
    const shown = await vscode.commands.executeCommand<{ verdict: string; error?: string }>(
      'perflens.compareRuns',
      { baseline: path.join(folder, '.perflens', 'compare-test', 'baseline'), treatment: empty },
    );
    assert.equal(shown.verdict, '');
    assert.match(shown.error ?? '', /treatment .*empty: no run found/);
  });

  test('perflens.abSoak runs both sides and the language server writes each iteration’s counters', async () => {
    // One dump with one counter, as console.log prints it (the same shape the engine's tests use).
    const script = path.join(folder, '.perflens', 'ab-dump.cjs');
    fs.mkdirSync(path.dirname(script), { recursive: true });
    fs.writeFileSync(
      script,
      "console.log('[perf-counters] snapshot:', { 'orbitdb.putEntry': { count: 2, totalMs: " +
        '30, avgMs: 15, maxMs: 20 } });\n',
    );
    const shown = await vscode.commands.executeCommand<{
      verdict: string;
      abDir?: string;
      iterations: { baseline: number; treatment: number };
    }>('perflens.abSoak', {
      baseline: `node ${JSON.stringify(script)}`,
      treatment: `node ${JSON.stringify(script)}`,
      iterations: 1,
      profiler: 'none',
    });
    // One iteration a side can never reach p ≤ 0.05.
    assert.equal(shown.verdict, 'inconclusive');
    assert.deepEqual(shown.iterations, { baseline: 1, treatment: 1 });
    for (const side of ['baseline', 'treatment']) {
      const run = path.join(shown.abDir!, side, 'run-1');
      // The extension host only captured (no engine in it); these files are the server's work.
      const dumps = fs
        .readFileSync(path.join(run, 'counters.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { counters: Record<string, unknown> });
      assert.equal(dumps.length, 1);
      assert.deepEqual(Object.keys(dumps[0].counters), ['orbitdb.putEntry']);
      assert.match(fs.readFileSync(path.join(run, 'totals.tsv'), 'utf8'), /orbitdb\.putEntry/);
      assert.ok(fs.existsSync(path.join(run, 'summary-metrics.json')));
    }
  });

  test('perflens.abSoak runs each side in a git worktree of its own ref', async () => {
    // A tiny repository: tag `base` prints a PASS, tag `broken` a FAIL. Both sides run the same
    // command; only the refs differ, so a failed-correctness verdict shows each ran its own ref
    // (in the working copy, which is at `broken`, both would fail alike).
    const repo = path.join(folder, '.perflens', 'ab-refs-repo');
    fs.rmSync(repo, { recursive: true, force: true });
    fs.mkdirSync(repo, { recursive: true });
    const git = (...args: string[]): void => {
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
        cwd: repo,
      });
    };
    git('init', '-q');
    fs.writeFileSync(path.join(repo, 'check.cjs'), "console.log('PASS balances match');\n");
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    git('tag', 'base');
    fs.writeFileSync(path.join(repo, 'check.cjs'), "console.log('FAIL balances differ');\n");
    git('commit', '-q', '-am', 'broken');
    git('tag', 'broken');
    const shown = await vscode.commands.executeCommand<{
      verdict: string;
      abDir?: string;
      reason: string;
    }>('perflens.abSoak', {
      baseline: 'node check.cjs',
      treatment: 'node check.cjs',
      baselineRef: 'base',
      treatmentRef: 'broken',
      cwd: repo,
      iterations: 1,
      profiler: 'none',
    });
    assert.equal(shown.verdict, 'failed-correctness', shown.reason);
    const log = (side: string): string =>
      fs.readFileSync(path.join(shown.abDir!, side, 'run-1', 'script.log'), 'utf8');
    assert.match(log('baseline'), /PASS balances match/);
    assert.match(log('treatment'), /FAIL balances differ/);
  });
});

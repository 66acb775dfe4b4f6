import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

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

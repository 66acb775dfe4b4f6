/**
 * Mocha suite that runs INSIDE the real VS Code extension host (loaded through the workbench's
 * test payload, see test/vscode/extensionHost.test.ts). It can use the `vscode` API directly,
 * but not see the webview's DOM: it asserts through messages the panel reports.
 */
import Mocha from 'mocha';
import * as vscode from 'vscode';

export function run(): Promise<void> {
  // The workbench forwards console lines without applying format arguments, so report in
  // plain, pre-formatted lines that the harness can read back.
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: 60_000,
    reporter: Mocha.reporters.Base,
  });
  // Suites register themselves on require, after mocha has installed its globals.
  mocha.suite.emit('pre-require', globalThis, 'extension-host', mocha);
  // A workspace of several folders (the harness's second run) runs the multi-root tests only.
  if ((vscode.workspace.workspaceFolders?.length ?? 0) > 1) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('./multiRoot.test');
    return runMocha(mocha);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after pre-require
  require('./activation.test');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./run.test');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./settings.test');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./compare.test');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./problems.test');
  return runMocha(mocha);
}

function runMocha(mocha: Mocha): Promise<void> {
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run(() => {
      console.log(`extension-host: ${passed} passed, ${failed} failed`);
      if (failed > 0) reject(new Error(`${failed} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => {
      passed++;
      console.log(`extension-host: ✔ ${t.fullTitle()} (${t.duration ?? 0} ms)`);
    });
    runner.on('fail', (t, err: unknown) => {
      failed++;
      // One line: the harness reads the workbench log line by line, and CI shows only
      // what it prints, so a failure's message and stack must survive on that line.
      const why = err instanceof Error ? (err.stack ?? err.message) : String(err);
      console.log(`extension-host: ✖ ${t.fullTitle()}: ${why.replace(/\s*\n\s*/g, ' ⏎ ')}`);
    });
  });
}

/** The mocha set-up and reporting both extension-host entry points (index.ts, multiRoot.ts) share. */
import Mocha from 'mocha';

/** A mocha whose suites register themselves on require (after this, not before). */
export function newMocha(): Mocha {
  // The workbench forwards console lines without applying format arguments, so report in
  // plain, pre-formatted lines that the harness can read back.
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: 60_000,
    reporter: Mocha.reporters.Base,
  });
  mocha.suite.emit('pre-require', globalThis, 'extension-host', mocha);
  return mocha;
}

export function runMocha(mocha: Mocha): Promise<void> {
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

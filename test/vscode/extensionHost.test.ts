/**
 * Runs the mocha suite in test/vscode/suite INSIDE the real VS Code extension host
 * (code-server with the smoke-test driver), loading PerfLens from this checkout as the
 * extension under development. The workbench calls `codeAutomationExit(code)` when it ends.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startCodeServer, type CodeServer } from './harness/codeServer';
import { launchBrowser, screenshot } from './harness/workbench';
import { artefactsRoot, assertInstalled, repoRoot } from './harness/paths';
import type { Browser } from 'playwright-core';

describe('extension-host mocha suite in a real VS Code', { timeout: 300_000 }, () => {
  let server: CodeServer;
  let browser: Browser;

  before(async () => {
    assertInstalled();
    server = await startCodeServer({
      vscodeOptions: ['enable-smoke-test-driver'],
      logFile: join(artefactsRoot, 'extension-host-code-server.log'),
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('passes every test of test/vscode/suite', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'perflens-ws-host-'));
    cpSync(join(repoRoot, 'test', 'fixtures', 'workspaces', 'basic'), workspace, {
      recursive: true,
    });
    await runSuite(`folder=${encodeURIComponent(workspace)}`, 'extension-host', 'index.js');
  });

  it('passes the multi-root tests of test/vscode/suite in a workspace of two folders', async () => {
    // Two folders; the second sets its own resource-scoped run settings (outputDir, env) in its
    // .vscode/.
    const root = mkdtempSync(join(tmpdir(), 'perflens-ws-multi-'));
    const [first, second] = [join(root, 'first'), join(root, 'second')];
    cpSync(join(repoRoot, 'test', 'fixtures', 'workspaces', 'basic'), first, { recursive: true });
    mkdirSync(join(second, '.vscode'), { recursive: true });
    writeFileSync(
      join(second, '.vscode', 'settings.json'),
      JSON.stringify({
        'perflens.run.outputDir': 'second-runs',
        'perflens.run.env': { PERFLENS_FOLDER_MARK: 'second' },
      }),
    );
    const file = join(root, 'two.code-workspace');
    writeFileSync(file, JSON.stringify({ folders: [{ path: first }, { path: second }] }));
    await runSuite(
      `workspace=${encodeURIComponent(file)}`,
      'extension-host-multi-root',
      'multiRoot.js',
    );
  });

  /** Opens the workbench on `target` with `entry` (of out/vscode-suite) as its tests; they must pass. */
  async function runSuite(target: string, name: string, entry: string): Promise<void> {
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(join(repoRoot, 'out', 'vscode-suite', entry))],
    ];
    const page = await browser.newPage();
    const log: string[] = [];
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      log.push(
        `[${type}] ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`,
      );
    });
    page.on('console', (m) => log.push(`[console.${m.type()}] ${m.text()}`));
    await page.goto(
      `${server.origin}/?${target}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 180_000).unref());
    const outcome = await Promise.race([exitCode, timeout]);
    mkdirSync(artefactsRoot, { recursive: true });
    writeFileSync(join(artefactsRoot, `${name}-log.txt`), log.join('\n'));
    // The suite's own spec output is in the workbench log; show the lines that name tests.
    const specLines = [
      ...new Set(
        log
          .map((l) => /extension-host: (.*)$/s.exec(l)?.[1])
          .filter((l): l is string => l !== undefined),
      ),
    ];
    process.stdout.write(specLines.map((l) => `    host: ${l}\n`).join(''));
    if (outcome !== 0) await screenshot(page, `${name}-FAILED`).catch(() => undefined);
    assert.equal(
      outcome,
      0,
      `the extension-host suite ended with ${outcome}; log ` +
        `in ${join(artefactsRoot, `${name}-log.txt`)}`,
    );
    const summary = specLines.find((l) => /^\d+ passed, \d+ failed$/.test(l));
    assert.ok(summary, 'the suite reported a summary');
    assert.match(summary, /^[1-9]\d* passed, 0 failed$/);
    await page.close();
  }
});

/**
 * One test session: a fresh workspace copy, a code-server with the packaged extension installed,
 * and a workbench page. Failures keep a screenshot, the workbench console and code-server's log.
 */
import { cpSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import { openWorkbench, screenshot, waitForPerfLens, type Workbench } from './workbench';
import { artefactsRoot, assertInstalled, repoRoot, vsixPath } from './paths';

export interface Session {
  readonly server: CodeServer;
  readonly workbench: Workbench;
  readonly workspace: string;
  close(): Promise<void>;
  /** Run a step; on failure keep a screenshot and the console, then rethrow. */
  step<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

export interface SessionOptions extends Partial<Omit<CodeServerOptions, 'logFile'>> {
  /** Extra query string for the workbench URL (test payloads). */
  readonly query?: string;
  /** Wait for PerfLens's status bar item before returning (default true). */
  readonly waitForPerfLens?: boolean;
  /** Fill the workspace before VS Code opens it (instead of a fixture copy). */
  readonly prepareWorkspace?: (dir: string) => void;
}

export async function openSession(
  name: string,
  fixtureWorkspace: string,
  options: SessionOptions = {},
): Promise<Session> {
  const { query = '', waitForPerfLens: wait = true, prepareWorkspace, ...serverOptions } = options;
  assertInstalled();
  const workspace = mkdtempSync(join(tmpdir(), `perflens-ws-${name}-`));
  if (prepareWorkspace) prepareWorkspace(workspace);
  else
    cpSync(join(repoRoot, 'test', 'fixtures', 'workspaces', fixtureWorkspace), workspace, {
      recursive: true,
    });
  const server = await startCodeServer({
    install: [vsixPath],
    ...serverOptions,
    logFile: join(artefactsRoot, `${name}-code-server.log`),
  });
  let workbench: Workbench;
  try {
    workbench = await openWorkbench(server.origin, workspace, query);
  } catch (err) {
    await server.stop();
    throw err;
  }
  try {
    if (wait) await waitForPerfLens(workbench.page);
  } catch (err) {
    await screenshot(workbench.page, `${name}-perflens-never-started`).catch(() => undefined);
    await workbench.close();
    await server.stop();
    throw err;
  }
  const session: Session = {
    server,
    workbench,
    workspace,
    async close() {
      await workbench.close().catch(() => undefined);
      await server.stop();
    },
    async step(stepName, fn) {
      try {
        return await fn();
      } catch (err) {
        const shot = await screenshot(workbench.page, `${name}-${stepName}-FAILED`).catch(
          () => 'none',
        );
        mkdirSync(artefactsRoot, { recursive: true });
        const consoleFile = join(artefactsRoot, `${name}-${stepName}-console.txt`);
        writeFileSync(consoleFile, workbench.consoleLines.join('\n'));
        throw new Error(
          `${stepName} failed (screenshot ${shot}, ` +
            `console ${consoleFile}): ${err instanceof Error ? err.message : String(err)}`,
          { cause: err },
        );
      }
    },
  };
  return session;
}

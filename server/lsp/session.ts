/**
 * One language-server session: the shared state (`SessionContext`) and the LSP handlers, which
 * register by concern in `handlers/` — lifecycle and settings, sources, live runs, comparisons,
 * and what open editors ask (CodeLens, hover, line heat).
 *
 * Every handler catches its own failures and answers with an error or an empty result:
 * bad input must never take the server down (DESIGN.md, "Standards").
 */
import type { Connection } from 'vscode-languageserver/node';
import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LoadedSourceInfo, ServerStatus } from '../../protocol/server';
import { SettingsHolder } from './settings';
import { InlineCostsService } from './inlineCosts';
import { HeavyWork } from '../worker/heavyWork';
import type { SessionContext } from './sessionContext';
import { registerLifecycleHandlers } from './handlers/lifecycle';
import { registerSourceHandlers } from './handlers/sources';
import { registerRunHandlers } from './handlers/runs';
import { registerCompareHandlers } from './handlers/compare';
import { registerEditorHandlers } from './handlers/editor';

/**
 * `workerFile`: the bundle the heavy jobs' worker thread runs (the server's own); undefined runs
 * them in-thread.
 */
export function startServer(
  connection: Connection,
  transport: ServerStatus['transport'],
  workerFile?: string,
): void {
  const heavy = new HeavyWork(workerFile);
  const ctx: SessionContext = {
    connection,
    heavy,
    inline: new InlineCostsService((job) => heavy.parse(job)),
    settings: new SettingsHolder(),
    sources: new Map<string, LoadedSourceInfo>(),
    refreshLenses: () => {
      void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    },
  };
  const documents = new TextDocuments(TextDocument);

  registerLifecycleHandlers(ctx, transport);
  registerSourceHandlers(ctx);
  const stopFollowers = registerRunHandlers(ctx);
  registerCompareHandlers(ctx);
  registerEditorHandlers(ctx, documents);
  connection.onShutdown(() => {
    stopFollowers();
    heavy.dispose();
  });

  documents.listen(connection);
  connection.listen();
}

/**
 * One language-server session: wires LSP handlers to the cost index.
 *
 * Every handler catches its own failures and answers with an error or an empty result:
 * bad input must never take the server down (DESIGN.md, "Standards").
 */
import type { Connection } from 'vscode-languageserver/node';
import { TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { StatusRequest, OpenSourceRequest, SourcesChangedNotification, SourceViewRequest, FlameDataRequest, type ServerStatus } from '../../protocol/server';
import { buildSourceView } from '../views/sourceView';
import { buildFlameData } from '../views/flameData';
import { CostIndex } from './costIndex';
import { codeLensesFor } from './codeLens';
import { loadCostSource } from './loadCostSource';
import { SERVER_VERSION } from './version';

export function startServer(connection: Connection, transport: ServerStatus['transport']): void {
  const documents = new TextDocuments(TextDocument);
  const index = new CostIndex();
  const startedAt = Date.now();

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeLensProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'perflens', version: SERVER_VERSION },
  }));

  connection.onRequest(StatusRequest, (): ServerStatus => ({
    serverVersion: SERVER_VERSION,
    pid: process.pid,
    nodeVersion: process.version,
    transport,
    uptimeMs: Date.now() - startedAt,
    loadedSources: index.sources(),
  }));

  connection.onRequest(OpenSourceRequest, async ({ path }) => {
    const loaded = await loadCostSource(path);
    index.put(loaded);
    const sources = index.sources();
    void connection.sendNotification(SourcesChangedNotification, { sources });
    // Ask the client to re-query CodeLens in every open editor: new costs may land anywhere.
    void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    return loaded.info;
  });

  connection.onRequest(SourceViewRequest, ({ path, top }) => buildSourceView(path, top));
  connection.onRequest(FlameDataRequest, ({ path }) => buildFlameData(path));

  connection.onCodeLens(({ textDocument }) => {
    try {
      return codeLensesFor(textDocument.uri, index);
    } catch (err) {
      connection.console.error(`perflens: CodeLens failed for ${textDocument.uri}: ${String(err)}`);
      return [];
    }
  });

  documents.listen(connection);
  connection.listen();
}

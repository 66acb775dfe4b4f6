/**
 * One language-server session: wires LSP handlers to the cost index.
 *
 * Every handler catches its own failures and answers with an error or an empty result:
 * bad input must never take the server down (DESIGN.md, "Standards").
 */
import type { Connection } from 'vscode-languageserver/node';
import { TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  Status,
  OpenSource,
  SourcesChanged,
  DidChangeSettings,
  FlameDataRequest,
  Compare,
  type ServerStatus,
} from '../../protocol/server';
import { SettingsHolder } from './settings';
import { loadSections, sourceViewOf } from '../views/sourceView';
import { buildFlameData } from '../views/flameData';
import { compareView } from '../views/compareView';
import { CostIndex } from './costIndex';
import { codeLensesFor } from './codeLens';
import { costSourceOf } from './costSource';
import { PERFLENS_VERSION } from '../../protocol/version';

export function startServer(connection: Connection, transport: ServerStatus['transport']): void {
  const documents = new TextDocuments(TextDocument);
  const index = new CostIndex();
  const startedAt = Date.now();
  /** What the extension's settings ask of the server (codeLens.*), applied live. */
  const settings = new SettingsHolder();

  connection.onInitialize(({ initializationOptions }) => {
    settings.init((initializationOptions as { settings?: unknown } | undefined)?.settings);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'perflens', version: PERFLENS_VERSION },
    };
  });

  connection.onNotification(DidChangeSettings.type, (p) => settings.set(p.settings));
  // Settings change what CodeLens show: have the client ask again in every open editor.
  settings.onDidChange(
    () => void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined),
  );

  connection.onRequest(Status.type, (): ServerStatus => ({
    serverVersion: PERFLENS_VERSION,
    pid: process.pid,
    nodeVersion: process.version,
    transport,
    uptimeMs: Date.now() - startedAt,
    loadedSources: index.sources(),
    settings: settings.current,
  }));

  // One round trip: read the source once, keep its costs for CodeLens, answer with its view.
  connection.onRequest(OpenSource.type, async ({ path, top }) => {
    const sections = await loadSections(path);
    const costs = costSourceOf(path, sections.profile);
    index.put(costs);
    void connection.sendNotification(SourcesChanged.type, { sources: index.sources() });
    // Ask the client to re-query CodeLens in every open editor: new costs may land anywhere.
    void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    return sourceViewOf(path, sections, costs.info, top);
  });

  connection.onRequest(FlameDataRequest, ({ path, cacheDir }) => buildFlameData(path, cacheDir));

  connection.onRequest(Compare.type, (p) => compareView(p));

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

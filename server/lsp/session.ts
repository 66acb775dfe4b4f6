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
  StatusRequest,
  OpenSourceRequest,
  SourcesChangedNotification,
  SourceViewRequest,
  FlameDataRequest,
  DidChangeSettingsNotification,
  type ServerStatus,
} from '../../protocol/server';
import { SettingsHolder } from './settings';
import { loadSections, sourceViewOf, type SourceSections } from '../views/sourceView';
import { buildFlameData } from '../views/flameData';
import { CostIndex } from './costIndex';
import { codeLensesFor } from './codeLens';
import { costSourceOf } from './costSource';
import { PERFLENS_VERSION } from '../../protocol/version';

export function startServer(connection: Connection, transport: ServerStatus['transport']): void {
  const documents = new TextDocuments(TextDocument);
  const index = new CostIndex();
  const startedAt = Date.now();
  /** What perflens/openSource read, by path: the panel's view of it needs no second parse. */
  const loaded = new Map<string, SourceSections>();
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

  connection.onNotification(DidChangeSettingsNotification, (p) => settings.set(p.settings));
  // Settings change what CodeLens show: have the client ask again in every open editor.
  settings.onDidChange(
    () => void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined),
  );

  connection.onRequest(StatusRequest, (): ServerStatus => ({
    serverVersion: PERFLENS_VERSION,
    pid: process.pid,
    nodeVersion: process.version,
    transport,
    uptimeMs: Date.now() - startedAt,
    loadedSources: index.sources(),
    settings: settings.current,
  }));

  connection.onRequest(OpenSourceRequest, async ({ path }) => {
    const sections = await loadSections(path);
    loaded.set(path, sections);
    const costs = costSourceOf(path, sections.profile);
    index.put(costs);
    const sources = index.sources();
    void connection.sendNotification(SourcesChangedNotification, { sources });
    // Ask the client to re-query CodeLens in every open editor: new costs may land anywhere.
    void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    return costs.info;
  });

  connection.onRequest(SourceViewRequest, async ({ path, top }) =>
    sourceViewOf(path, loaded.get(path) ?? (await loadSections(path)), top),
  );
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

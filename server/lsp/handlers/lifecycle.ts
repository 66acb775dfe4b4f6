/** Initialize, the settings the extension sends, and the server's status. */
import { TextDocumentSyncKind } from 'vscode-languageserver/node';
import { DidChangeSettings, Status, type ServerStatus } from '../../../protocol/server';
import { PERFLENS_VERSION } from '../../../protocol/version';
import type { SessionContext } from '../sessionContext';

export function registerLifecycleHandlers(
  ctx: SessionContext,
  transport: ServerStatus['transport'],
): void {
  const { connection, inline, settings } = ctx;
  const startedAt = Date.now();

  connection.onInitialize(({ initializationOptions }) => {
    settings.init((initializationOptions as { settings?: unknown } | undefined)?.settings);
    inline.settings = settings.current;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeLensProvider: { resolveProvider: false },
        hoverProvider: true,
      },
      serverInfo: { name: 'perflens', version: PERFLENS_VERSION },
    };
  });

  connection.onNotification(DidChangeSettings.type, (p) => settings.set(p.settings));
  // Settings change what CodeLens show: have the client ask again in every open editor.
  settings.onDidChange((current) => {
    inline.settings = current;
    ctx.refreshLenses();
  });

  connection.onRequest(Status.type, (): ServerStatus => ({
    serverVersion: PERFLENS_VERSION,
    pid: process.pid,
    nodeVersion: process.version,
    transport,
    uptimeMs: Date.now() - startedAt,
    loadedSources: [...ctx.sources.values()],
    settings: settings.current,
    parsedDocuments: inline.documents.parsed().length,
  }));
}

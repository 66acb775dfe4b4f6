/**
 * Creates the client for the PerfLens language server (dist/server.js, over IPC).
 *
 * The server parses profiles and logs that can be hundreds of MB; running it in its own
 * process keeps the extension host responsive (DESIGN.md, "Parsing happens off the extension host").
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { InitializationOptions } from '../protocol/server';

export function createLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  /** Decides whether messages are traced (`perflens.trace.server`, see serverTrace.ts). */
  traceOutputChannel: vscode.LogOutputChannel,
  initializationOptions: InitializationOptions,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6010'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    // CodeLens in any open file: costs can land on TypeScript, JavaScript, Rust, …
    documentSelector: [{ scheme: 'file' }, { scheme: 'vscode-remote' }],
    outputChannel: output,
    traceOutputChannel,
    initializationOptions,
  };
  return new LanguageClient('perflens', 'PerfLens Language Server', serverOptions, clientOptions);
}

/**
 * Entry point of the PerfLens language server.
 *
 * Started by the extension over IPC (`--node-ipc`), or standalone over stdio
 * (`node dist/server.js --stdio`) so other editors and tests can drive it. The transport is
 * chosen by vscode-languageserver from the command line.
 */
import { isMainThread } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/session';
import { serveJobs } from './worker/workerMain';

const transport = !isMainThread
  ? 'worker'
  : process.argv.includes('--stdio')
    ? 'stdio'
    : process.argv.some((a) => a.startsWith('--node-ipc'))
      ? 'ipc'
      : 'unknown';

if (transport === 'unknown') {
  process.stderr.write(
    'perflens server: pass --stdio (standalone) or --node-ipc (started by the extension)\n',
  );
  process.exit(2);
}

// The same bundle is the server's worker thread (loading sources, first parses): see server/worker.
if (transport === 'worker') serveJobs();
else startServer(createConnection(ProposedFeatures.all), transport, __filename);

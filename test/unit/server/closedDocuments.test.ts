/**
 * A document the editor closes is forgotten by the server (its parse and match dropped), over
 * stdio as a client drives it: perflens/status counts the parsed documents before and after
 * `textDocument/didClose`, and the file's lenses then come from the file on disk again.
 *
 * Needs the bundles: `npm run test:unit` builds them first.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

const root = resolve(__dirname, '..', '..', '..');

it('forgets a closed document: parsed documents 1 → 0, lenses from the file on disk', async () => {
  const child = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  const conn = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await conn.sendNotification('initialized', {});
  const crate = join(root, 'test', 'fixtures', 'inline', 'rust-x0x');
  await conn.sendRequest('perflens/openSource', { path: join(crate, 'profile.folded') });
  const file = join(crate, 'src', 'gossip', 'pubsub.rs');
  const uri = pathToFileURL(file).href;
  type Lens = { range: { start: { line: number } }; command: { title: string } };
  // 0-based LSP lines of the handle_incoming lenses (files: lines 11 and 30, 1-based).
  const handleIncoming = async (): Promise<number[]> =>
    (await conn.sendRequest<Lens[]>('textDocument/codeLens', { textDocument: { uri } }))
      .filter((l) => l.command.title.startsWith('handle_incoming'))
      .map((l) => l.range.start.line);
  const parsed = async (): Promise<number> =>
    (await conn.sendRequest<{ parsedDocuments: number }>('perflens/status', {})).parsedDocuments;

  assert.equal(await parsed(), 0);
  // The editor's copy: two lines added on top, unsaved.
  await conn.sendNotification('textDocument/didOpen', {
    textDocument: {
      uri,
      languageId: 'rust',
      version: 1,
      text: `// one\n// two\n${readFileSync(file, 'utf8')}`,
    },
  });
  assert.deepEqual(await handleIncoming(), [12, 31]);
  assert.equal(await parsed(), 1);
  await conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  assert.equal(await parsed(), 0, 'the closed document is forgotten');
  // Asked again, the server reads the file from disk: the lenses sit on its lines.
  assert.deepEqual(await handleIncoming(), [10, 29]);
  assert.equal(await parsed(), 1);

  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  await exited;
  conn.dispose();
});

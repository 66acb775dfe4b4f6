/**
 * `perflens/locateCounter` over stdio, as the extension asks it for a counter row's "show inline
 * costs": the server's parsers find the call sites, with the callees and Rust macros the settings
 * name — a member call (`perf.observe`), a template name, a `metrics` macro; a string that is not
 * a recorder's argument is not a call site; a changed `counterCallees` applies at once.
 *
 * Needs the bundles: `npm run test:unit` builds them first.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';

const root = resolve(__dirname, '..', '..', '..');

const WALLET = [
  'export class Wallet {', //                              1
  '  async fetch(perf: Perf, id: string): Promise<void> {', // 2
  "    log('wallet.fetch', id);", //                         3 (a log line, not a recorder)
  "    await perf.observe('wallet.fetch', 12);", //           4
  '  }', //                                                  5
  '  get(op: string): void {', //                            6
  '    perf.time(`ipfs.${op}.ms`, () => op);', //            7
  "    record('wallet.fetch');", //                          8
  '  }', //                                                  9
  '}', //                                                   10
].join('\n');

const PUBSUB = [
  'pub struct PubSub;', //                                      1
  'impl PubSub {', //                                           2
  '    pub fn fanout(&self, ms: f64) {', //                     3
  '        histogram!("pubsub.fanout_ms").record(ms);', //      4
  '    }', //                                                   5
  '}', //                                                       6
].join('\n');

interface Located {
  found: { file: string; line: number; callee: string }[];
  reason?: string;
}

describe('perflens/locateCounter over stdio', () => {
  let dir: string;
  let child: ChildProcess;
  let conn: MessageConnection;
  let files: string[];
  const locate = (name: string): Promise<Located> =>
    conn.sendRequest<Located>('perflens/locateCounter', { name, files });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'perflens-locate-'));
    files = [join(dir, 'wallet.ts'), join(dir, 'pubsub.rs'), join(dir, 'notes.md')];
    writeFileSync(files[0], WALLET);
    writeFileSync(files[1], PUBSUB);
    writeFileSync(files[2], "incr('wallet.fetch')");
    child = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    conn = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
    });
    await conn.sendNotification('initialized', {});
  });
  after(async () => {
    const exited = new Promise((r) => child.once('exit', r));
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    await exited;
    conn.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a member call, a template name and a Rust metrics macro', async () => {
    assert.deepEqual(await locate('wallet.fetch'), {
      found: [{ file: files[0], line: 4, callee: 'perf.observe' }],
    });
    assert.deepEqual(await locate('ipfs.get.ms'), {
      found: [{ file: files[0], line: 7, callee: 'perf.time' }],
    });
    assert.deepEqual(await locate('pubsub.fanout_ms'), {
      found: [{ file: files[1], line: 4, callee: 'histogram!' }],
    });
  });

  it('says where it looked when nothing records the counter', async () => {
    const r = await locate('wallet.send');
    assert.deepEqual(r.found, []);
    // Two of the three files are sources a parser reads (the .md is not).
    assert.match(
      r.reason ?? '',
      /no call site naming 'wallet\.send' \(incr, observe, observeMs, time, timeSync, counter!, histogram!, gauge!\) in the 2 source file\(s\)/,
    );
  });

  it('applies perflens.counterCallees at once', async () => {
    await conn.sendNotification('perflens/didChangeSettings', {
      settings: { counterCallees: ['record'] },
    });
    assert.deepEqual((await locate('wallet.fetch')).found, [
      { file: files[0], line: 8, callee: 'record' },
    ]);
  });
});

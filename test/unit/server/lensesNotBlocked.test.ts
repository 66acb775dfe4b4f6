/**
 * Loading a source or parsing a new file never holds up the lenses of a file already parsed
 * (issue 10): the built server runs that work on its worker thread. Proved by the order of the
 * answers, not by timing: the request for the parsed file is sent after the heavy one, and its
 * answer must come first. A server doing the work on its own thread answers in request order.
 *
 * Needs the bundles: `npm run test:unit` builds them first.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';

const root = resolve(__dirname, '..', '..', '..');
const crate = join(root, 'test', 'fixtures', 'inline', 'rust-x0x');
const parsedUri = pathToFileURL(join(crate, 'src', 'gossip', 'pubsub.rs')).href;

/**
 * A 24,000-line TypeScript file: 1,000 classes × 6 methods × 4 lines — a first parse of a few
 * hundred ms.
 */
function bigTs(): string {
  const lines: string[] = [];
  for (let i = 0; i < 1000; i++) {
    lines.push(`export class Big${i} {`);
    for (let j = 0; j < 6; j++)
      lines.push(
        `  m${j}(x: number): number {`,
        `    incr('big${i}.m${j}');`,
        `    return x + ${j};`,
        '  }',
      );
    lines.push('}');
  }
  return lines.join('\n');
}

/**
 * A V8 .cpuprofile of `samples` samples over one function: its reading and grouping take far
 * longer than answering a cached lens.
 */
function bigProfile(file: string, samples: number): void {
  const nodes = [
    {
      id: 1,
      callFrame: {
        functionName: '(root)',
        scriptId: '0',
        url: '',
        lineNumber: -1,
        columnNumber: -1,
      },
      hitCount: 0,
      children: [2],
    },
    {
      id: 2,
      callFrame: {
        functionName: 'work',
        scriptId: '1',
        url: 'file:///srv/work.js',
        lineNumber: 0,
        columnNumber: 0,
      },
      hitCount: 0,
      children: [],
    },
  ];
  const ids = new Array<number>(samples).fill(2);
  const deltas = new Array<number>(samples).fill(1000);
  writeFileSync(
    file,
    JSON.stringify({
      nodes,
      startTime: 0,
      endTime: samples * 1000,
      samples: ids,
      timeDeltas: deltas,
    }),
  );
}

describe('lenses of a parsed file are not held up by other work', () => {
  let conn: MessageConnection;
  let child: ReturnType<typeof spawn>;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'perflens-notblocked-'));
    child = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    conn = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    conn.onRequest('workspace/codeLens/refresh', () => null);
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
    });
    await conn.sendNotification('initialized', {});
    await conn.sendRequest('perflens/openSource', { path: join(crate, 'profile.folded') });
    // pubsub.rs is parsed and matched once: its next lens request is answered from the cache.
    const lenses = await conn.sendRequest<unknown[]>('textDocument/codeLens', {
      textDocument: { uri: parsedUri },
    });
    assert.equal(lenses.length, 4);
  });

  after(async () => {
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    conn.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Sends `heavy`, then a lens request for the parsed file; returns the order the answers came in.
   */
  async function order(heavy: () => Promise<unknown>): Promise<string[]> {
    const answered: string[] = [];
    const h = heavy().then(() => answered.push('heavy'));
    const l = conn
      .sendRequest<unknown[]>('textDocument/codeLens', { textDocument: { uri: parsedUri } })
      .then((lenses) => answered.push(`parsed file: ${lenses.length} lenses`));
    await Promise.all([h, l]);
    return answered;
  }

  it("while another file's first parse is in flight", async () => {
    const big = join(dir, 'big.ts');
    const text = bigTs();
    await conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: pathToFileURL(big).href, languageId: 'typescript', version: 1, text },
    });
    assert.deepEqual(
      await order(() =>
        conn.sendRequest('textDocument/codeLens', {
          textDocument: { uri: pathToFileURL(big).href },
        }),
      ),
      ['parsed file: 4 lenses', 'heavy'],
    );
  });

  it('while a source is being loaded (the old source answers until the new one is ready)', async () => {
    const profile = join(dir, 'big.cpuprofile');
    bigProfile(profile, 2_000_000);
    assert.deepEqual(
      await order(() => conn.sendRequest('perflens/openSource', { path: profile })),
      ['parsed file: 4 lenses', 'heavy'],
    );
  });
});

/**
 * Diagnostics polling against a real localhost endpoint served by the target itself:
 * snapshots land in diagnostics.jsonl as JSON, one per poll.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { startRun } from '../../../runner';
import { tmpRunDir, waitForEvent } from './helpers';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const server = `
let n = 0;
require('http').createServer((req, res) => {
  n++;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ gossip: { handle_incoming: { count: n, total_ns: n * 1000, max_ns: 500 } } }));
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('serving'));
`;

describe('runner: diagnostics polling', () => {
  it('polls a localhost endpoint into diagnostics.jsonl', async () => {
    const runDir = tmpRunDir('diag');
    const port = await freePort();
    const h = startRun({
      command: ['node', '-e', server],
      cwd: runDir,
      runDir,
      profiler: 'none',
      env: { PORT: String(port) },
      diagnosticsUrl: `http://127.0.0.1:${port}/diagnostics`,
      diagnosticsIntervalMs: 100,
    });
    await waitForEvent(h, 'line', (l) => l === 'serving');
    const file = path.join(runDir, 'diagnostics.jsonl');
    // Poll the file until three successful snapshots are there (condition, not a fixed sleep).
    const deadline = Date.now() + 10_000;
    const ok = () =>
      fs.existsSync(file)
        ? fs
            .readFileSync(file, 'utf8')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l))
            .filter((r) => r.status === 200)
        : [];
    while (ok().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await h.stop();
    const records = ok();
    assert.ok(records.length >= 3, `records: ${records.length}`);
    assert.equal(records[0].url, `http://127.0.0.1:${port}/diagnostics`);
    assert.ok(records[0].body.gossip.handle_incoming.total_ns > 0);
  });

  it('refuses a non-loopback URL with a warning and still runs', async () => {
    const runDir = tmpRunDir('diag-remote');
    const r = await startRun({
      command: ['node', '-e', '0'],
      cwd: runDir,
      runDir,
      profiler: 'none',
      diagnosticsUrl: 'http://example.com/diag',
    }).result;
    assert.equal(r.status, 'completed');
    assert.ok(r.warnings.some((w) => /must point at localhost/.test(w)));
    assert.equal(fs.existsSync(path.join(runDir, 'diagnostics.jsonl')), false);
  });
});

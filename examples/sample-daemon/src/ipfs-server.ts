/**
 * The daemon's local HTTP server: a fake IPFS node (`POST /pin` stores blocks, `HEAD /ipfs/<cid>`
 * answers whether one is pinned) and the wallet's peer endpoint (`POST /pay`). Every response is
 * delayed by `latencyMs`, which is how the sample simulates a remote IPFS node on loopback.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

export type PayHandler = (body: string) => Promise<{ status: number; body: string }>;

export function startServer(
  port: number,
  latencyMs: number,
  onPay: PayHandler,
): Promise<LocalServer> {
  const pinned = new Set<string>();
  const reply = (res: http.ServerResponse, status: number, body = ''): void => {
    const send = (): void => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(body);
    };
    if (latencyMs > 0) setTimeout(send, latencyMs);
    else send();
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      if (req.method === 'POST' && url === '/pin') {
        // Body: one CID per line followed by the blocks; only the CIDs matter here.
        const text = Buffer.concat(chunks).toString('utf8');
        const cids = text.slice(0, text.indexOf('\n\n')).split('\n').filter(Boolean);
        for (const cid of cids) pinned.add(cid);
        reply(res, 200, String(cids.length));
      } else if (req.method === 'HEAD' && url.startsWith('/ipfs/')) {
        reply(res, pinned.has(url.slice(6)) ? 200 : 404);
      } else if (req.method === 'POST' && url === '/pay') {
        onPay(Buffer.concat(chunks).toString('utf8')).then(
          (r) => reply(res, r.status, r.body),
          (err: unknown) => reply(res, 500, String(err)),
        );
      } else {
        reply(res, 404);
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${actual}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

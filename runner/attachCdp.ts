/**
 * A minimal Chrome DevTools Protocol session over one WebSocket, just enough for the attach
 * mode (Profiler.*, Runtime.evaluate). Node 20 has no global WebSocket, so this uses the `ws`
 * package (bundled into dist by esbuild).
 *
 * Why hand-rolled rather than a CDP client library: we need five commands, and — more
 * importantly — exact control over what happens when the target dies mid-call: every pending
 * command is rejected the moment the socket closes, so a caller never waits on a dead process.
 */
import WebSocket from 'ws';

interface Pending {
  readonly method: string;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/**
 * A profile of a few minutes can be tens of MB of JSON; V8's string limit (~512 MiB) is the real
 * cap.
 */
const MAX_PAYLOAD = 512 * 1024 * 1024;

export class CdpSession {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closedReason: string | undefined;
  private readonly listeners = new Map<string, Array<(params: unknown) => void>>();
  /** Settles (never rejects) when the socket is gone, with why. */
  readonly closed: Promise<string>;

  private constructor(
    private readonly ws: WebSocket,
    readonly url: string,
  ) {
    this.closed = new Promise((resolve) => {
      const finish = (reason: string): void => {
        if (this.closedReason !== undefined) return;
        this.closedReason = reason;
        for (const p of this.pending.values())
          p.reject(new Error(`${p.method}: the inspector connection to ${url} closed (${reason})`));
        this.pending.clear();
        resolve(reason);
      };
      ws.on('close', (code) => finish(`socket closed, code ${code}`));
      ws.on('error', (err) => finish(err.message));
    });
    ws.on('message', (data) => this.onMessage(rawDataText(data)));
  }

  /** Opens the socket; rejects (and tears it down) if it is not open within `timeoutMs`. */
  static connect(url: string, timeoutMs: number): Promise<CdpSession> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, {
        perMessageDeflate: false,
        maxPayload: MAX_PAYLOAD,
        handshakeTimeout: Math.max(1, timeoutMs),
      });
      const timer = setTimeout(
        () => {
          ws.terminate();
          reject(new Error(`could not connect to the inspector at ${url} within ${timeoutMs} ms`));
        },
        Math.max(1, timeoutMs),
      );
      ws.once('open', () => {
        clearTimeout(timer);
        resolve(new CdpSession(ws, url));
      });
      ws.once('error', (err) => {
        clearTimeout(timer);
        ws.terminate();
        reject(new Error(`could not connect to the inspector at ${url}: ${err.message}`));
      });
    });
  }

  get isClosed(): boolean {
    return this.closedReason !== undefined;
  }

  /**
   * Sends one command and resolves with its `result`; rejects on a protocol error or a closed
   * socket.
   */
  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    if (this.closedReason !== undefined)
      return Promise.reject(
        new Error(
          `${method}: the inspector connection to ${this.url} is closed (${this.closedReason})`,
        ),
      );
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve, reject });
      this.ws.send(JSON.stringify({ id, method, params }), (err) => {
        if (!err) return;
        this.pending.delete(id);
        reject(new Error(`${method}: could not send to ${this.url}: ${err.message}`));
      });
    });
  }

  /** Calls `listener` on every event `method` the target sends. */
  on(method: string, listener: (params: unknown) => void): void {
    this.listeners.set(method, [...(this.listeners.get(method) ?? []), listener]);
  }

  private onMessage(text: string): void {
    let msg: { id?: number; result?: unknown; error?: { code?: number; message?: string } };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return; // not ours to judge: a malformed message answers no pending command
    }
    if (typeof msg.id !== 'number') {
      const method = (msg as { method?: unknown }).method;
      if (typeof method === 'string')
        for (const l of this.listeners.get(method) ?? []) l((msg as { params?: unknown }).params);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.error)
      p.reject(
        new Error(
          `${p.method} failed: ${msg.error.message ?? 'unknown error'} (code ${msg.error.code ?? '?'})`,
        ),
      );
    else p.resolve(msg.result);
  }

  /** Closes the socket and waits (briefly) until it is gone; never throws. */
  async close(timeoutMs = 2000): Promise<void> {
    if (this.closedReason !== undefined) return;
    try {
      this.ws.close();
    } catch {
      /* already closing */
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.closed, new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    if (this.closedReason === undefined) this.ws.terminate();
  }
}

/** ws delivers a text frame as a Buffer, a fragmented one as Buffer[], or an ArrayBuffer. */
function rawDataText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (data instanceof ArrayBuffer ? Buffer.from(data) : data).toString('utf8');
}

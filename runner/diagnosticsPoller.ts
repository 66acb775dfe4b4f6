/**
 * Optional polling of a daemon's diagnostics endpoint into diagnostics.jsonl: one line per
 * poll, `{ time, url, status, body }` (body parsed as JSON when it is JSON, else kept as text).
 * Loopback only — the runner must not become a way to make requests elsewhere.
 */
import * as fs from 'node:fs';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function checkDiagnosticsUrl(raw: string): URL | string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `diagnostics URL '${raw}' is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `diagnostics URL '${raw}' must be http(s)`;
  if (!LOOPBACK.has(url.hostname))
    return `diagnostics URL '${raw}' must point at localhost (127.0.0.1, ::1 or localhost)`;
  return url;
}

export class DiagnosticsPoller {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  constructor(
    private readonly url: URL,
    private readonly file: string,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
  }

  poll(): Promise<void> {
    // A slow endpoint must not pile up requests.
    this.inFlight ??= this.pollOnce().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async pollOnce(): Promise<void> {
    const time = new Date().toISOString();
    let record: Record<string, unknown>;
    try {
      const res = await fetch(this.url, {
        signal: AbortSignal.timeout(Math.max(500, this.intervalMs)),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* keep text */
      }
      record = { time, url: this.url.href, status: res.status, body };
    } catch (err) {
      record = { time, url: this.url.href, error: (err as Error).message };
    }
    fs.appendFileSync(this.file, `${JSON.stringify(record)}\n`);
  }

  /** Stops polling and waits for a request in flight, so nothing is appended after the run ends. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.inFlight;
  }
}

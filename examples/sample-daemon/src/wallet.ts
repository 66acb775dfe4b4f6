/**
 * A wallet whose every logical operation fans out into several storage writes — the shape
 * that made `putEntry` the hot path in the real daemon. `send` writes 4 entries (tx, balance,
 * history, outbox) and, with a peer, pays it over HTTP; `receive` writes 2 (inbox, balance).
 */
import { OrbitDbAdapter } from './orbitdb-adapter';
import { request } from './http-client';
import { incr, time } from './perf-counters';

export interface WalletStats {
  sent: number;
  sentAcked: number;
  received: number;
  balance: number;
  errors: number;
}

export class Wallet {
  readonly stats: WalletStats = {
    sent: 0,
    sentAcked: 0,
    received: 0,
    balance: 1_000_000,
    errors: 0,
  };
  private seq = 0;

  constructor(
    private readonly name: string,
    private readonly db: OrbitDbAdapter,
    private readonly batch: boolean,
    private readonly peerUrl: string | undefined,
  ) {}

  /** Writes each entry on its own, or all in one bundle with `--batch`. */
  private async write(entries: unknown[]): Promise<void> {
    if (this.batch) await this.db.putEntries(entries);
    else for (const e of entries) await this.db.putEntry(e);
  }

  async send(amount: number): Promise<void> {
    incr('wallet.send.calls');
    await time('wallet.send', async () => {
      const id = `${this.name}-${++this.seq}`;
      const tx = { id, from: this.name, amount, at: Date.now(), memo: 'x'.repeat(256) };
      this.stats.sent++;
      await this.write([
        { kind: 'tx', tx },
        { kind: 'balance', owner: this.name, balance: this.stats.balance - amount },
        { kind: 'history', owner: this.name, txId: id },
        { kind: 'outbox', txId: id, to: this.peerUrl ?? 'self' },
      ]);
      if (this.peerUrl) {
        const res = await time('wallet.peer.pay', () =>
          request(`${this.peerUrl}/pay`, 'POST', JSON.stringify(tx)),
        );
        if (res.status !== 200) {
          incr('wallet.peer.pay.http_error');
          throw new Error(`peer refused payment ${id}: HTTP ${res.status}`);
        }
      }
      this.stats.balance -= amount;
      this.stats.sentAcked++;
    });
  }

  async receive(body: string): Promise<void> {
    incr('wallet.receive.calls');
    const tx = JSON.parse(body) as { id: string; amount: number; from: string };
    await time('wallet.receive', () =>
      this.write([
        { kind: 'inbox', txId: tx.id, from: tx.from },
        { kind: 'balance', owner: this.name, balance: this.stats.balance + tx.amount },
      ]),
    );
    this.stats.balance += tx.amount;
    this.stats.received++;
  }
}

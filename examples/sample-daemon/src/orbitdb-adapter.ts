/**
 * The storage layer under test. `putEntry` is the path real users profile: encode → pin the
 * block on IPFS → HEAD-verify it is there → publish the new head. One logical wallet operation
 * calls it several times; `putEntries` is the `--batch` hypothesis: one pin and one verify
 * round trip for the whole bundle instead of one per entry.
 */
import { encodeEntry, type Block } from './encode';
import { request } from './http-client';
import { incr, time, timeSync } from './perf-counters';

export class OrbitDbAdapter {
  private head = '';
  constructor(
    private readonly ipfsUrl: string,
    private readonly encodeRounds: number,
  ) {}

  get currentHead(): string {
    return this.head;
  }

  async putEntry(entry: unknown): Promise<string> {
    incr('orbitdb.putEntry.calls');
    try {
      return await time('orbitdb.putEntry', async () => {
        const block = timeSync('orbitdb.putEntry.encode', () =>
          encodeEntry({ entry, prev: this.head }, this.encodeRounds),
        );
        await this.pinCar([block]);
        await this.verifyHead(block.cid);
        return this.publish(block.cid);
      });
    } catch (err) {
      incr('orbitdb.putEntry.error');
      throw err;
    }
  }

  async putEntries(entries: unknown[]): Promise<string> {
    incr('orbitdb.putEntry.calls');
    incr('orbitdb.putEntry.bundle', entries.length);
    try {
      return await time('orbitdb.putEntry', async () => {
        let prev = this.head;
        const blocks = timeSync('orbitdb.putEntry.encode', () =>
          entries.map((entry) => {
            const block = encodeEntry({ entry, prev }, this.encodeRounds);
            prev = block.cid;
            return block;
          }),
        );
        await this.pinCar(blocks);
        await this.verifyHead(prev);
        return this.publish(prev);
      });
    } catch (err) {
      incr('orbitdb.putEntry.error');
      throw err;
    }
  }

  private async pinCar(blocks: Block[]): Promise<void> {
    const body = Buffer.concat([
      Buffer.from(`${blocks.map((b) => b.cid).join('\n')}\n\n`),
      ...blocks.map((b) => b.bytes),
    ]);
    incr('ipfs.pinCar.bytes', body.length);
    incr('ipfs.pinCar.blocks', blocks.length);
    const res = await time('ipfs.pinCar', () => request(`${this.ipfsUrl}/pin`, 'POST', body));
    if (res.status !== 200) throw new Error(`pin failed: HTTP ${res.status}`);
  }

  private async verifyHead(cid: string): Promise<void> {
    const res = await time('ipfs.verifyHead', () => request(`${this.ipfsUrl}/ipfs/${cid}`, 'HEAD'));
    if (res.status !== 200) {
      incr('ipfs.verifyHead.missing');
      throw new Error(`HEAD-verify failed for ${cid}: HTTP ${res.status}`);
    }
  }

  private publish(cid: string): string {
    incr('orbitdb.publish.calls');
    this.head = cid;
    return cid;
  }
}

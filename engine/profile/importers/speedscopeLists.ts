/**
 * The compact stores the speedscope scanner fills: growable typed lists (no JS value per sample)
 * and a trie of raw frame indices, so a sampled profile's stacks cost one Int32 per sample plus
 * one trie node per distinct stack prefix.
 */

/** A growable Int32 list. */
export class GrowInts {
  data = new Int32Array(16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = v;
  }
  /** Sets entry `k` (at most one past the end). */
  set(k: number, v: number): void {
    if (k >= this.data.length) this.grow(k + 1);
    this.data[k] = v;
    if (k >= this.length) this.length = k + 1;
  }
  private grow(min: number): void {
    const next = new Int32Array(Math.max(min, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

/** A growable Float64 list. */
export class GrowFloats {
  data = new Float64Array(16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** Trie nodes must stay under this so a (parent, entry) key is an exact double. */
const MAX_NODES = 1 << 26;
/** Entries are -1 (not an index) … 2^26 - 1: shifted by one, they fit under this. */
const ENTRY_SPAN = 1 << 27;

/**
 * Stacks as written in the file, before frames are known: node `t` is raw entry `rawOf[t]` under
 * `parentOf[t]` (-1 at the top). Nodes are numbered in the order their paths first appear, so
 * walking them in order meets every frame and stack in the order of the file.
 */
export class RawTrie {
  readonly parentOf = new GrowInts();
  readonly rawOf = new GrowInts();
  private readonly ids = new Map<number, number>();

  get size(): number {
    return this.parentOf.length;
  }

  /** The node for entry `raw` under `parent`, made on first use. */
  child(parent: number, raw: number): number {
    const key = (parent + 1) * ENTRY_SPAN + (raw + 1);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.parentOf.length;
      if (id >= MAX_NODES) return parent;
      this.parentOf.push(parent);
      this.rawOf.push(raw);
      this.ids.set(key, id);
    }
    return id;
  }
}

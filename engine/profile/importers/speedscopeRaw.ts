/**
 * What the speedscope scanner hands the importer: the parts of a speedscope file the importer
 * reads, in compact stores (no JS value per sample or event), before any frame is resolved.
 */
import { GrowFloats, GrowInts, type RawTrie } from './speedscopeLists';

/** An evented profile's events, one entry per event in each list. */
export interface RawEvents {
  /** 0: no finite `at`, 1: `O`, 2: `C`, 3: another type. */
  readonly kind: GrowInts;
  readonly at: GrowFloats;
  /** `frame`, NaN when it is not a number. */
  readonly frame: GrowFloats;
}

/** One profile of `profiles`, as far as the importer reads it. */
export interface RawSsProfile {
  /** `type`, `name`, `unit`, `startValue`, `endValue` as `JSON.parse` gives them. */
  readonly fields: Record<string, unknown>;
  /**
   * Sampled stacks: a trie over raw frame indices (-1: an entry that is no index), and per sample
   * its trie node (-1: empty stack, -2: not an array); undefined when `samples` is not an array.
   */
  samples?: { trie: RawTrie; sampleNode: GrowInts };
  /** `weights` (NaN for an entry that is not a number); undefined when absent or not an array. */
  weights?: GrowFloats;
  /** Evented: undefined when `events` is not an array. */
  events?: RawEvents;
}

export interface RawSpeedscope {
  /** `shared.frames` when it is an array. */
  readonly frames: unknown[];
  /** `profiles`, or undefined when the root has no `profiles` array. */
  readonly profiles: RawSsProfile[] | undefined;
}

export function newRawEvents(): RawEvents {
  return { kind: new GrowInts(), at: new GrowFloats(), frame: new GrowFloats() };
}

/** Events as `JSON.parse` gave them (a batch of `events`) → the compact lists. */
export function addEvents(ev: RawEvents, items: readonly unknown[]): void {
  for (const e of items) {
    const rec = e !== null && typeof e === 'object' ? (e as Record<string, unknown>) : undefined;
    const at = rec?.at;
    const ok = typeof at === 'number' && Number.isFinite(at);
    const frame = rec?.frame;
    ev.kind.push(!ok ? 0 : rec!.type === 'O' ? 1 : rec!.type === 'C' ? 2 : 3);
    ev.at.push(ok ? at : NaN);
    ev.frame.push(typeof frame === 'number' ? frame : NaN);
  }
}

/**
 * A streaming scanner for speedscope's file format (https://www.speedscope.app/file-format-schema.json,
 * speedscope 1.x), so a file of hundreds of MB is read in one pass over its bytes, in chunks of any
 * size, without a string of the whole file and without a JS array per sample.
 *
 * Why not `JSON.parse`: a sampled profile lists every sample's whole stack (`[[0,1,2],[0,1,3],…]`);
 * parsed, each becomes a JS array, and a 114 MB file took 9× its size in memory and 2.8× the time
 * of `JSON.parse` alone. No maintained streaming JSON library keeps up with `JSON.parse` (they
 * make a token or a value object per number), so this scanner is hand-written for this one shape:
 * the stacks go digit by digit into a trie of raw frame indices (`speedscopeStacks.ts`; consecutive
 * samples share their prefix, so only the new tail is looked up), weights into a Float64 list
 * (`jsonNumberReader.ts`), and the small parts (`shared.frames` and events in batches cut at
 * element boundaries, `jsonArrayBatches.ts`; a profile's `type`/`name`/`unit`/`startValue`/
 * `endValue`, `jsonValueSkipper.ts`) go to `JSON.parse`. What the importer then builds is exactly
 * what it built from `JSON.parse`'s objects (a duplicated key: the last one wins, as there).
 *
 * This file says where each value of the file goes; the JSON grammar of objects and arrays is
 * `jsonStructure.ts`, positions and failures `jsonScanPosition.ts`. Values the importer never reads
 * (`$schema`, `exporter`, unknown keys) are skipped without being checked in detail; any other
 * break in the JSON stops the scan with the byte, line and column.
 */
import { JsonArrayBatches } from './jsonArrayBatches';
import { JsonNumberReader } from './jsonNumberReader';
import { ScanPosition, type ScanFailure } from './jsonScanPosition';
import { JsonStructure, St, type Level } from './jsonStructure';
import { JsonValueSkipper } from './jsonValueSkipper';
import { GrowFloats, GrowInts, RawTrie } from './speedscopeLists';
import { addEvents, newRawEvents, type RawSpeedscope, type RawSsProfile } from './speedscopeRaw';
import { MAX_RAW_INDEX, StackReader, StackStop } from './speedscopeStacks';

/** What an open object or array is in a speedscope file. */
const enum Kind {
  Root,
  Shared,
  Profiles,
  Profile,
  Samples,
  Stack,
  Weights,
}

/** Which reader the next bytes go to. */
const enum Mode {
  Structure,
  Stack,
  Number,
  Skip,
  Collect,
  Failed,
}

const SCALAR_FIELDS = new Set(['type', 'name', 'unit', 'startValue', 'endValue']);

export class SpeedscopeScanner extends JsonStructure<Kind> {
  private mode = Mode.Structure;
  private bom = true;
  private readonly stacks = new StackReader();
  private readonly number = new JsonNumberReader();
  private readonly skipper: JsonValueSkipper;
  private readonly batches: JsonArrayBatches;
  // what was read
  private frames: unknown[] = [];
  private profiles: RawSsProfile[] | undefined;
  private profile: RawSsProfile | undefined;

  constructor() {
    const pos = new ScanPosition();
    super(pos, Kind.Root, "'{' starting a speedscope file");
    this.skipper = new JsonValueSkipper(pos);
    this.batches = new JsonArrayBatches(pos);
  }

  push(chunk: Uint8Array): void {
    let i = 0;
    const n = chunk.length;
    if (this.bom && n > 0) {
      this.bom = false;
      if (n >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    }
    while (i < n) {
      switch (this.mode) {
        case Mode.Stack:
          i = this.stackRun(chunk, i);
          break;
        case Mode.Number:
          i = this.numberRun(chunk, i);
          break;
        case Mode.Skip:
          i = this.skipRun(chunk, i);
          break;
        case Mode.Collect:
          i = this.collectRun(chunk, i);
          break;
        case Mode.Failed:
          i = this.pos.countLines(chunk, i);
          break;
        default:
          i = this.structure(chunk, i);
      }
      if (this.pos.failure !== undefined) this.mode = Mode.Failed;
    }
    if (this.mode === Mode.Skip) this.skipper.chunkEnds(chunk);
    if (this.mode === Mode.Collect) this.batches.chunkEnds(chunk);
    this.pos.chunkDone(chunk);
  }

  /** The result, or why there is none (nothing is read from broken JSON, as with `JSON.parse`). */
  end(): { raw: RawSpeedscope } | { failure: ScanFailure } {
    if (this.mode === Mode.Number) this.numberEnded(undefined);
    if (this.pos.failure || !this.rootClosed)
      return { failure: this.pos.failureAtEnd('the rest of a speedscope JSON file') };
    return { raw: { frames: this.frames, profiles: this.profiles } };
  }

  // ---- where each value goes ---------------------------------------------------------------

  protected startValue(top: Level<Kind>, c: number, i: number): number {
    const key = top.key;
    const isArray = c === 0x5b;
    switch (top.kind) {
      case Kind.Root:
        if (key === 'shared') {
          this.frames = [];
          if (c === 0x7b) return this.enter(Kind.Shared, true, i);
        } else if (key === 'profiles') {
          this.profiles = isArray ? [] : undefined;
          if (isArray) return this.enter(Kind.Profiles, false, i);
        }
        break;
      case Kind.Shared:
        if (key === 'frames') {
          this.frames = [];
          if (isArray) return this.startBatches('frames', 'frame objects', this.addFrames, i);
        }
        break;
      case Kind.Profiles: {
        const p: RawSsProfile = { fields: {} };
        this.profiles!.push(p);
        this.profile = p;
        if (c === 0x7b) return this.enter(Kind.Profile, true, i);
        break;
      }
      case Kind.Profile:
        return this.profileValue(key, c, i);
      case Kind.Samples:
        if (isArray) {
          this.stacks.beginStack(this.profile!.samples!.trie);
          return this.enter(Kind.Stack, false, i);
        }
        this.profile!.samples!.sampleNode.push(-2);
        break;
      case Kind.Stack:
      case Kind.Weights:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.startNumber(top, c, i);
        if (top.kind === Kind.Stack) this.stacks.item(-1);
        else this.profile!.weights!.push(NaN);
        break;
      default:
        break;
    }
    return this.startSkip(c, i, undefined);
  }

  protected closed(level: Level<Kind>): void {
    if (level.kind === Kind.Stack) this.profile!.samples!.sampleNode.push(this.stacks.endStack());
  }

  private profileValue(key: string, c: number, i: number): number {
    const p = this.profile!;
    const isArray = c === 0x5b;
    if (key === 'samples') {
      p.samples = isArray ? { trie: new RawTrie(), sampleNode: new GrowInts() } : undefined;
      this.stacks.newList();
      if (isArray) return this.enter(Kind.Samples, false, i);
    } else if (key === 'weights') {
      p.weights = isArray ? new GrowFloats() : undefined;
      if (isArray) return this.enter(Kind.Weights, false, i);
    } else if (key === 'events') {
      p.events = isArray ? newRawEvents() : undefined;
      if (isArray) return this.startBatches('events', 'events', this.addEvents, i);
    } else if (SCALAR_FIELDS.has(key)) return this.startSkip(c, i, key);
    return this.startSkip(c, i, undefined);
  }

  // ---- stacks and numbers ------------------------------------------------------------------

  private startNumber(top: Level<Kind>, c: number, i: number): number {
    top.state = St.After;
    if (c !== 0x2d && top.kind === Kind.Stack) {
      this.mode = Mode.Stack;
      this.stacks.beginIndex();
      return i;
    }
    this.mode = Mode.Number;
    return this.number.begin(c, i);
  }

  private stackRun(chunk: Uint8Array, start: number): number {
    const i = this.stacks.run(chunk, start);
    const stop = this.stacks.stop;
    if (stop === StackStop.ChunkEnd) return i;
    const top = this.levels[this.levels.length - 1];
    this.mode = Mode.Structure;
    if (stop === StackStop.ValueExpected) top.state = St.Next;
    else if (stop === StackStop.Closed) top.state = St.After;
    else {
      this.mode = Mode.Number;
      this.number.carryDigits(this.stacks.num, this.stacks.digits, i);
      top.state = St.After;
    }
    return i;
  }

  private numberRun(chunk: Uint8Array, start: number): number {
    const i = this.number.run(chunk, start);
    if (this.number.ended) this.numberEnded(chunk, i);
    return i;
  }

  /** The number ends before byte `i` of `chunk` (or at the end of the input). */
  private numberEnded(chunk: Uint8Array | undefined, i = 0): void {
    this.mode = Mode.Structure;
    const v = this.number.value(chunk, i);
    if (Number.isNaN(v)) {
      if (chunk) this.pos.fail(i, chunk[i], 'a number');
      return;
    }
    const top = this.levels[this.levels.length - 1];
    if (top.kind === Kind.Stack)
      this.stacks.item(Number.isInteger(v) && v >= 0 && v < MAX_RAW_INDEX ? v : -1);
    else this.profile!.weights!.push(v);
  }

  // ---- values read whole or not at all -----------------------------------------------------

  /** `captureAs`: the profile field the value is `JSON.parse`d into; undefined: skipped. */
  private startSkip(c: number, i: number, captureAs: string | undefined): number {
    this.levels[this.levels.length - 1].state = St.After;
    this.mode = Mode.Skip;
    this.skipper.begin(c, i, captureAs);
    return i;
  }

  private skipRun(chunk: Uint8Array, start: number): number {
    const i = this.skipper.run(chunk, start);
    if (this.skipper.ended) {
      this.mode = Mode.Structure;
      if (this.skipper.capturing && this.pos.failure === undefined) {
        const key = this.levels[this.levels.length - 1].key;
        this.profile!.fields[key] = this.skipper.captured;
      }
    }
    return i;
  }

  private startBatches(
    name: string,
    itemsAre: string,
    onItems: (items: unknown[]) => void,
    i: number,
  ): number {
    this.levels[this.levels.length - 1].state = St.After;
    this.mode = Mode.Collect;
    this.batches.begin(name, itemsAre, onItems, i);
    return i + 1;
  }

  private collectRun(chunk: Uint8Array, start: number): number {
    const i = this.batches.run(chunk, start);
    if (this.batches.ended) this.mode = Mode.Structure;
    return i;
  }

  private readonly addFrames = (items: unknown[]): void => {
    for (const f of items) this.frames.push(f);
  };

  private readonly addEvents = (items: unknown[]): void => {
    addEvents(this.profile!.events!, items);
  };
}

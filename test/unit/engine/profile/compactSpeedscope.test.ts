/**
 * The flame graph's compact speedscope file: merged runs and open/close events checked against
 * hand-computed numbers, and the file read back by speedscope's own importer (speedscope 1.25,
 * run in Node by bench/speedscopeInNode.ts), including against speedscope reading the original
 * `.cpuprofile` itself.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ProfileBuilder } from '../../../../engine/profile/builder';
import type { ProfileModel } from '../../../../engine/profile/model';
import {
  compactSpeedscopeChunks,
  type CompactFlameOptions,
  type CompactFlameSummary,
} from '../../../../engine/profile/compactSpeedscope';
import { loadProfileFile } from '../../../../engine/profile/loadProfileFile';
import {
  loadSpeedscopeImporter,
  type SpeedscopeImporter,
} from '../../../../bench/speedscopeInNode';
import { fixture } from './snapshot';

/** A model from folded-style stacks in time order: `['a;b', 1]` is one sample of weight 1. */
function model(
  samples: readonly (readonly [string, number])[],
  name = 'p',
  unit: 'samples' | 'milliseconds' = 'samples',
): ProfileModel {
  const b = new ProfileBuilder(unit);
  for (const [stack, w] of samples)
    b.sample(b.stack(stack.split(';').map((n) => b.frame({ name: n }))), w);
  return b.build({ format: 'test', name });
}

interface Event {
  type: 'O' | 'C';
  frame: number;
  at: number;
}
interface File {
  shared: { frames: { name: string }[] };
  profiles: { type: string; unit: string; endValue: number; events: Event[] }[];
}

function exportFile(
  models: readonly ProfileModel[],
  options?: CompactFlameOptions,
): { text: string; file: File; summary: CompactFlameSummary; chunks: number } {
  const gen = compactSpeedscopeChunks(models, 'test', options);
  let text = '';
  let chunks = 0;
  for (;;) {
    const r = gen.next();
    if (r.done) {
      const file = JSON.parse(text) as File;
      return { text, file, summary: r.value, chunks };
    }
    text += r.value;
    chunks++;
  }
}

/** Events as `O a@0` strings, frame names instead of indices. */
const readable = (f: File, p = 0) =>
  f.profiles[p].events.map((e) => `${e.type} ${f.shared.frames[e.frame].name}@${e.at}`);

describe('compact speedscope export', () => {
  it('merges consecutive identical stacks into one weighted run (a;b, a;b, a;c → a;b 2, a;c 1)', () => {
    const { file, summary } = exportFile([
      model([
        ['a;b', 1],
        ['a;b', 1],
        ['a;c', 1],
      ]),
    ]);
    assert.deepEqual(readable(file), [
      'O a@0',
      'O b@0',
      'C b@2', // a;b: 1 + 1 = 2 samples
      'O c@2',
      'C c@3', // a;c: 1 sample, 2 + 1 = 3
      'C a@3',
    ]);
    assert.equal(file.profiles[0].type, 'evented');
    assert.equal(file.profiles[0].unit, 'none');
    assert.equal(file.profiles[0].endValue, 3);
    assert.deepEqual(
      { samples: summary.profiles[0].samples, runs: summary.profiles[0].runs },
      { samples: 3, runs: 2 },
    );
    assert.equal(summary.profiles[0].sliceWeight, undefined, 'time order is exact');
  });

  it('keeps the time order, recursion and true weights in ms; weightless samples draw nothing', () => {
    const { file } = exportFile([
      model(
        [
          ['main;rec;rec', 0.5],
          ['main;rec;rec', 0.25],
          ['main', 0], // weight 0: dropped, does not split the run around it
          ['main;rec;rec', 1],
          ['main;rec', 2],
          ['idle', 1.5],
        ],
        'p',
        'milliseconds',
      ),
    ]);
    assert.deepEqual(readable(file), [
      'O main@0',
      'O rec@0',
      'O rec@0',
      'C rec@1.75', // 0.5 + 0.25 + 1 = 1.75
      'C rec@3.75', // + 2 = 3.75
      'C main@3.75',
      'O idle@3.75',
      'C idle@5.25', // + 1.5 = 5.25
    ]);
    assert.equal(file.profiles[0].unit, 'milliseconds');
  });

  it('shares one frame table between processes and emits one profile each', () => {
    const { file } = exportFile([
      model([['x;y', 1]], 'pid 1'),
      model(
        [
          ['x;z', 2],
          ['x;y', 1],
        ],
        'pid 2',
      ),
    ]);
    assert.deepEqual(
      file.shared.frames.map((f) => f.name),
      ['x', 'y', 'z'],
    );
    assert.deepEqual(readable(file, 1), ['O x@0', 'O z@0', 'C z@2', 'O y@2', 'C y@3', 'C x@3']);
  });

  it('over the event budget, merges equal slices of time into their call tree; totals stay exact', () => {
    const samples = [
      ['a;b', 1],
      ['a;c', 1],
      ['a;b', 1],
      ['a;c', 1],
    ] as const;
    // Exact order needs O a, O b, C b, O c, C c, O b, C b, O c, C c, C a = 10 events.
    assert.equal(exportFile([model(samples)]).file.profiles[0].events.length, 10);
    // With at most 6: two slices still need 10, one slice (the whole profile) needs 6.
    const { file, summary } = exportFile([model(samples)], { maxEvents: 6 });
    assert.deepEqual(readable(file), [
      'O a@0',
      'O b@0',
      'C b@2', // b: 1 + 1 = 2
      'O c@2',
      'C c@4', // c: 1 + 1 = 2
      'C a@4',
    ]);
    assert.equal(summary.profiles[0].sliceWeight, 4);
  });

  it('streams in chunks that join into one JSON document', () => {
    const many = Array.from({ length: 2000 }, (_, i) => [i % 2 ? 'a;b' : 'a;c', 1] as const);
    const { chunks, file } = exportFile([model(many)], { chunkChars: 4096 });
    assert.ok(chunks > 5, `${chunks} chunks`);
    // 2000 alternating runs: O a, then (O, C) per run, then C a = 2 + 2 × 2000 = 4002 events.
    assert.equal(file.profiles[0].events.length, 4002);
  });

  describe("read back by speedscope's own importer", () => {
    let importer: SpeedscopeImporter;
    before(async () => {
      importer = (await loadSpeedscopeImporter()).importer;
    });

    interface SsFrame {
      name: string;
      getSelfWeight(): number;
      getTotalWeight(): number;
    }
    interface SsProfile {
      getTotalWeight(): number;
      getWeightUnit(): string;
      forEachFrame(fn: (f: SsFrame) => void): void;
    }
    const load = async (name: string, bytes: Uint8Array) => {
      const group = (await importer.importProfilesFromArrayBuffer(
        name,
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      )) as { profiles: SsProfile[] } | null;
      assert.ok(group, `speedscope recognised ${name}`);
      return group.profiles;
    };
    const selfByName = (p: SsProfile) => {
      const m = new Map<string, number>();
      p.forEachFrame((f) => m.set(f.name, (m.get(f.name) ?? 0) + f.getSelfWeight()));
      return m;
    };

    it('reads the hand-made file with the hand-computed weights', async () => {
      const { text } = exportFile([
        model([
          ['a;b', 1],
          ['a;b', 1],
          ['a;c', 1],
        ]),
      ]);
      const [p] = await load('t.speedscope.json', Buffer.from(text));
      const totals = new Map<string, number>();
      p.forEachFrame((f) => totals.set(f.name, f.getTotalWeight()));
      assert.equal(p.getTotalWeight(), 3);
      assert.deepEqual(Object.fromEntries(totals), { a: 3, b: 2, c: 1 });
    });

    const folded = async (rel: string) => {
      const path = fixture(rel);
      const { profiles } = await loadProfileFile(path, { sourceMaps: false });
      assert.equal(profiles.length, 1);
      const { text, summary } = exportFile(profiles);
      assert.equal(summary.profiles[0].sliceWeight, undefined);
      const [ours] = await load('ours.speedscope.json', Buffer.from(text));
      const [theirs] = await load(rel.split('/').pop()!, readFileSync(path));
      const by = (p: SsProfile, weight: (f: SsFrame) => number) => {
        const m = new Map<string, number>();
        p.forEachFrame((f) => m.set(f.name, (m.get(f.name) ?? 0) + weight(f)));
        return m;
      };
      return { ours, theirs, by };
    };

    it('a real folded profile (Rust, perf 6.1): same self and total per function as speedscope reading the folded file', async () => {
      const { ours, theirs, by } = await folded(
        'folded/perf-6.1-stackcollapse/rust-dwarf/x0x.folded',
      );
      assert.equal(ours.getTotalWeight(), theirs.getTotalWeight());
      const self = (f: SsFrame) => f.getSelfWeight();
      const total = (f: SsFrame) => f.getTotalWeight();
      assert.deepEqual(by(ours, self), by(theirs, self));
      assert.deepEqual(by(ours, total), by(theirs, total));
      assert.ok(by(theirs, self).size >= 20, 'many functions compared');
    });

    it('the sliced form of a real profile keeps every function self time', async () => {
      const path = fixture('v8-cpuprofile/node-20/hot-loop/hot.cpuprofile');
      const { profiles } = await loadProfileFile(path, { sourceMaps: false });
      const exact = await load('x.speedscope.json', Buffer.from(exportFile(profiles).text));
      const small = exportFile(profiles, { maxEvents: 40 });
      assert.ok(small.summary.profiles[0].sliceWeight !== undefined, 'was sliced');
      const sliced = await load('y.speedscope.json', Buffer.from(small.text));
      const a = selfByName(exact[0]);
      for (const [name, w] of selfByName(sliced[0]))
        assert.ok(Math.abs((a.get(name) ?? 0) - w) < 1e-6, name);
    });
  });
});

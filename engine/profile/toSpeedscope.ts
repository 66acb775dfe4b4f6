/**
 * The model as a speedscope file (https://www.speedscope.app/file-format-schema.json, speedscope
 * 1.25), so the webview's flame graph draws exactly the data the tables are computed from.
 * Returned as an object; the caller serialises it or writes it next to the source profile.
 */
import type { ProfileModel } from './model';
import { weightAt } from './sampleWeights';

export interface SpeedscopeFile {
  $schema: 'https://www.speedscope.app/file-format-schema.json';
  exporter: string;
  name: string;
  activeProfileIndex: number;
  shared: { frames: { name: string; file?: string; line?: number; col?: number }[] };
  profiles: {
    type: 'sampled';
    name: string;
    unit: 'milliseconds' | 'bytes' | 'none';
    startValue: number;
    endValue: number;
    samples: number[][];
    weights: number[];
  }[];
}

/** One speedscope file holding every model as its own profile, sharing one frame table. */
export function toSpeedscope(
  models: readonly ProfileModel[],
  name = models[0]?.name ?? 'profile',
): SpeedscopeFile {
  const frames: SpeedscopeFile['shared']['frames'] = [];
  const frameIndex = new Map<string, number>();
  const profiles: SpeedscopeFile['profiles'] = [];
  for (const m of models) {
    const local = m.frames.map((f) => {
      const key = `${f.name}\u0000${f.file ?? ''}\u0000${f.line ?? ''}\u0000${f.column ?? ''}`;
      let i = frameIndex.get(key);
      if (i === undefined) {
        i = frames.length;
        frames.push({
          name: f.name,
          ...(f.file ? { file: f.file } : {}),
          ...(f.line ? { line: f.line } : {}),
          ...(f.column ? { col: f.column } : {}),
        });
        frameIndex.set(key, i);
      }
      return i;
    });
    const stackCache = new Map<number, number[]>();
    const stackOf = (node: number): number[] => {
      let s = stackCache.get(node);
      if (!s) {
        const p = m.stacks.parentOf[node];
        s = [...(p >= 0 ? stackOf(p) : []), local[m.stacks.frameOf[node]]];
        stackCache.set(node, s);
      }
      return s;
    };
    const samples: number[][] = [];
    const weights: number[] = [];
    for (let i = 0; i < m.sampleStack.length; i++) {
      samples.push(stackOf(m.sampleStack[i]));
      weights.push(weightAt(m.sampleWeight, i));
    }
    profiles.push({
      type: 'sampled',
      name: m.name,
      unit:
        m.weightUnit === 'milliseconds'
          ? 'milliseconds'
          : m.weightUnit === 'bytes'
            ? 'bytes'
            : 'none',
      startValue: 0,
      endValue: m.totalWeight,
      samples,
      weights,
    });
  }
  return {
    $schema: 'https://www.speedscope.app/file-format-schema.json',
    exporter: 'perflens',
    name,
    activeProfileIndex: 0,
    shared: { frames },
    profiles,
  };
}

/**
 * speedscope's own reading of a file (npm speedscope 1.25, run in Node by
 * bench/speedscopeInNode.ts) as per-function self and total weights, the independent reference for
 * the importers' tests. Names are speedscope's frame names; weights are in speedscope's unit for
 * the file (microseconds for Chrome formats, bytes for heap profiles, the event count for
 * callgrind).
 */
import { readFileSync } from 'node:fs';
import {
  loadSpeedscopeImporter,
  type SpeedscopeImporter,
} from '../../../../bench/speedscopeInNode';

export interface SpeedscopeFrameWeights {
  readonly profileName: string;
  readonly unit: string;
  readonly total: number;
  /** name → { self, total } summed over frames of that name. */
  readonly byName: Map<string, { self: number; total: number }>;
}

interface SsFrame {
  name: string;
  getSelfWeight(): number;
  getTotalWeight(): number;
}
interface SsProfile {
  getName(): string;
  getWeightUnit(): string;
  getTotalWeight(): number;
  forEachFrame(fn: (f: SsFrame) => void): void;
}

let importer: Promise<SpeedscopeImporter> | undefined;

export async function speedscopeReading(path: string): Promise<SpeedscopeFrameWeights[]> {
  importer ??= loadSpeedscopeImporter().then((r) => r.importer);
  const bytes = readFileSync(path);
  const group = await (
    await importer
  ).importProfilesFromArrayBuffer(
    path.split('/').pop()!,
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  );
  if (!group) throw new Error(`speedscope does not read ${path}`);
  return (group.profiles as SsProfile[]).map((p) => {
    const byName = new Map<string, { self: number; total: number }>();
    p.forEachFrame((f) => {
      const e = byName.get(f.name) ?? { self: 0, total: 0 };
      e.self += f.getSelfWeight();
      e.total += f.getTotalWeight();
      byName.set(f.name, e);
    });
    return { profileName: p.getName(), unit: p.getWeightUnit(), total: p.getTotalWeight(), byName };
  });
}

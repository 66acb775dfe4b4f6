/**
 * Merging per-process profiles (a run folder's `profiles/` holds one per process). By default
 * each process keeps its own root frame (`pid 123 node app.js`), so merged flame graphs stay
 * apart by process while per-function totals add up across them.
 */
import { ProfileBuilder } from './builder';
import type { ProfileModel } from './model';

export interface MergeOptions {
  /** Put each profile under a root frame naming its process (default true). */
  readonly byProcess?: boolean;
  readonly name?: string;
}

export function processLabel(m: ProfileModel): string {
  const parts = [m.pid !== undefined ? `pid ${m.pid}` : m.name];
  if (m.command) parts.push(m.command);
  return parts.join(' ');
}

/** One model from several with the same weight unit; mixing units returns undefined. */
export function mergeProfiles(
  models: readonly ProfileModel[],
  options: MergeOptions = {},
): ProfileModel | undefined {
  if (models.length === 0) return undefined;
  const unit = models[0].weightUnit;
  if (models.some((m) => m.weightUnit !== unit)) return undefined;
  // One profile without a process root is itself (models are immutable): no copy of millions of
  // samples.
  if (models.length === 1 && options.byProcess === false)
    return { ...models[0], name: options.name ?? models[0].name };
  const b = new ProfileBuilder(unit);
  // Per-record sample counts survive a merge when any part has them (pprof): the others' records
  // count as `sampleCount` counts them, one each, or their weight for unit `samples`.
  const counts = models.some((m) => m.sampleCounts) ? new Float64Array(totalRecords(models)) : null;
  let at = 0;
  for (const m of models) {
    if (counts) at = copyCounts(m, counts, at);
    const root = options.byProcess === false ? -1 : b.node(-1, b.frame({ name: processLabel(m) }));
    const frameMap = m.frames.map((f) => b.frame(f));
    const nodeMap = new Int32Array(m.stacks.frameOf.length);
    for (let i = 0; i < nodeMap.length; i++) {
      const p = m.stacks.parentOf[i];
      nodeMap[i] = b.node(p >= 0 ? nodeMap[p] : root, frameMap[m.stacks.frameOf[i]]);
    }
    const stacks = new Int32Array(m.sampleStack.length);
    for (let i = 0; i < stacks.length; i++) stacks[i] = nodeMap[m.sampleStack[i]];
    b.addSamples(stacks, m.sampleWeight);
    for (const t of m.lineTicks) b.addLineTicks(nodeMap[t.node], t.line, t.ticks, t.file);
    for (const d of m.diagnostics) b.warn(d);
  }
  return b.build({
    format: models[0].format,
    name: options.name ?? `${models.length} processes`,
    ...(models[0].weightLabel !== undefined ? { weightLabel: models[0].weightLabel } : {}),
    // Intervals added to samples count neither: with one evented profile there is no count.
    ...(models.some((m) => m.evented) ? { evented: true as const } : {}),
    // Records that are not samples (callgrind's costs) leave the sum without a count too.
    ...(models.some((m) => m.uncounted) ? { uncounted: true as const } : {}),
    ...(counts ? { sampleCounts: counts } : {}),
  });
}

function totalRecords(models: readonly ProfileModel[]): number {
  let n = 0;
  for (const m of models) n += m.sampleStack.length;
  return n;
}

/** `m`'s per-record sample counts into `out` from `at`; returns where the next model's start. */
function copyCounts(m: ProfileModel, out: Float64Array, at: number): number {
  const n = m.sampleStack.length;
  if (m.sampleCounts) out.set(m.sampleCounts.subarray(0, n), at);
  else {
    const { values, divisor } = m.sampleWeight;
    const weighted = m.weightUnit === 'samples';
    for (let i = 0; i < n; i++) out[at + i] = weighted ? values[i] / divisor : 1;
  }
  return at + n;
}

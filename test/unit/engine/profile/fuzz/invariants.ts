/**
 * What every import of hostile input must satisfy: a result, never a throw; a model whose
 * structure is sound (ids in range, no cycles in the tree, names are text); and numbers that are
 * either sane or accompanied by a diagnostic ("never absurd numbers without a warning").
 */
import type { ImportResult } from '../../../../../engine/profile/importer';
import type { ProfileModel } from '../../../../../engine/profile/model';
import { weightAt } from '../../../../../engine/profile/sampleWeights';

/** More than ~115 days of profile in one file is not a measurement; it must come with a warning. */
const ABSURD_MS = 1e10;

export function problemsOf(result: ImportResult): string[] {
  if (result.kind === 'not-mine') return [];
  const out: string[] = [];
  const hasDiagnostics = result.diagnostics.length > 0;
  if (result.profiles.length === 0 && !result.diagnostics.some((d) => d.severity === 'error'))
    out.push('no profiles and no error saying why');
  for (const d of result.diagnostics)
    if (typeof d.message !== 'string' || d.message === '') out.push('a diagnostic without message');
  for (const m of result.profiles) out.push(...modelProblems(m, hasDiagnostics));
  return out;
}

function modelProblems(m: ProfileModel, warned: boolean): string[] {
  const out: string[] = [];
  const { parentOf, frameOf, depthOf } = m.stacks;
  const nodes = frameOf.length;
  for (const f of m.frames)
    if (typeof f.name !== 'string') out.push(`frame ${f.id} name is not text`);
  for (let i = 0; i < nodes; i++) {
    const p = parentOf[i];
    if (p < -1 || p >= nodes) out.push(`node ${i} parent ${p} out of range`);
    else if (p >= 0 && depthOf[i] !== depthOf[p] + 1)
      out.push(`node ${i} depth inconsistent (cycle?)`);
    if (frameOf[i] < 0 || frameOf[i] >= m.frames.length) out.push(`node ${i} frame out of range`);
    if (out.length > 5) return out;
  }
  let sum = 0;
  for (let i = 0; i < m.sampleStack.length; i++) {
    const s = m.sampleStack[i];
    const w = weightAt(m.sampleWeight, i);
    if (s < 0 || s >= nodes) return [...out, `sample ${i} stack ${s} out of range`];
    if (!Number.isFinite(w) || w < 0) return [...out, `sample ${i} weight ${w}`];
    sum += w;
  }
  if (!Number.isFinite(m.totalWeight) || m.totalWeight < 0)
    out.push(`totalWeight ${m.totalWeight}`);
  else if (Math.abs(sum - m.totalWeight) > 1e-6 * Math.max(1, sum))
    out.push(`totalWeight ${m.totalWeight} is not the sum of the weights ${sum}`);
  const absurd: string[] = [];
  if (m.weightUnit === 'milliseconds' && m.totalWeight > ABSURD_MS)
    absurd.push(`${m.totalWeight} ms profiled`);
  for (const [k, v] of [
    ['startMs', m.startMs],
    ['endMs', m.endMs],
  ] as const)
    if (v !== undefined && !Number.isFinite(v)) out.push(`${k} ${v}`);
  if (m.startMs !== undefined && m.endMs !== undefined) {
    const span = m.endMs - m.startMs;
    if (span < 0 || span > ABSURD_MS) absurd.push(`window of ${span} ms`);
  }
  if (absurd.length > 0 && !warned) out.push(`absurd without a warning: ${absurd.join(', ')}`);
  return out;
}

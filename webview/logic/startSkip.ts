/**
 * What the Over time tab says about the start-skip: it must match what the Summary's CPU and RSS
 * figures did (engine/soak/samples.ts). When every sample falls inside the skip, nothing was left
 * out and the figures are over the whole run, so the chart is not shaded and the note says so.
 */
import type { TimelineData } from '../../protocol/sourceData';

export interface StartSkipNote {
  /** The end of the shaded start-up band in seconds, when there is something to shade. */
  readonly shadeEndSec?: number;
  readonly text?: string;
}

export function startSkipNote(t: TimelineData): StartSkipNote {
  if (t.startSkipEndMs === undefined) return {};
  const skipSec = (t.startSkipMs ?? t.startSkipEndMs) / 1000;
  const skip = `${Number(skipSec.toFixed(1))} s`;
  const sampleTimes = t.resources.flatMap((r) => r.timesMs);
  const allTimes = [
    ...sampleTimes,
    ...t.counters.flatMap((c) => c.timesMs),
    ...t.diagnostics.flatMap((c) => c.timesMs),
  ];
  const lastMs = allTimes.reduce((a, b) => Math.max(a, b), -Infinity);
  if (allTimes.length === 0 || lastMs < t.startSkipEndMs) {
    // Shorter than the skip: the Summary used every sample (its `wholeRun`).
    return {
      text:
        `The run is shorter than the ${skip} start-skip, so nothing was left out: ` +
        `the summary's CPU and RSS figures are over the whole run.`,
    };
  }
  return {
    shadeEndSec: t.startSkipEndMs / 1000,
    text:
      `Shaded: the first ${skip} start-skip (start-up, not steady state); the summary's CPU ` +
      `and RSS figures leave it out.`,
  };
}

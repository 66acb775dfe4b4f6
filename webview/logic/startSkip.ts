/**
 * What the Over time tab says about the start-skip: it must match what the Summary's CPU and RSS
 * figures did (engine/soak/samples.ts). `startSkipEndMs` is where the figures' window starts: the
 * first sample after the skip, or — on a run shorter than the skip — the very first sample, as
 * the whole run is then used. So the samples before it are what was left out; when there are
 * none, nothing is shaded and the note says the figures are over the whole run.
 */
import type { TimelineData } from '../../protocol/sourceData';

export interface StartSkipNote {
  /** The end of the shaded start-up band in seconds, when something was left out. */
  readonly shadeEndSec?: number;
  readonly text?: string;
}

export function startSkipNote(t: TimelineData): StartSkipNote {
  const end = t.startSkipEndMs;
  if (end === undefined) return {};
  const skip = `${Number(((t.startSkipMs ?? end) / 1000).toFixed(1))} s`;
  const skipped = t.resources.reduce((n, r) => n + r.timesMs.filter((ms) => ms < end).length, 0);
  if (skipped === 0)
    return {
      text:
        `The run is shorter than the ${skip} start-skip, so nothing was left out: ` +
        `the summary's CPU and RSS figures are over the whole run.`,
    };
  return {
    shadeEndSec: end / 1000,
    text:
      `Shaded: the ${skip} start-skip (start-up, not steady state); the summary's CPU and RSS ` +
      `figures leave out its ${skipped.toLocaleString('en-US')} sample(s).`,
  };
}

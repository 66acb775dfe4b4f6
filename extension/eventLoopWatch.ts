/**
 * How long the extension host's event loop was held up during an operation (Node's
 * `monitorEventLoopDelay`): the proof that heavy work stays in the language server.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface EventLoopReport {
  readonly elapsedMs: number;
  /** The longest single delay seen, in ms (0 when nothing was held up beyond the resolution). */
  readonly maxDelayMs: number;
}

export function watchEventLoop(): { elapsedMs(): number; stop(): EventLoopReport } {
  const started = performance.now();
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let report: EventLoopReport | undefined;
  return {
    elapsedMs: () => performance.now() - started,
    stop() {
      if (!report) {
        histogram.disable();
        // The histogram counts the sampling interval itself (10 ms) in every delay.
        const max = histogram.count ? histogram.max / 1e6 - 10 : 0;
        report = { elapsedMs: performance.now() - started, maxDelayMs: Math.max(0, max) };
      }
      return report;
    },
  };
}

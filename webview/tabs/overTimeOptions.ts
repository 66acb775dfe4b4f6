/** The uPlot options every Over time chart shares: seconds on x, one synced cursor, start-skip shaded. */
import type uPlot from 'uplot';
import { SYNC_KEY, axisStyle, shadeStartSkip } from '../widgets/Chart';

export function base(
  ySuffix: string,
  skipSec: number | undefined,
  theme: number,
): () => Omit<uPlot.Options, 'width' | 'height' | 'series'> {
  void theme;
  return () => ({
    scales: { x: { time: false } },
    axes: [
      { ...axisStyle(), label: 's since start' },
      { ...axisStyle(), label: ySuffix, size: 60 },
    ],
    cursor: { sync: { key: SYNC_KEY, setSeries: false }, drag: { x: false, y: false } },
    legend: { live: true },
    plugins: [shadeStartSkip(skipSec)],
  });
}

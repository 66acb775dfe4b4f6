/**
 * Which iterations a comparison left out as noisy (other processes loaded the machine while they
 * ran), said wherever their data would have been drawn: the flame and the over-time charts.
 */
import type { CompareData } from '../../protocol/compareView';

export function ExcludedNote({ excluded }: { excluded: NonNullable<CompareData['excluded']> }) {
  const names = [
    ...excluded.baseline.map((l) => `baseline/${l}`),
    ...excluded.treatment.map((l) => `treatment/${l}`),
  ];
  return (
    <p class="basis excluded-iterations">
      Left out, as in the statistics: {names.join(', ')} — other processes loaded the machine while{' '}
      {names.length === 1 ? 'it' : 'they'} ran (exclude noisy iterations is on).
    </p>
  );
}

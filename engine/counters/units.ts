/**
 * Timer or count, and a unit for counts, guessed from the counter's name.
 *
 * `incr`-only counters (sphere-sdk perf-counters) never get time, so `totalMs` stays 0 in every
 * window and `count` is a quantity: `ipfs.fetchCar.bytes` carries bytes, `…blocks` blocks,
 * `…calls` calls. The unit is a guess from the last name segment and says so by being optional.
 */
import { CounterKind } from './types';

export function kindOf(totalMsOverRun: number, maxMsOverRun: number): CounterKind {
  return totalMsOverRun > 0 || maxMsOverRun > 0 ? 'timer' : 'count';
}

const UNITS: Array<[RegExp, string]> = [
  [/(?:^|[._])(?:bytes?|size|len|length)$|Bytes$/i, 'bytes'],
  [/(?:^|[._])(?:kb|kib)$/i, 'KiB'],
  [/(?:^|[._])(?:blocks?)$|Blocks$/, 'blocks'],
  [/(?:^|[._])(?:calls?|invocations)$|Calls$/, 'calls'],
  [/(?:^|[._])(?:errors?|error|http_error|failures?|fail(?:ed)?)$|Errors?$/, 'errors'],
  [/(?:^|[._])(?:retries|retry)$/i, 'retries'],
  [/(?:^|[._])(?:hits?|miss(?:es)?)$/i, 'events'],
  [/(?:^|[._])(?:items?|entries|rows|tokens|bundles?|events?|messages?|msgs)$/i, 'items'],
];

/** A unit for a pure count, or undefined when the name gives no hint. */
export function guessUnit(name: string): string | undefined {
  for (const [re, unit] of UNITS) if (re.test(name)) return unit;
  return undefined;
}

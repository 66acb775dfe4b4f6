/** Option values turned into numbers and pairs, with a usage error that names the flag. */
import { UsageError } from './usage';

export function positiveNumber(flag: string, v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new UsageError(`--${flag} expects a positive number, got '${v}'`);
  return n;
}

export function positiveInteger(flag: string, v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < 1)
    throw new UsageError(`--${flag} expects a whole number of at least 1, got '${v}'`);
  return n;
}

/** `NAME=VALUE` (the value may contain `=`). */
export function namePair(flag: string, v: string): [string, string] {
  const eq = v.indexOf('=');
  if (eq <= 0) throw new UsageError(`--${flag} expects NAME=VALUE, got '${v}'`);
  return [v.slice(0, eq), v.slice(eq + 1)];
}

/** A string option's value, or undefined. parseArgs already guarantees the type. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

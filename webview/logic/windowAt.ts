/**
 * Which dump window a moment falls in: a window is named by the time of the dump that closes it,
 * so a sample at `ms` belongs to the first window ending at or after it (the last window when it
 * is later than every dump). Lets a click on the CPU or RSS chart pick a counter window.
 */
export function windowAt(windowEndsMs: readonly number[], ms: number): number | undefined {
  if (windowEndsMs.length === 0 || !Number.isFinite(ms)) return undefined;
  const i = windowEndsMs.findIndex((end) => end >= ms);
  return i === -1 ? windowEndsMs.length - 1 : i;
}

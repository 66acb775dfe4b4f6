/**
 * Which row of the Functions tab a clicked CodeLens stands for. The lens names its function as the
 * source does (`putEntry`, owner `OrbitDbAdapter`, file, line); the profile names frames as the
 * runtime does (`putEntry`, `OrbitDbAdapter.putEntry`, `PubSubManager::handle_incoming`), with the
 * file after source maps. Pure, for unit tests.
 */
import type { FunctionData } from '../../protocol/sourceData';
import type { FunctionFocus } from '../../protocol/webview';

const baseName = (path: string): string => path.replace(/^.*[\\/]/, '');

/** Whether a profiled name is the function's: its own name, or its name under a qualifier. */
function namesIt(profiled: string, name: string): boolean {
  return profiled === name || profiled.endsWith(`.${name}`) || profiled.endsWith(`::${name}`);
}

/**
 * How well row `i` fits: its owner named (in the frame name or the native frame), its file's name
 * equal to the lens's, then the nearest line. Undefined when the name does not fit at all.
 */
function fit(f: FunctionData, i: number, fn: FunctionFocus): [number, number, number] | undefined {
  const profiled = f.names[i];
  if (!namesIt(profiled, fn.name)) return undefined;
  const native = f.natives?.[i];
  const owner =
    fn.owner !== undefined &&
    (native?.owner === fn.owner ||
      profiled === `${fn.owner}.${fn.name}` ||
      profiled.endsWith(`${fn.owner}::${fn.name}`));
  const file = f.files[i];
  const sameFile = fn.file !== undefined && file !== null && baseName(file) === baseName(fn.file);
  const line = f.lines[i];
  const distance = fn.line !== undefined && line !== null ? Math.abs(line - fn.line) : 1e9;
  return [owner ? 1 : 0, sameFile ? 1 : 0, -distance];
}

/** The index of the row that best fits the function, or undefined when none names it. */
export function functionRowOf(f: FunctionData, fn: FunctionFocus): number | undefined {
  let best: number | undefined;
  let bestFit: [number, number, number] | undefined;
  for (let i = 0; i < f.names.length; i++) {
    const x = fit(f, i, fn);
    if (!x) continue;
    if (
      !bestFit ||
      x[0] > bestFit[0] ||
      (x[0] === bestFit[0] && (x[1] > bestFit[1] || (x[1] === bestFit[1] && x[2] > bestFit[2])))
    ) {
      best = i;
      bestFit = x;
    }
  }
  return best;
}

/**
 * Edge module: writes the speedscope-format file for a profile next to it
 * (`<profile>.speedscope.json`), for tools outside PerfLens. The webview gets the same object
 * from `toSpeedscope` in memory; this is only for "open in speedscope" and sharing.
 */
import { writeFile } from 'node:fs/promises';
import { errorAt, type EngineDiagnostic } from '../diagnostics';
import type { ProfileModel } from './model';
import { toSpeedscope } from './toSpeedscope';

export async function writeSpeedscopeNextTo(
  profilePath: string,
  models: readonly ProfileModel[],
): Promise<{ path: string } | { error: EngineDiagnostic }> {
  const path = `${profilePath.replace(/\.(cpuprofile|json|folded|txt)$/i, '')}.speedscope.json`;
  try {
    await writeFile(path, JSON.stringify(toSpeedscope(models)));
    return { path };
  } catch (e) {
    return { error: errorAt(path, `cannot write the speedscope file: ${(e as Error).message}`) };
  }
}

/**
 * Flame-graph data for the webview: every profile at a path as one speedscope file, built from
 * the engine's model (so frames carry source-mapped names and locations).
 */
import { basename } from 'node:path';
import type { FlameData } from '../../protocol/server';
import { loadProfilePath } from '../../engine/profile/loadProfileFile';
import { toSpeedscope } from '../../engine/profile/toSpeedscope';
import { formatDiagnostic } from '../../engine/diagnostics';

export async function buildFlameData(path: string): Promise<FlameData> {
  const loaded = await loadProfilePath(path);
  const diagnostics = loaded.diagnostics.map(formatDiagnostic);
  if (loaded.profiles.length === 0)
    return { fileName: basename(path), base64: '', profiles: 0, diagnostics };
  const file = toSpeedscope(loaded.profiles, basename(path));
  return {
    fileName: `${basename(path)}.speedscope.json`,
    base64: Buffer.from(JSON.stringify(file)).toString('base64'),
    profiles: loaded.profiles.length,
    diagnostics,
  };
}

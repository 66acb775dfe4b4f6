/**
 * The panel's view model of a source, built from the same report sections as the CLI, so a
 * number is the same wherever it is shown (DESIGN.md, "One engine, three faces").
 */
import type { SourceView } from '../../protocol/server';
import { buildProfileSection } from '../engine/report/profileReport';
import { buildCounterSection } from '../engine/report/counterReport';
import { formatDiagnostic } from '../engine/diagnostics';

export async function buildSourceView(path: string, top = 50): Promise<SourceView> {
  const [profile, counters] = await Promise.all([buildProfileSection(path), buildCounterSection(path)]);
  const foundProfile = profile.processes.length > 0 && profile.totalSamples > 0;
  const foundCounters = counters.counters.length > 0 || counters.resources !== undefined || counters.assertions !== undefined || (counters.runs?.length ?? 0) > 0;
  const nothing = !foundProfile && !foundCounters;
  const { diagnostics: counterDiagnostics, ...counterView } = counters;
  return {
    path,
    found: { profile: foundProfile, counters: foundCounters },
    ...(foundProfile
      ? { profile: { unit: profile.unit, totalSamples: profile.totalSamples, totalMs: profile.totalMs, processes: profile.processes, functions: profile.functions.slice(0, top) } }
      : {}),
    ...(foundCounters ? { counters: { ...counterView, counters: counterView.counters.slice(0, top) } } : {}),
    // A section that found nothing complains about input never meant for it; keep its words
    // only when nothing at all was found.
    diagnostics: [...(foundProfile || nothing ? profile.diagnostics : []), ...(foundCounters || nothing ? counterDiagnostics.map(formatDiagnostic) : [])],
  };
}

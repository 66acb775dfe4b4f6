/**
 * The panel's view model of a source, built from the same report sections as the CLI, so a
 * number is the same wherever it is shown (DESIGN.md, "One engine, three faces").
 */
import type { LoadedSourceInfo, SourceView } from '../../protocol/server';
import {
  isProfileDocument,
  loadProfileSection,
  type ProfileSection,
} from '../../engine/report/profileReport';
import type { ProfileModel } from '../../engine/profile/model';
import {
  buildCounterSection,
  noCounterSection,
  type CounterSection,
} from '../../engine/report/counterReport';

/** Both report sections of one source, read once and shared by CodeLens and the panel. */
export interface SourceSections {
  readonly profile: ProfileSection;
  readonly counters: CounterSection;
  /**
   * The per-process profile models, for CodeLens grouping; dropped once grouped (they can be
   * large).
   */
  readonly profiles?: readonly ProfileModel[];
}

export async function loadSections(path: string): Promise<SourceSections> {
  const [{ section: profile, profiles }, read] = await Promise.all([
    loadProfileSection(path),
    buildCounterSection(path),
  ]);
  // A file an importer took as a profile document holds no counters: its refusal (if any) is
  // the whole story, without the counter reader's "not a JSON snapshot" beside it.
  const counters =
    profile.recognisedAs !== undefined && isProfileDocument(profile, true)
      ? noCounterSection(path)
      : read;
  return { profile, counters, profiles };
}

export function sourceViewOf(
  path: string,
  { profile, counters }: SourceSections,
  source: LoadedSourceInfo,
  top = 50,
): SourceView {
  const foundProfile =
    profile.processes.length > 0 && (profile.totalSamples ?? profile.functions.length) > 0;
  const foundCounters =
    counters.counters.length > 0 ||
    counters.resources !== undefined ||
    counters.assertions !== undefined ||
    (counters.runs?.length ?? 0) > 0;
  const nothing = !foundProfile && !foundCounters;
  // The raw models stay in the server: the panel gets them shaped by perflens/sourceData.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { diagnostics: counterDiagnostics, models, ...counterView } = counters;
  return {
    path,
    source,
    found: { profile: foundProfile, counters: foundCounters },
    ...(foundProfile
      ? {
          profile: {
            unit: profile.unit,
            totalSamples: profile.totalSamples,
            totalMs: profile.totalMs,
            processes: profile.processes,
            functions: profile.functions.slice(0, top),
          },
        }
      : {}),
    ...(foundCounters
      ? { counters: { ...counterView, counters: counterView.counters.slice(0, top) } }
      : {}),
    // A section that found nothing complains about input never meant for it; keep its words
    // only when nothing at all was found.
    diagnostics: [
      ...(foundProfile || nothing ? profile.engineDiagnostics : []),
      ...(foundCounters || nothing ? counterDiagnostics : []),
    ],
  };
}

/**
 * The server's heavy jobs — reading a source (a 100 MB profile takes seconds), a document's
 * first parse, an A/B comparison of two sides' iterations — as plain data in, plain data out, so
 * they can run on a worker thread while the server's own thread keeps answering CodeLens and hover
 * for files already parsed.
 */
import type { Compare, LoadedSourceInfo, SourceView } from '../../protocol/server';
import type { Comparison } from '../../engine/compare';
import { compareView } from '../views/compareView';
import { sourceDataOf } from '../../engine/report/sourceData';
import { findRustFunctions } from '../../engine/source/rustFunctions';
import { rustParser } from '../../engine/source/rustParser';
import type { SourceFunction } from '../../engine/source/sourceFunctions';
import { findTsFunctions } from '../../engine/source/tsFunctions';
import { inlineSourceOf, type InlineSource } from '../lsp/inlineCosts';
import { sourceInfo } from '../lsp/sourceInfo';
import { loadSections, sourceViewOf } from '../views/sourceView';
import type { ParseJob } from './parseJob';

export interface LoadSourceJob {
  readonly kind: 'loadSource';
  readonly path: string;
  readonly top?: number;
  readonly withPanelData?: boolean;
}

export interface LoadedSource {
  readonly info: LoadedSourceInfo;
  /** What CodeLens, hover and line heat need (the profile models are not sent back). */
  readonly inline: InlineSource;
  readonly view: SourceView;
}

export type { ParseJob };

/** `perflens/compare`: both sides' iterations read (their CPU profiles too) and compared. */
export interface CompareJob {
  readonly kind: 'compare';
  readonly params: Compare.Params;
}

export interface Compared {
  readonly result: Compare.Result;
  readonly comparison?: Comparison;
}

export type Job = LoadSourceJob | ParseJob | CompareJob;

export async function loadSource(job: LoadSourceJob): Promise<LoadedSource> {
  const sections = await loadSections(job.path);
  const info = sourceInfo(job.path, sections);
  // The profile models are grouped by function here and then let go (they can be large).
  const inline = await inlineSourceOf(job.path, sections);
  const view = sourceViewOf(job.path, sections, info, job.top);
  return {
    info,
    inline,
    view: job.withPanelData
      ? { ...view, panelData: sourceDataOf(job.path, sections.profile, sections.counters) }
      : view,
  };
}

export async function parse(job: ParseJob): Promise<SourceFunction[]> {
  return job.language === 'typescript'
    ? findTsFunctions(job.text, job.path, { counterCallees: job.counterCallees })
    : findRustFunctions(job.text, await rustParser(), { counterMacros: job.rustCounterMacros });
}

export function runJob(job: Job): Promise<LoadedSource | SourceFunction[] | Compared> {
  if (job.kind === 'loadSource') return loadSource(job);
  if (job.kind === 'compare') return compareView(job.params);
  return parse(job);
}

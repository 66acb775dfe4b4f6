/**
 * The inline costs the server holds: the newest loaded source's CPU costs grouped by function and
 * its counters, matched against each document on request (CodeLens, hover, line heat).
 *
 * Documents are parsed once per version (`DocumentFunctions`); matching a parsed document is a
 * pass over its functions and the counters, so a lens request after the first parse is cheap.
 */
import { stat } from 'node:fs/promises';
import {
  buildInlineCosts,
  type InlineCosts,
  type LineHeatCost,
} from '../../engine/inline/costGroups';
import {
  matchFunctions,
  functionLabel,
  sampledFunctions,
  type CounterFacts,
  type FileMatch,
  type FunctionMeasure,
  type Recorder,
} from '../../engine/inline/matchFunctions';
import { bestSuffixMatch } from '../../engine/inline/paths';
import {
  callSiteRecords,
  type CounterCallSite,
  type SourceFunction,
} from '../../engine/source/sourceFunctions';
import type { SourceSections } from '../views/sourceView';
import type { CounterRun } from '../../engine/counters/counterRun';
import { counterFactsOfRun, counterFactsOfSection } from '../../engine/inline/counterFacts';
import {
  BaselineIndex,
  baselineChange,
  type BaselineChange,
} from '../../engine/inline/baselineChange';
import type { Comparison } from '../../engine/compare';
import { canonicalPath } from './canonicalPath';
import { DocumentFunctions, type ParsedDocument } from './documentFunctions';
import { DEFAULT_SERVER_SETTINGS, type ServerSettings } from '../../protocol/server';
import { lensTitle } from './lensText';
import { hoverMarkdown, type SourceFacts } from './hoverText';

export interface InlineSource extends SourceFacts {
  readonly costs?: InlineCosts;
  readonly counters: readonly CounterFacts[];
  /** How many processes the counters were read from: their totals are summed over them. */
  readonly counterProcesses: number;
}

export interface InlineLens {
  /** 1-based line of the function. */
  readonly line: number;
  readonly title: string;
  readonly fn: { readonly name: string; readonly owner?: string; readonly line: number };
}

export interface OpenText {
  readonly text: string;
  readonly version: number;
}

/** What a loaded source contributes, built once: the profile models are not kept. */
export async function inlineSourceOf(
  path: string,
  sections: SourceSections,
): Promise<InlineSource> {
  const profiles = sections.profiles ?? [];
  const costs = profiles.length > 0 ? buildInlineCosts(profiles, canonicalPath) : undefined;
  const dataTime = await stat(path).then(
    (s) => s.mtimeMs,
    () => undefined,
  );
  return {
    path,
    ...(dataTime !== undefined ? { dataTime } : {}),
    wallClockMs: sections.counters.wallClockMs,
    ...(costs ? { costs } : {}),
    counters: counterFactsOfSection(sections.counters),
    counterProcesses: sections.counters.processes.length,
  };
}

export class InlineCostsService {
  private source: InlineSource | undefined;
  settings: ServerSettings = DEFAULT_SERVER_SETTINGS;
  readonly documents: DocumentFunctions;

  constructor(parse: ConstructorParameters<typeof DocumentFunctions>[0]) {
    this.documents = new DocumentFunctions(parse);
  }
  /** Lens titles per match, with the comparison they were built with. */
  private readonly lensCache = new WeakMap<
    FileMatch,
    { baseline: BaselineIndex | undefined; lenses: InlineLens[] }
  >();
  /** The last A/B comparison (`perflens/compare`): lenses show the change vs its baseline. */
  private baseline: BaselineIndex | undefined;
  /**
   * The last match per file, reused while the document, the source, the settings and the parsed
   * files stay the same.
   */
  private readonly matches = new Map<
    string,
    {
      doc: ParsedDocument;
      source: InlineSource;
      settings: ServerSettings;
      generation: number;
      match: FileMatch;
    }
  >();

  setSource(source: InlineSource): void {
    this.source = source;
  }

  /**
   * A live run's counters so far become the lenses' counters (the run's CPU costs stay when the
   * run itself is the loaded source; a profile is written only at the end). Returns whether any
   * number a lens could show changed — only then are the editors asked to redraw.
   */
  followCounters(runDir: string, run: CounterRun, now = Date.now()): boolean {
    const counters = counterFactsOfRun(run);
    const previous = this.source;
    if (
      previous?.path === runDir &&
      previous.counterProcesses === run.processes.length &&
      sameCounters(previous.counters, counters)
    )
      return false;
    this.source = {
      path: runDir,
      dataTime: now,
      wallClockMs: run.wallClockMs,
      ...(previous?.path === runDir && previous.costs ? { costs: previous.costs } : {}),
      counters,
      counterProcesses: run.processes.length,
    };
    return true;
  }

  /** Keeps the comparison the lenses show their change against (undefined: none). */
  setComparison(comparison: Comparison | undefined): void {
    this.baseline = comparison ? new BaselineIndex(comparison) : undefined;
  }

  get comparison(): Comparison | undefined {
    return this.baseline?.comparison;
  }

  clear(): void {
    this.source = undefined;
    this.baseline = undefined;
  }

  get current(): InlineSource | undefined {
    return this.source;
  }

  /** Parses (or reuses) the document and matches the current source against it. */
  async match(
    fsPath: string,
    open: OpenText | undefined,
  ): Promise<{ doc: ParsedDocument; match: FileMatch } | undefined> {
    const source = this.source;
    if (!source) return undefined;
    const path = canonicalPath(fsPath);
    const doc = await this.documents.get(path, open, this.settings);
    if (!doc) return undefined;
    const generation = this.documents.generation;
    const others = this.documents.parsed().filter((d) => d.path !== path);
    const cached = this.matches.get(path);
    if (
      cached &&
      cached.doc === doc &&
      cached.source === source &&
      cached.settings === this.settings &&
      cached.generation === generation
    )
      return { doc, match: cached.match };
    const costs = source.costs;
    const elsewhere = callSitesIn(
      others,
      costs ? (d) => this.sampledIn(d, source, costs) : undefined,
    );
    const match = matchFunctions({
      path,
      language: doc.language,
      functions: doc.functions,
      ...(source.costs ? { costs: source.costs } : {}),
      counters: source.counters,
      counterMap: this.settings.counterMap,
      recordedElsewhere: elsewhere,
    });
    this.matches.set(path, { doc, source, settings: this.settings, generation, match });
    return { doc, match };
  }

  /** Which functions of another parsed document ran, per source (cached with the document). */
  private readonly sampledCache = new WeakMap<
    ParsedDocument,
    { source: InlineSource; sampled: ReadonlySet<number> }
  >();

  private sampledIn(
    doc: ParsedDocument,
    source: InlineSource,
    costs: InlineCosts,
  ): ReadonlySet<number> {
    const cached = this.sampledCache.get(doc);
    if (cached?.source === source) return cached.sampled;
    const sampled = sampledFunctions({
      path: doc.path,
      language: doc.language,
      functions: doc.functions,
      costs,
    });
    this.sampledCache.set(doc, { source, sampled });
    return sampled;
  }

  /**
   * A document the editor closed: its parse and match are dropped (the editor's unsaved text must
   * not speak for the file any more; the file on disk is parsed again when asked).
   */
  forget(fsPath: string): void {
    const path = canonicalPath(fsPath);
    this.documents.forget(path);
    this.matches.delete(path);
  }

  /** Whether a function gets a lens: a matched counter, or CPU total at or above the threshold. */
  lensed(m: FunctionMeasure): boolean {
    if (m.fn.anonymous) return false;
    if (m.counters.length > 0) return true;
    return (
      m.cpu !== undefined &&
      m.cpu.totalPct >= this.settings.codeLens.thresholdPercent &&
      m.cpu.totalPct > 0
    );
  }

  async lenses(fsPath: string, open: OpenText | undefined): Promise<InlineLens[]> {
    if (!this.settings.codeLens.enabled) return [];
    const r = await this.match(fsPath, open);
    if (!r) return [];
    // Titles change only with the match (document, source, settings) and the comparison: build
    // them once for each.
    const baseline = this.baseline;
    const built = this.lensCache.get(r.match);
    if (built && built.baseline === baseline) return built.lenses;
    const lenses = r.match.measures
      .filter((m) => this.lensed(m))
      .map((m) => ({
        line: m.fn.line,
        title: lensTitle(
          m,
          this.source?.costs,
          this.source?.counterProcesses,
          this.changeOf(fsPath, m),
        ),
        fn: { name: m.fn.name, ...(m.fn.owner ? { owner: m.fn.owner } : {}), line: m.fn.line },
      }));
    this.lensCache.set(r.match, { baseline, lenses });
    return lenses;
  }

  private changeOf(fsPath: string, m: FunctionMeasure): BaselineChange | undefined {
    return this.baseline
      ? baselineChange(this.baseline, canonicalPath(fsPath), m.fn, m.counters[0]?.counter)
      : undefined;
  }

  /** Hover Markdown for the function declared on `line` (1-based), if it has measurements. */
  async hover(
    fsPath: string,
    open: OpenText | undefined,
    line: number,
    now = Date.now(),
  ): Promise<string | undefined> {
    if (!this.settings.codeLens.enabled) return undefined;
    const r = await this.match(fsPath, open);
    const source = this.source;
    if (!r || !source) return undefined;
    const m = r.match.measures.find((x) => !x.fn.anonymous && x.fn.line === line);
    return m ? hoverMarkdown(m, source.costs, source, now, this.changeOf(fsPath, m)) : undefined;
  }

  /**
   * Self cost per line of the file from `positionTicks`, with its share of the profile. A tick on
   * a line outside the function it was counted in (a source map that put it on a bracket or in
   * another function) is dropped, by the document's parsed function spans.
   */
  async lineHeat(
    fsPath: string,
    open: OpenText | undefined,
  ): Promise<{ line: number; self: number; ticks: number; pct: number }[]> {
    const costs = this.source?.costs;
    if (!costs) return [];
    const path = canonicalPath(fsPath);
    const name = path.split('/').pop();
    const file = bestSuffixMatch(
      path,
      [...costs.lines.keys()].filter((f) => f.split('/').pop() === name),
    );
    const entries = file ? costs.lines.get(file) : undefined;
    if (!entries) return [];
    const doc = await this.documents.get(path, open, this.settings);
    const byLine = new Map<number, { self: number; ticks: number }>();
    for (const e of entries) {
      if (doc && !insideOwnFunction(e, doc.functions)) continue;
      const sum = byLine.get(e.line) ?? { self: 0, ticks: 0 };
      sum.self += e.self;
      sum.ticks += e.ticks;
      byLine.set(e.line, sum);
    }
    return [...byLine].map(([line, e]) => ({
      line,
      self: e.self,
      ticks: e.ticks,
      pct: costs.totalWeight > 0 ? (e.self / costs.totalWeight) * 100 : 0,
    }));
  }
}

/**
 * Whether a line's ticks lie within the function they were counted in: the innermost parsed
 * function around the ticking frame's start. A frame no parsed function holds (module code) keeps
 * its ticks.
 */
function insideOwnFunction(e: LineHeatCost, functions: readonly SourceFunction[]): boolean {
  const at = e.function;
  if (!at) return true;
  const column = at.column ?? 1;
  let own: SourceFunction | undefined;
  for (const f of functions) {
    const starts = f.line < at.line || (f.line === at.line && f.column <= column);
    const ends = f.endLine > at.line || (f.endLine === at.line && f.endColumn >= column);
    if (
      starts &&
      ends &&
      (!own || f.line > own.line || (f.line === own.line && f.column > own.column))
    )
      own = f;
  }
  return !own || (e.line >= own.line && e.line <= own.endLine);
}

function sameCounters(a: readonly CounterFacts[], b: readonly CounterFacts[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      return (
        x.name === y.name &&
        x.count === y.count &&
        x.totalMs === y.totalMs &&
        x.maxMs === y.maxMs &&
        x.shareOfWallClock === y.shareOfWallClock
      );
    })
  );
}

/**
 * Where other parsed files record each counter (literal names indexed, template patterns scanned),
 * and whether each recorder has CPU samples (`sampledIn`; unknown without a profile).
 */
function callSitesIn(
  docs: readonly ParsedDocument[],
  sampledIn: ((doc: ParsedDocument) => ReadonlySet<number>) | undefined,
): (counter: string) => readonly Recorder[] {
  const literal = new Map<string, Recorder[]>();
  const patterns: { site: CounterCallSite; recorder: Recorder }[] = [];
  for (const d of docs) {
    const sampled = sampledIn?.(d);
    d.functions.forEach((f, i) => {
      if (f.anonymous) return;
      const recorder: Recorder = {
        label: `${functionLabel(f)} (${d.path.split('/').pop()}:${f.line})`,
        ...(sampled ? { sampled: sampled.has(i) } : {}),
      };
      for (const site of f.counterCalls) {
        if (site.pattern) patterns.push({ site, recorder });
        else {
          const l = literal.get(site.name) ?? [];
          if (!l.some((r) => r.label === recorder.label)) l.push(recorder);
          literal.set(site.name, l);
        }
      }
    });
  }
  return (counter) => {
    const out = [...(literal.get(counter) ?? [])];
    for (const p of patterns)
      if (callSiteRecords(p.site, counter) && !out.some((r) => r.label === p.recorder.label))
        out.push(p.recorder);
    return out;
  };
}

/**
 * One language-server session: wires LSP handlers to the loaded sources and the inline costs.
 *
 * Every handler catches its own failures and answers with an error or an empty result:
 * bad input must never take the server down (DESIGN.md, "Standards").
 */
import type { CodeLens, Connection, Hover } from 'vscode-languageserver/node';
import { TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import {
  Status,
  OpenSource,
  SourcesChanged,
  DidChangeSettings,
  FollowRun,
  LocateNative,
  LiveRunData,
  RunProgress,
  FinishRun,
  FlameDataRequest,
  Compare,
  ClearInlineCosts,
  LineHeatRequest,
  type FunctionIdentity,
  type LoadedSourceInfo,
  Markdown,
  type ServerStatus,
} from '../../protocol/server';
import { SettingsHolder } from './settings';
import { RunFollower } from '../live/runFollower';
import { markdownDocument } from '../../engine/format/markdownTable';
import { buildFlameData } from '../views/flameData';
import { InlineCostsService, type InlineLens, type OpenText } from './inlineCosts';
import { HeavyWork } from '../worker/heavyWork';
import { PERFLENS_VERSION } from '../../protocol/version';
import { canonicalPath } from './canonicalPath';
import { locateNative, type ParsedRustFile } from '../../engine/inline/locateNative';

/** The editor's path of a document URI, or undefined for schemes without one (untitled, git). */
function fsPathOf(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' || parsed.scheme === 'vscode-remote' ? parsed.fsPath : undefined;
}

/**
 * `workerFile`: the bundle the heavy jobs' worker thread runs (the server's own); undefined runs
 * them in-thread.
 */
export function startServer(
  connection: Connection,
  transport: ServerStatus['transport'],
  workerFile?: string,
): void {
  const documents = new TextDocuments(TextDocument);
  const heavy = new HeavyWork(workerFile);
  const inline = new InlineCostsService((job) => heavy.parse(job));
  const startedAt = Date.now();
  /** Sources opened so far, by path (the newest one feeds the inline costs). */
  const sources = new Map<string, LoadedSourceInfo>();
  /** What the extension's settings ask of the server (codeLens.*, counters), applied live. */
  const settings = new SettingsHolder();

  const openText = (uri: string): OpenText | undefined => {
    const d = documents.get(uri);
    return d ? { text: d.getText(), version: d.version } : undefined;
  };
  const refreshLenses = (): void => {
    void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  };

  connection.onInitialize(({ initializationOptions }) => {
    settings.init((initializationOptions as { settings?: unknown } | undefined)?.settings);
    inline.settings = settings.current;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeLensProvider: { resolveProvider: false },
        hoverProvider: true,
      },
      serverInfo: { name: 'perflens', version: PERFLENS_VERSION },
    };
  });

  connection.onNotification(DidChangeSettings.type, (p) => settings.set(p.settings));
  // Settings change what CodeLens show: have the client ask again in every open editor.
  settings.onDidChange((current) => {
    inline.settings = current;
    refreshLenses();
  });

  connection.onRequest(Status.type, (): ServerStatus => ({
    serverVersion: PERFLENS_VERSION,
    pid: process.pid,
    nodeVersion: process.version,
    transport,
    uptimeMs: Date.now() - startedAt,
    loadedSources: [...sources.values()],
    settings: settings.current,
  }));

  // One round trip: read the source once, group its costs for CodeLens, answer with its view.
  // The reading and grouping run on the worker thread: lenses of parsed files keep answering.
  connection.onRequest(OpenSource.type, async ({ path, top, withPanelData }) => {
    const loaded = await heavy.loadSource({
      path,
      ...(top !== undefined ? { top } : {}),
      ...(withPanelData !== undefined ? { withPanelData } : {}),
    });
    inline.setSource(loaded.inline);
    sources.set(path, loaded.info);
    void connection.sendNotification(SourcesChanged.type, { sources: [...sources.values()] });
    // Ask the client to re-query CodeLens in every open editor: new costs may land anywhere.
    refreshLenses();
    return loaded.view;
  });

  connection.onRequest(ClearInlineCosts.type, () => {
    inline.clear();
    refreshLenses();
  });

  // Live runs: the extension host runs the tree and writes script.log; the parsing is done here.
  const followers = new Map<string, RunFollower>();
  const followerFor = (runDir: string): RunFollower => {
    let f = followers.get(runDir);
    if (!f) {
      f = new RunFollower({
        runDir,
        onProgress: (p) => void connection.sendNotification(RunProgress.type, p),
        // Lenses follow the run: at most once a second, and only when a number changed.
        onCounters: (run) => {
          if (inline.followCounters(runDir, run)) refreshLenses();
        },
        onData: (update) => void connection.sendNotification(LiveRunData.type, { runDir, update }),
      });
      followers.set(runDir, f);
    }
    return f;
  };
  connection.onRequest(FollowRun.type, ({ runDir }) => followerFor(runDir).start());
  connection.onRequest(FinishRun.type, async ({ runDir }) => {
    // Also works for a run this server never followed (it was restarted): read it whole now.
    try {
      return await followerFor(runDir).finish();
    } finally {
      followers.delete(runDir);
    }
  });
  connection.onShutdown(() => {
    for (const f of followers.values()) f.stop();
    heavy.dispose();
  });
  connection.onRequest(LocateNative.type, async ({ frame, files }) => {
    const parsed: ParsedRustFile[] = [];
    for (const file of files.slice(0, 5000)) {
      const doc = await inline.documents.get(canonicalPath(file), undefined, settings.current);
      if (doc?.language === 'rust') parsed.push({ path: doc.path, functions: doc.functions });
    }
    const found = locateNative(frame, parsed).map((l) => ({
      file: l.path,
      line: l.line,
      column: l.column,
    }));
    const what = `${frame.owner ? `${frame.owner}::` : ''}${frame.name}${frame.modulePath ? ` (in ${frame.modulePath})` : ''}`;
    return found.length
      ? { found }
      : { found, reason: `no fn ${what} in the ${parsed.length} Rust file(s) of the workspace` };
  });
  connection.onRequest(Markdown.type, ({ tables }) => markdownDocument(tables));

  connection.onRequest(FlameDataRequest, ({ path, cacheDir }) => buildFlameData(path, cacheDir));

  // The last comparison stays in the session: lenses show each function's change vs its baseline.
  connection.onRequest(Compare.type, async (p) => {
    const { result, comparison } = await heavy.compare(p);
    if (comparison) {
      inline.setComparison(comparison);
      refreshLenses();
    }
    return result;
  });

  connection.onRequest(LineHeatRequest.type, ({ uri }) => {
    const path = fsPathOf(uri);
    return {
      unit: inline.current?.costs?.unit ?? 'ms',
      lines: path ? inline.lineHeat(path) : [],
    };
  });

  // The wire form of a file's lenses, built once per set of lenses (they are rebuilt only when the
  // document, the source or the settings change): a repeated request allocates nothing new.
  const wireLenses = new WeakMap<readonly InlineLens[], { path: string; lenses: CodeLens[] }>();
  connection.onCodeLens(async ({ textDocument }): Promise<CodeLens[]> => {
    const path = fsPathOf(textDocument.uri);
    if (!path) return [];
    try {
      const source = inline.current?.path ?? '';
      const lenses = await inline.lenses(path, openText(textDocument.uri));
      const cached = wireLenses.get(lenses);
      if (cached && cached.path === path) return cached.lenses;
      const wire = lenses.map((l): CodeLens => {
        const line = Math.max(0, l.line - 1);
        const identity: FunctionIdentity = { ...l.fn, file: path, source };
        return {
          range: { start: { line, character: 0 }, end: { line, character: 0 } },
          command: { title: l.title, command: 'perflens.showFunction', arguments: [identity] },
        };
      });
      wireLenses.set(lenses, { path, lenses: wire });
      return wire;
    } catch (err) {
      connection.console.error(`perflens: CodeLens failed for ${textDocument.uri}: ${String(err)}`);
      return [];
    }
  });

  connection.onHover(async ({ textDocument, position }): Promise<Hover | null> => {
    const path = fsPathOf(textDocument.uri);
    if (!path) return null;
    try {
      const md = await inline.hover(path, openText(textDocument.uri), position.line + 1);
      return md ? { contents: { kind: 'markdown', value: md } } : null;
    } catch (err) {
      connection.console.error(`perflens: hover failed for ${textDocument.uri}: ${String(err)}`);
      return null;
    }
  });

  documents.listen(connection);
  connection.listen();
}

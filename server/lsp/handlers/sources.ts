/**
 * Sources: opening one (its view and its inline costs), clearing the costs, its flame data, a
 * panel row's Rust frame located in the workspace, and Copy as Markdown of its tables.
 */
import {
  ClearInlineCosts,
  FlameDataRequest,
  LocateCounter,
  LocateNative,
  Markdown,
  OpenSource,
  SourcesChanged,
} from '../../../protocol/server';
import { markdownDocument } from '../../../engine/format/markdownTable';
import { locateNative, type ParsedRustFile } from '../../../engine/inline/locateNative';
import { buildFlameData } from '../../views/flameData';
import { canonicalPath } from '../canonicalPath';
import type { ParsedDocument } from '../documentFunctions';
import { counterSitesIn } from '../locateCounter';
import type { SessionContext } from '../sessionContext';

/** At most this many workspace files are parsed to locate one native frame or counter. */
const LOCATE_FILES_MAX = 5000;

export function registerSourceHandlers(ctx: SessionContext): void {
  const { connection, heavy, inline, sources } = ctx;

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
    ctx.refreshLenses();
    return loaded.view;
  });

  connection.onRequest(ClearInlineCosts.type, () => {
    inline.clear();
    ctx.refreshLenses();
  });

  connection.onRequest(LocateNative.type, async ({ frame, files }) => {
    const parsed: ParsedRustFile[] = [];
    for (const file of files.slice(0, LOCATE_FILES_MAX)) {
      const doc = await inline.documents.get(canonicalPath(file), undefined, ctx.settings.current);
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

  // Parsed with the current settings (callees, macros) and kept: a second look-up parses nothing.
  connection.onRequest(LocateCounter.type, async ({ name, files }) => {
    const parsed: ParsedDocument[] = [];
    for (const file of files.slice(0, LOCATE_FILES_MAX)) {
      const doc = await inline.documents.get(canonicalPath(file), undefined, ctx.settings.current);
      if (doc) parsed.push(doc);
    }
    const found = counterSitesIn(parsed, name);
    const { counterCallees, rustCounterMacros } = ctx.settings.current;
    const callees = [...counterCallees, ...rustCounterMacros.map((m) => `${m}!`)].join(', ');
    return found.length
      ? { found }
      : {
          found,
          reason: `no call site naming '${name}' (${callees}) in the ${parsed.length} source file(s) of the workspace`,
        };
  });

  connection.onRequest(Markdown.type, ({ tables }) => markdownDocument(tables));

  connection.onRequest(FlameDataRequest, ({ path, cacheDir }) => buildFlameData(path, cacheDir));
}

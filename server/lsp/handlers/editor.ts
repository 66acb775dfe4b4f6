/**
 * What open editors ask of a document: CodeLens, hover and line heat; a closed document's parse
 * is forgotten. Every handler catches its
 * own failures and answers with an empty result: a bad document must not take the server down.
 */
import type { CodeLens, Hover, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { LineHeatRequest, type FunctionIdentity } from '../../../protocol/server';
import type { InlineLens, OpenText } from '../inlineCosts';
import type { SessionContext } from '../sessionContext';

/** The editor's path of a document URI, or undefined for schemes without one (untitled, git). */
function fsPathOf(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' || parsed.scheme === 'vscode-remote' ? parsed.fsPath : undefined;
}

/** A lens as CodeLens carries it: its title runs perflens.showFunction on its function. */
function wireLens(l: InlineLens, path: string, source: string): CodeLens {
  const line = Math.max(0, l.line - 1);
  const identity: FunctionIdentity = { ...l.fn, file: path, source };
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    command: { title: l.title, command: 'perflens.showFunction', arguments: [identity] },
  };
}

export function registerEditorHandlers(
  ctx: SessionContext,
  documents: TextDocuments<TextDocument>,
): void {
  const { connection, inline } = ctx;
  const openText = (uri: string): OpenText | undefined => {
    const d = documents.get(uri);
    return d ? { text: d.getText(), version: d.version } : undefined;
  };

  documents.onDidClose(({ document }) => {
    const path = fsPathOf(document.uri);
    if (path) inline.forget(path);
  });

  connection.onRequest(LineHeatRequest.type, async ({ uri }) => {
    const path = fsPathOf(uri);
    const unit = inline.current?.costs?.unit ?? 'ms';
    try {
      return { unit, lines: path ? await inline.lineHeat(path, openText(uri)) : [] };
    } catch (err) {
      connection.console.error(`perflens: line heat failed for ${uri}: ${String(err)}`);
      return { unit, lines: [] };
    }
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
      const wire = lenses.map((l) => wireLens(l, path, source));
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
}

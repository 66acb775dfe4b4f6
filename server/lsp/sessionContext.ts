/**
 * What every group of a session's LSP handlers shares: the connection, the worker that does the
 * heavy jobs, the inline costs, the settings and the sources opened so far. One object, so the
 * handler files (`handlers/`) each register one concern without passing six arguments around.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { LoadedSourceInfo } from '../../protocol/server';
import type { HeavyWork } from '../worker/heavyWork';
import type { InlineCostsService } from './inlineCosts';
import type { SettingsHolder } from './settings';

export interface SessionContext {
  readonly connection: Connection;
  readonly heavy: HeavyWork;
  readonly inline: InlineCostsService;
  /** What the extension's settings ask of the server (codeLens.*, counters), applied live. */
  readonly settings: SettingsHolder;
  /** Sources opened so far, by path (the newest one feeds the inline costs). */
  readonly sources: Map<string, LoadedSourceInfo>;
  /** Has the client ask again for CodeLens in every open editor (new costs may land anywhere). */
  refreshLenses(): void;
}

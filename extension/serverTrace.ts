/**
 * The channel the language client traces its messages to, and the one thing that decides
 * whether it traces: `perflens.trace.server`.
 *
 * Why by hand: vscode-languageclient (10+) traces only while its trace channel's log level is
 * Trace, and then reads `trace.server` only to choose between messages and verbose (its 'off'
 * counts as 'messages'). With the PerfLens channel at its usual Info level the setting did
 * nothing. This channel reports the Trace level exactly when the setting is not 'off', so the
 * setting does what it says; the lines land in the PerfLens output channel, and the newest are
 * kept for the Language Server Status view and tests.
 */
import * as vscode from 'vscode';
import type { ServerTraceSetting } from './settings';

const KEPT_LINES = 500;

export class ServerTraceChannel implements vscode.LogOutputChannel {
  private level: vscode.LogLevel;
  private readonly levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  readonly onDidChangeLogLevel = this.levelChanged.event;
  private readonly kept: string[] = [];
  /** Trace lines written since start (the newest KEPT_LINES are in `recentLines`). */
  written = 0;

  constructor(
    private readonly output: vscode.LogOutputChannel,
    setting: ServerTraceSetting,
  ) {
    this.level = ServerTraceChannel.levelOf(setting);
  }

  private static levelOf(setting: ServerTraceSetting): vscode.LogLevel {
    return setting === 'off' ? vscode.LogLevel.Off : vscode.LogLevel.Trace;
  }

  /** A changed `perflens.trace.server`: the client re-reads it on the level event. */
  apply(setting: ServerTraceSetting): void {
    const level = ServerTraceChannel.levelOf(setting);
    if (level === this.level) return;
    this.level = level;
    this.levelChanged.fire(level);
  }

  get name(): string {
    return this.output.name;
  }
  get logLevel(): vscode.LogLevel {
    return this.level;
  }

  recentLines(): readonly string[] {
    return this.kept;
  }

  private write(line: string): void {
    this.written++;
    this.kept.push(line);
    if (this.kept.length > KEPT_LINES) this.kept.splice(0, this.kept.length - KEPT_LINES);
    this.output.info(`[server trace] ${line}`);
  }

  trace(message: string): void {
    if (this.level === vscode.LogLevel.Trace) this.write(message);
  }
  debug(message: string, ...args: unknown[]): void {
    this.output.debug(message, ...args);
  }
  info(message: string, ...args: unknown[]): void {
    this.output.info(message, ...args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.output.warn(message, ...args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.output.error(error, ...args);
  }
  append(value: string): void {
    this.output.append(value);
  }
  appendLine(value: string): void {
    this.output.appendLine(value);
  }
  replace(value: string): void {
    this.output.replace(value);
  }
  clear(): void {
    this.output.clear();
  }
  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(a?: boolean | vscode.ViewColumn, b?: boolean): void {
    if (typeof a === 'boolean' || a === undefined) this.output.show(a);
    else this.output.show(a, b);
  }
  hide(): void {
    this.output.hide();
  }
  dispose(): void {
    this.levelChanged.dispose();
  }
}

/**
 * The settings this server applies, as the extension last sent them (`initializationOptions`,
 * then `perflens/didChangeSettings`). They come from another process, so they are checked here,
 * where they enter: a missing or malformed field keeps its default.
 */
import { DEFAULT_SERVER_SETTINGS, type ServerSettings } from '../../protocol/server';

export function serverSettingsFrom(raw: unknown): ServerSettings {
  const codeLens = (raw as { codeLens?: { enabled?: unknown } } | null | undefined)?.codeLens;
  return {
    codeLens: {
      enabled:
        typeof codeLens?.enabled === 'boolean'
          ? codeLens.enabled
          : DEFAULT_SERVER_SETTINGS.codeLens.enabled,
    },
  };
}

/** The current settings and who wants to hear when they change. */
export class SettingsHolder {
  private value: ServerSettings = DEFAULT_SERVER_SETTINGS;
  private readonly listeners: Array<(s: ServerSettings, previous: ServerSettings) => void> = [];

  get current(): ServerSettings {
    return this.value;
  }

  /** The settings the server starts with (`initializationOptions`): nobody is told. */
  init(raw: unknown): void {
    this.value = serverSettingsFrom(raw);
  }

  /** New settings from the client: listeners hear of it (to refresh what they show). */
  set(raw: unknown): void {
    const previous = this.value;
    this.value = serverSettingsFrom(raw);
    for (const l of this.listeners) l(this.value, previous);
  }

  onDidChange(listener: (s: ServerSettings, previous: ServerSettings) => void): void {
    this.listeners.push(listener);
  }
}

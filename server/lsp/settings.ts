/**
 * The settings this server applies, as the extension last sent them (`initializationOptions`,
 * then `perflens/didChangeSettings`). They come from another process, so they are checked here,
 * where they enter: a missing or malformed field keeps its default.
 */
import { DEFAULT_SERVER_SETTINGS, type ServerSettings } from '../../protocol/server';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const strings = (v: unknown, fallback: readonly string[]): readonly string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : fallback;

export function serverSettingsFrom(raw: unknown): ServerSettings {
  const section = isRecord(raw) ? raw : {};
  const codeLens = isRecord(section.codeLens) ? section.codeLens : {};
  const threshold = codeLens.thresholdPercent;
  const counterMap: Record<string, string> = {};
  if (isRecord(section.counterMap))
    for (const [k, v] of Object.entries(section.counterMap))
      if (typeof v === 'string') counterMap[k] = v;
  return {
    codeLens: {
      enabled:
        typeof codeLens.enabled === 'boolean'
          ? codeLens.enabled
          : DEFAULT_SERVER_SETTINGS.codeLens.enabled,
      thresholdPercent:
        typeof threshold === 'number' && Number.isFinite(threshold) && threshold >= 0
          ? threshold
          : DEFAULT_SERVER_SETTINGS.codeLens.thresholdPercent,
    },
    counterMap,
    counterCallees: strings(section.counterCallees, DEFAULT_SERVER_SETTINGS.counterCallees),
    rustCounterMacros: strings(
      section.rustCounterMacros,
      DEFAULT_SERVER_SETTINGS.rustCounterMacros,
    ),
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

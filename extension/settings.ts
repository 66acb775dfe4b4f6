/**
 * PerfLens settings, normalised once at the edge (after vscode-eslint's `settings.ts`).
 */
export interface Settings {
  readonly codeLensEnabled: boolean;
}

/** Settings whose change needs the language server restarted. */
export const SETTINGS_NEEDING_RESTART: readonly string[] = ['perflens.trace.server'];

interface ConfigurationLike {
  get<T>(section: string): T | undefined;
}

export function readSettings(config: ConfigurationLike): Settings {
  return {
    codeLensEnabled: config.get<boolean>('codeLens.enabled') !== false,
  };
}

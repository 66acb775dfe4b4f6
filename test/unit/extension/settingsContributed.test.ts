/**
 * The settings PerfLens contributes (package.json `contributes.configuration`) and the ones it
 * reads are the same keys, and a missing value means the contributed default: the manifest is
 * the reference here, read from disk, not the code's own defaults.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRunSettings, readSettings, type ConfigurationLike } from '../../../extension/settings';

interface Contributed {
  readonly default: unknown;
  readonly scope?: string;
}
const manifest = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'),
);
const sections = [manifest.contributes.configuration].flat() as {
  properties: Record<string, Contributed>;
}[];
/** `codeLens.enabled` → its contribution (the `perflens.` prefix taken off). */
const contributed = new Map(
  sections.flatMap((s) =>
    Object.entries(s.properties).map(([k, v]) => [k.replace(/^perflens\./, ''), v] as const),
  ),
);

/** A configuration that records every key asked of it and answers from `values`. */
function recording(
  values: ReadonlyMap<string, unknown>,
): ConfigurationLike & { asked: Set<string> } {
  const asked = new Set<string>();
  return {
    asked,
    get: <T>(key: string) => {
      asked.add(key);
      return values.get(key) as T | undefined;
    },
  };
}

describe('settings against package.json', () => {
  it('every contributed key is read, and nothing is read that is not contributed', () => {
    const config = recording(new Map());
    readSettings(config);
    assert.ok(contributed.size >= 20, `${contributed.size} contributed settings`);
    assert.deepEqual([...config.asked].sort(), [...contributed.keys()].sort());
  });

  it('a missing value reads as the contributed default', () => {
    const defaults = new Map([...contributed].map(([k, v]) => [k, v.default]));
    assert.deepEqual(readSettings(recording(new Map())), readSettings(recording(defaults)));
  });

  it('the run settings VS Code keeps per folder (scope "resource") are read through the folder section', () => {
    // readRunSettings reads `perflens.run` of one folder; what it asks must be the run keys.
    const config = recording(new Map());
    readRunSettings(config);
    const runKeys = [...contributed.keys()]
      .filter((k) => k.startsWith('run.') && k !== 'run.openLatestOnStartup')
      .map((k) => k.slice('run.'.length));
    assert.deepEqual([...config.asked].sort(), runKeys.sort());
    for (const k of ['command', 'args', 'cwd', 'env', 'outputDir'])
      assert.equal(contributed.get(`run.${k}`)?.scope, 'resource', `run.${k} is per folder`);
  });
});

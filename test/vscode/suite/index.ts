/**
 * Mocha suite that runs INSIDE the real VS Code extension host (loaded through the workbench's
 * test payload, see test/vscode/extensionHost.test.ts). It can use the `vscode` API directly,
 * but not see the webview's DOM: it asserts through messages the panel reports.
 */
import { newMocha, runMocha } from './runMocha';

export function run(): Promise<void> {
  const mocha = newMocha();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after pre-require
  require('./activation.test');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./run.test');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./settings.test');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./compare.test');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./problems.test');
  return runMocha(mocha);
}

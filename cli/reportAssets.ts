/**
 * The panel's built UI (dist/webview) for `report --html`: the bundle, uPlot's stylesheet, the
 * codicon stylesheet with its font inlined, and the panel's stylesheet. Found beside the CLI
 * bundle (dist/cli.js → dist/webview), or in dist/ of a checkout when run from source.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inlineCodiconFont, type ReportAssets } from '../engine/report/htmlReport';

export function webviewDir(): string | undefined {
  for (const dir of [
    resolve(__dirname, 'webview'),
    resolve(__dirname, '..', 'dist', 'webview'),
    resolve(__dirname, '..', '..', 'dist', 'webview'),
  ])
    if (existsSync(join(dir, 'main.js'))) return dir;
  return undefined;
}

export function readReportAssets(dir: string): ReportAssets {
  const text = (f: string): string => readFileSync(join(dir, f), 'utf8');
  return {
    script: text('main.js').replace(/\n\/\/# sourceMappingURL=.*$/m, ''),
    styles: [
      text('uPlot.min.css'),
      inlineCodiconFont(
        text('codicons/codicon.css'),
        readFileSync(join(dir, 'codicons', 'codicon.ttf')),
      ),
      text('main.css'),
    ],
  };
}

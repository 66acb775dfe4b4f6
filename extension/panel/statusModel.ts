/**
 * Turns the server's status into what the panel shows. Pure: no `vscode`.
 */
import type { ServerStatus } from '../../protocol/server';
import { sourceWarningOf } from '../../protocol/diagnostics';
import type { PanelModel } from '../../protocol/webview';

export function statusPanelModel(status: ServerStatus): PanelModel {
  return {
    title: 'PerfLens',
    facts: [
      {
        label: 'Language server',
        value: `${status.serverVersion} · pid ${status.pid} · ${status.transport} · Node ${status.nodeVersion}`,
      },
      { label: 'Sources loaded', value: String(status.loadedSources.length) },
    ],
    tables: [
      {
        title: 'Loaded sources',
        basis: `${status.loadedSources.length} source(s) held by the language server`,
        columns: ['Path', 'Kind', 'Functions'],
        rows: status.loadedSources.map((s) => [s.path, s.kind, s.functionCount]),
      },
    ],
    diagnostics: status.loadedSources.flatMap((s) => s.diagnostics.map(sourceWarningOf)),
  };
}

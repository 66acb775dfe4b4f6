/**
 * The PerfLens webview page: one store fed by typed `ToWebview` messages, drawn by Preact.
 *
 * Everything from a profile or a log is untrusted text: Preact renders it as text nodes and
 * attribute values, never as HTML (no dangerouslySetInnerHTML anywhere in webview/).
 */
import { parseToWebview } from '../protocol/webview';
import type { SourceData } from '../protocol/sourceData';
import { App } from './App';
import { focusFunction, getState, receiveLive, receiveSource, setState, subscribed } from './store';
import { vscode } from './vscodeApi';
import { mountPage } from './mountPage';

function countRows(): { tables: number; rows: number } {
  return {
    tables: document.querySelectorAll('table, .vlist').length,
    rows: document.querySelectorAll('tbody tr, .vrow').length,
  };
}

function rendered(): void {
  requestAnimationFrame(() => vscode.postMessage({ type: 'rendered', ...countRows() }));
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseToWebview(event.data);
  if (!message) return;
  if (message.type === 'show') setState({ generic: message.model, data: undefined });
  else if (message.type === 'source') receiveSource(message.data, message.live);
  else if (message.type === 'live') receiveLive(message.path, message.update);
  else if (message.type === 'focus') focusFunction(message.fn);
  else setState({ notice: { text: message.text, error: message.error } });
  if (message.type !== 'notice') rendered();
});

mountPage(<App />, { getState, setState, subscribed }, () => vscode.postMessage({ type: 'ready' }));

// The self-contained HTML report carries its data in a non-executable JSON block.
const embedded = document.getElementById('perflens-data');
if (embedded?.textContent) {
  receiveSource(JSON.parse(embedded.textContent) as SourceData, false);
}

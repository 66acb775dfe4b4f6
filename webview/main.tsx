/**
 * The PerfLens webview page: one store fed by typed `ToWebview` messages, drawn by Preact.
 *
 * Everything from a profile or a log is untrusted text: Preact renders it as text nodes and
 * attribute values, never as HTML (no dangerouslySetInnerHTML anywhere in webview/).
 */
import { render } from 'preact';
import { parseToWebview } from '../protocol/webview';
import type { SourceData } from '../protocol/sourceData';
import { App } from './App';
import { getState, receiveLive, receiveSource, setState, subscribed } from './store';
import { vscode } from './vscodeApi';

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
  else setState({ notice: { text: message.text, error: message.error } });
  if (message.type !== 'notice') rendered();
});

// VS Code swaps the body's theme class (vscode-dark, vscode-light, vscode-high-contrast…):
// charts read colours from CSS variables, so they are drawn again.
new MutationObserver(() => setState({ theme: getState().theme + 1 })).observe(document.body, {
  attributes: true,
  attributeFilter: ['class'],
});

const root = document.getElementById('perflens-root')!;
root.replaceChildren();
render(<App />, root);

// The self-contained HTML report carries its data in a non-executable JSON block.
const embedded = document.getElementById('perflens-data');
if (embedded?.textContent) {
  receiveSource(JSON.parse(embedded.textContent) as SourceData, false);
}

// Only once the page listens to its store: data that came earlier would draw nothing.
void subscribed.then(() => vscode.postMessage({ type: 'ready' }));

/**
 * The Compare page (A/B): one store fed by typed `ToCompare` messages, drawn by Preact.
 * Metric names, failing assertions and warnings come from logs and profiles: they are rendered
 * as text nodes, never as HTML.
 */
import { render } from 'preact';
import { parseToCompare } from '../../protocol/compareView';
import { post } from './host';
import { CompareApp } from './CompareApp';
import { getState, setState, subscribed } from './store';

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseToCompare(event.data);
  if (!message) return;
  if (message.type === 'compare') {
    setState({ data: message.data, notice: undefined });
    requestAnimationFrame(() =>
      post({ type: 'rendered', rows: document.querySelectorAll('tbody tr').length }),
    );
  } else setState({ notice: { text: message.text, error: message.error } });
});

new MutationObserver(() => setState({ theme: getState().theme + 1 })).observe(document.body, {
  attributes: true,
  attributeFilter: ['class'],
});

const root = document.getElementById('perflens-root')!;
root.replaceChildren();
render(<CompareApp />, root);
// Only once the page listens to its store: data that came earlier would draw nothing.
void subscribed.then(() => post({ type: 'ready' }));

/**
 * The Compare page (A/B): one store fed by typed `ToCompare` messages, drawn by Preact.
 * Metric names, failing assertions and warnings come from logs and profiles: they are rendered
 * as text nodes, never as HTML.
 */
import { parseToCompare } from '../../protocol/compareView';
import { post } from './host';
import { CompareApp } from './CompareApp';
import { getState, setState, subscribed } from './store';
import { mountPage } from '../mountPage';

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseToCompare(event.data);
  if (!message) return;
  if (message.type === 'compare') {
    setState({ data: message.data, failure: undefined, notice: undefined });
    requestAnimationFrame(() =>
      post({ type: 'rendered', rows: document.querySelectorAll('tbody tr').length }),
    );
  } else if (message.type === 'failed')
    setState({ data: undefined, failure: { sides: message.sides, message: message.message } });
  else setState({ notice: { text: message.text, error: message.error } });
});

mountPage(<CompareApp />, { getState, setState, subscribed }, () => post({ type: 'ready' }));

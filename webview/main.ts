/**
 * The PerfLens webview page. Renders models it receives by `postMessage`.
 *
 * Everything from a profile or a log is untrusted text: it is only ever assigned through
 * `textContent` / DOM APIs, never through `innerHTML`.
 */
import {
  parseToWebview,
  type FromWebview,
  type PanelModel,
  type TableView,
} from '../protocol/webview';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void };
const vscode = acquireVsCodeApi();

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function renderTable(view: TableView): HTMLElement {
  const section = el('section', undefined, 'table-section');
  section.append(el('h2', view.title));
  const table = el('table');
  const head = el('tr');
  for (const c of view.columns) head.append(el('th', c));
  table.append(el('thead'), el('tbody'));
  table.tHead!.append(head);
  for (const row of view.rows) {
    const tr = el('tr');
    for (const cell of row) {
      const td = el(
        'td',
        cell === null ? '—' : typeof cell === 'number' ? formatNumber(cell) : cell,
      );
      // Numbers and short words never break; long paths and command lines may, anywhere.
      if (typeof cell === 'number') td.className = 'num';
      else if (typeof cell === 'string' && cell.length > 24) td.className = 'long';
      tr.append(td);
    }
    table.tBodies[0].append(tr);
  }
  if (view.rows.length === 0) {
    const tr = el('tr');
    const td = el('td', 'nothing yet', 'empty');
    td.colSpan = Math.max(1, view.columns.length);
    tr.append(td);
    table.tBodies[0].append(tr);
  }
  section.append(table, el('p', view.basis, 'basis'));
  return section;
}

function formatNumber(n: number): string {
  return Number.isInteger(n)
    ? n.toLocaleString('en-US')
    : n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function render(model: PanelModel): void {
  const root = document.getElementById('perflens-root')!;
  root.replaceChildren();
  root.append(el('h1', model.title));
  const facts = el('dl', undefined, 'facts');
  for (const f of model.facts) facts.append(el('dt', f.label), el('dd', f.value));
  root.append(facts);
  if (model.actions && model.actions.length > 0) {
    const bar = el('div', undefined, 'actions');
    for (const a of model.actions) {
      const button = el('button', a.label);
      button.type = 'button';
      button.dataset.action = a.id;
      button.addEventListener('click', () => vscode.postMessage({ type: 'action', id: a.id }));
      bar.append(button);
    }
    root.append(bar);
  }
  let rows = 0;
  for (const t of model.tables) {
    root.append(renderTable(t));
    rows += t.rows.length;
  }
  if (model.diagnostics.length > 0) {
    const list = el('ul', undefined, 'diagnostics');
    for (const d of model.diagnostics) list.append(el('li', d));
    root.append(el('h2', 'Problems with the input'), list);
  }
  vscode.postMessage({ type: 'rendered', tables: model.tables.length, rows });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseToWebview(event.data);
  if (message?.type === 'show') render(message.model);
});

vscode.postMessage({ type: 'ready' });

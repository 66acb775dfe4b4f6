/**
 * Runs before speedscope's own bundle in the flame-graph webview, and bridges it to PerfLens.
 *
 * speedscope has no postMessage API and refuses `#profileURL=` outside http(s). Its
 * `#localProfilePath=` mode, though, defines `window.speedscope.loadFileFromBase64(name, b64)`.
 * So: set that hash before speedscope reads it, wait for the hook, and feed it the file the
 * language server wrote — fetched here from its webview URI (so the data never travels inside a
 * message) and turned into base64 by the browser's own FileReader. (speedscope also appends a
 * `<script src="file:///…">` for that path; the CSP blocks it, which is what we want.)
 *
 * speedscope styles itself by inserting `<style>` elements at run time (aphrodite). The page's
 * CSP allows styles only with this page's nonce, so such elements get the nonce as they are
 * created: no 'unsafe-inline'.
 *
 * Every failure is shown in the page's status line with its reason, and reported to the host.
 */
import {
  parseToFlame,
  type FlameState,
  type FromFlame,
  type ToFlame,
} from '../../protocol/webview';
import { replaceEmojiWithCodicons } from './codicons';

declare function acquireVsCodeApi(): {
  postMessage(message: FromFlame): void;
  setState(state: FlameState): void;
};
declare global {
  interface Window {
    speedscope?: { loadFileFromBase64?: (name: string, base64: string) => void };
  }
}

const vscode = acquireVsCodeApi();
const me = document.currentScript as HTMLScriptElement | null;
const nonce = me?.nonce ?? '';
const speedscopeVersion = me?.dataset.speedscopeVersion ?? 'unknown';

const createElement: (tag: string, options?: ElementCreationOptions) => HTMLElement =
  document.createElement.bind(document);
document.createElement = (tag: string, options?: ElementCreationOptions) => {
  const el = createElement(tag, options);
  if (tag.toLowerCase() === 'style') el.setAttribute('nonce', nonce);
  return el;
};

history.replaceState(
  null,
  '',
  `${location.pathname}${location.search}#localProfilePath=perflens-profile`,
);

// ---- the status line ----------------------------------------------------------------------

type StatusKind = 'loading' | 'error' | 'info';
const ICONS: Record<StatusKind, string> = {
  loading: 'codicon-loading codicon-modifier-spin',
  error: 'codicon-error',
  info: 'codicon-info',
};

function showStatus(kind: StatusKind, text: string): void {
  const box = document.getElementById('perflens-flame-status');
  if (!box) return;
  box.hidden = false;
  box.className = `perflens-flame-${kind}`;
  const icon = box.querySelector('.codicon');
  if (icon) icon.className = `codicon ${ICONS[kind]}`;
  const label = box.querySelector('.perflens-flame-text');
  // Text from profiles (file names, messages) is data: textContent, never HTML.
  if (label) label.textContent = text;
  const close = box.querySelector<HTMLButtonElement>('.perflens-flame-close');
  if (close) {
    close.hidden = kind === 'loading';
    close.onclick = () => (box.hidden = true);
  }
}

function hideStatus(): void {
  const box = document.getElementById('perflens-flame-status');
  if (!box) return;
  box.hidden = true;
  // Emptied too, so nothing stale can be found in the page (e.g. by text search).
  const label = box.querySelector('.perflens-flame-text');
  if (label) label.textContent = '';
}

function fail(message: string): void {
  showStatus('error', message);
  vscode.postMessage({ type: 'flameError', message: message.slice(0, 2000) });
}

// speedscope reports an unrecognised or empty file with alert(), which a webview does not show.
window.alert = (message?: unknown) => fail(`speedscope: ${String(message)}`);

// ---- speedscope ---------------------------------------------------------------------------

function whenHookReady(timeoutMs: number): Promise<(name: string, base64: string) => void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      const hook = window.speedscope?.loadFileFromBase64;
      if (hook) resolve(hook);
      else if (Date.now() - started > timeoutMs)
        reject(new Error('speedscope did not define window.speedscope.loadFileFromBase64'));
      else requestAnimationFrame(poll);
    };
    poll();
  });
}

/**
 * speedscope titles the page `<profile name> - speedscope` when its import ends, and shows its
 * view tabs once the profile is in; two animation frames later the flame is on the canvas.
 */
function whenDrawn(): Promise<string> {
  return new Promise((resolve, reject) => {
    const poll = () => {
      const text = document.body.innerText;
      if (text.includes('Something went wrong'))
        reject(new Error('speedscope could not import the flame file (see the developer console)'));
      else if (document.title.endsWith(' - speedscope') && text.includes('Sandwich'))
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(document.title)));
      else setTimeout(poll, 50);
    };
    poll();
  });
}

/** The fetched file as base64, encoded natively by the browser (what the hook takes). */
async function fetchBase64(url: string): Promise<{ base64: string; bytes: number }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot read the flame file (HTTP ${response.status})`);
  const blob = await response.blob();
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('cannot read the flame file'));
    reader.readAsDataURL(blob);
  });
  return { base64: dataUrl.slice(dataUrl.indexOf(',') + 1), bytes: blob.size };
}

const hookReady = whenHookReady(30_000);
hookReady.then(
  () => {
    replaceEmojiWithCodicons(document.body);
    vscode.postMessage({ type: 'flameReady', speedscopeVersion });
  },
  (err: Error) => fail(err.message),
);

async function handle(message: ToFlame): Promise<void> {
  vscode.setState({ source: message.source });
  if (message.type === 'status') return showStatus('loading', message.text);
  if (message.type === 'failed') return showStatus('error', message.message);
  showStatus('loading', `Drawing ${message.fileName.replace(/\.speedscope\.json$/, '')}…`);
  const load = await hookReady;
  const t0 = performance.now();
  const { base64 } = await fetchBase64(message.url);
  const t1 = performance.now();
  document.title = 'PerfLens: loading profile';
  load(message.fileName, base64);
  const title = await whenDrawn();
  if (message.note) showStatus('info', message.note);
  else hideStatus();
  vscode.postMessage({
    type: 'flameLoaded',
    title,
    fetchMs: Math.round(t1 - t0),
    drawMs: Math.round(performance.now() - t1),
  });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseToFlame(event.data);
  if (!message) return;
  handle(message).catch((err: unknown) =>
    fail(`${message.source}: ${err instanceof Error ? err.message : String(err)}`),
  );
});

export {};

/**
 * Runs before speedscope's own bundle in the flame-graph webview, and bridges it to PerfLens.
 *
 * speedscope has no postMessage API and refuses `#profileURL=` outside http(s). Its
 * `#localProfilePath=` mode, though, defines `window.speedscope.loadFileFromBase64(name, b64)`.
 * So: set that hash before speedscope reads it, wait for the hook, and feed it the profile the
 * extension sends. (speedscope also appends a `<script src="file:///…">` for that path; the CSP
 * blocks it, which is what we want — the data comes only from the extension.)
 *
 * speedscope styles itself by inserting `<style>` elements at run time (aphrodite). The page's
 * CSP allows styles only with this page's nonce, so such elements get the nonce as they are
 * created: no 'unsafe-inline'.
 */
import { parseToFlame, type FromFlame } from '../../protocol/webview';

declare function acquireVsCodeApi(): { postMessage(message: FromFlame): void };
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

/** speedscope titles the page `<profile name> - speedscope` once it has imported a profile. */
function whenDrawn(timeoutMs: number): Promise<string> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (document.title.endsWith(' - speedscope')) resolve(document.title);
      else if (Date.now() - started > timeoutMs)
        reject(
          new Error(
            `speedscope did not draw the profile within ${timeoutMs / 1000} s (is WebGL available?)`,
          ),
        );
      else setTimeout(poll, 50);
    };
    poll();
  });
}

const hookReady = whenHookReady(30_000);
hookReady.then(
  () => vscode.postMessage({ type: 'flameReady', speedscopeVersion }),
  (err: Error) => vscode.postMessage({ type: 'flameError', message: err.message }),
);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseToFlame(event.data);
  if (!message) return;
  void hookReady
    .then(async (load) => {
      document.title = 'PerfLens: loading profile';
      load(message.fileName, message.base64);
      vscode.postMessage({ type: 'flameLoaded', title: await whenDrawn(60_000) });
    })
    .catch((err: unknown) =>
      vscode.postMessage({
        type: 'flameError',
        message: err instanceof Error ? err.message : String(err),
      }),
    );
});

export {};

/**
 * The webview's handle on VS Code: messages to the host and the page's persisted state. Outside
 * VS Code (the self-contained HTML report) a stand-in keeps state in memory and drops messages.
 */
import type { FromWebview } from '../protocol/webview';

export interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

function standalone(): VsCodeApi {
  let state: unknown;
  return {
    postMessage: () => undefined,
    getState: () => state,
    setState: (s) => {
      state = s;
    },
  };
}

export const vscode: VsCodeApi =
  typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : standalone();

/** True inside VS Code (click-to-source, copy and inline costs need the host). */
export const inVsCode = typeof acquireVsCodeApi === 'function';

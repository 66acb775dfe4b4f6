/**
 * Starting a page (the PerfLens panel, the Compare view): draw its app into the shell's root,
 * redraw canvases when VS Code's theme changes, and tell the host it is ready only once the app
 * listens to its store (data that came earlier would draw nothing; see pageStore.ts).
 */
import { render, type VNode } from 'preact';
import type { PageStore } from './pageStore';

export function mountPage<S extends { readonly theme: number }>(
  app: VNode,
  store: Pick<PageStore<S>, 'getState' | 'setState' | 'subscribed'>,
  sayReady: () => void,
): void {
  // VS Code swaps the body's theme class (vscode-dark, vscode-light, vscode-high-contrast…):
  // charts read colours from CSS variables, so they are drawn again.
  new MutationObserver(() =>
    store.setState({ theme: store.getState().theme + 1 } as Partial<S>),
  ).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  const root = document.getElementById('perflens-root')!;
  root.replaceChildren();
  render(app, root);
  void store.subscribed.then(sayReady);
}

/**
 * The store behind each page (the PerfLens panel, the Compare view): one state object,
 * replaced on every change, and a hook that redraws the components using it.
 *
 * `subscribed` resolves once the page's components listen. Preact runs effects after the
 * first paint (a frame and a timer later), so a page that tells the host it is ready before
 * then can receive its data, draw nothing, and report "rendered" with an empty page: the
 * pages say "ready" only after `subscribed`.
 */
import { useEffect, useState } from 'preact/hooks';

export interface PageStore<S> {
  readonly getState: () => S;
  readonly setState: (patch: Partial<S>) => void;
  readonly useStore: () => S;
  readonly subscribed: Promise<void>;
}

export function createPageStore<S extends object>(
  initial: S,
  persist: (state: S) => void,
): PageStore<S> {
  let state = initial;
  const listeners = new Set<() => void>();
  let markSubscribed!: () => void;
  const subscribed = new Promise<void>((resolve) => (markSubscribed = resolve));

  return {
    subscribed,
    getState: () => state,
    setState: (patch) => {
      state = { ...state, ...patch };
      persist(state);
      for (const l of listeners) l();
    },
    useStore: () => {
      const [, force] = useState(0);
      const seen = state;
      useEffect(() => {
        const l = (): void => force((n) => n + 1);
        listeners.add(l);
        // Anything that arrived between this component's render and now is drawn now.
        if (state !== seen) l();
        markSubscribed();
        return () => {
          listeners.delete(l);
        };
      }, []);
      return state;
    },
  };
}

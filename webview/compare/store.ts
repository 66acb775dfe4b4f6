/**
 * The Compare page's one store: the comparison (from the host, by message) and the UI state
 * (tab, sort, filter, group), saved through the webview state API so it survives hide/show.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CompareData } from '../../protocol/compareView';
import { vscode } from '../vscodeApi';
import type { CompareSort } from './compareRows';

export type CompareTab = 'metrics' | 'functions' | 'time' | 'flame';

export interface CompareUi {
  readonly tab: CompareTab;
  readonly sort: CompareSort;
  readonly filter: string;
  readonly group: string;
  /** The counter charted over time ('' = the heaviest). */
  readonly timeCounter: string;
}

export interface CompareState {
  readonly data?: CompareData;
  readonly ui: CompareUi;
  readonly notice?: { readonly text: string; readonly error: boolean };
  readonly theme: number;
}

const initialUi: CompareUi = {
  tab: 'metrics',
  sort: { key: 'default', desc: false },
  filter: '',
  group: '',
  timeCounter: '',
};

const saved = (vscode.getState() ?? {}) as { ui?: Partial<CompareUi> };
let state: CompareState = { ui: { ...initialUi, ...(saved.ui ?? {}) }, theme: 0 };
const listeners = new Set<() => void>();

export function getState(): CompareState {
  return state;
}

export function setState(patch: Partial<CompareState>): void {
  state = { ...state, ...patch };
  vscode.setState({ ui: state.ui });
  for (const l of listeners) l();
}

export function setUi(patch: Partial<CompareUi>): void {
  setState({ ui: { ...state.ui, ...patch } });
}

export function useStore(): CompareState {
  const [, force] = useState(0);
  const seen = state;
  useEffect(() => {
    const l = (): void => force((n) => n + 1);
    listeners.add(l);
    if (state !== seen) l();
    return () => {
      listeners.delete(l);
    };
  }, []);
  return state;
}

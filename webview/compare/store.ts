/**
 * The Compare page's one store: the comparison (from the host, by message) and the UI state
 * (tab, sort, filter, group), saved through the webview state API so it survives hide/show.
 */
import type { CompareData } from '../../protocol/compareView';
import { vscode } from '../vscodeApi';
import type { CompareSort } from './compareRows';
import { createPageStore } from '../pageStore';

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
const store = createPageStore<CompareState>(
  { ui: { ...initialUi, ...(saved.ui ?? {}) }, theme: 0 },
  (state) => vscode.setState({ ui: state.ui }),
);

export const { getState, setState, useStore, subscribed } = store;

export function setUi(patch: Partial<CompareUi>): void {
  setState({ ui: { ...getState().ui, ...patch } });
}

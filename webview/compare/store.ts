/**
 * The Compare page's one store: the comparison (from the host, by message) and the UI state
 * (tab, sort, filter, group). The UI state and the two sides compared are saved through the
 * webview state API: the UI survives hide/show, and after a window reload the host reads the
 * sides back (its serializer) and compares them again.
 */
import type { CompareData, CompareSides } from '../../protocol/compareView';
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
  /** Why the sides could not be compared (after a reload, a side that has vanished). */
  readonly failure?: { readonly sides: CompareSides; readonly message: string };
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

interface Saved {
  readonly sides?: CompareSides;
  readonly ui?: Partial<CompareUi>;
}

function sidesOf(state: CompareState): CompareSides | undefined {
  const d = state.data;
  return d ? { baseline: d.baselinePath, treatment: d.treatmentPath } : state.failure?.sides;
}

const saved = (vscode.getState() ?? {}) as Saved;
const store = createPageStore<CompareState>(
  { ui: { ...initialUi, ...(saved.ui ?? {}) }, theme: 0 },
  (state) =>
    vscode.setState({ sides: sidesOf(state) ?? saved.sides, ui: state.ui } satisfies Saved),
);

export const { getState, setState, useStore, subscribed } = store;

export function setUi(patch: Partial<CompareUi>): void {
  setState({ ui: { ...getState().ui, ...patch } });
}

/**
 * The page's one store. Data arrives only by typed `ToWebview` messages; UI state (tab, sort,
 * filter, process, selected window and row, scroll) lives beside it and is saved through the
 * webview state API, so it survives live updates, hide/show and a window reload.
 */
import type { FunctionFocus, PanelModel } from '../protocol/webview';
import type { LiveUpdate, SourceData } from '../protocol/sourceData';
import { vscode } from './vscodeApi';
import { prepareFunctionOrder } from './logic/functionOrder';
import { mergeLive } from './logic/liveMerge';
import { functionRowOf } from './logic/focusFunction';
import { createPageStore } from './pageStore';
import type { SortState } from './logic/rowOrder';

export type TabId = 'summary' | 'counters' | 'time' | 'scaling' | 'functions' | 'flame' | 'compare';

export interface UiState {
  readonly tab: TabId;
  readonly counterSort: SortState;
  readonly counterFilter: string;
  /** Index into counters.processes; -1 = all processes. */
  readonly counterProcess: number;
  readonly groupFamilies: boolean;
  readonly functionSort: SortState;
  readonly functionFilter: string;
  readonly functionScroll: number;
  /** Selected function (index into functions arrays). */
  readonly selectedFunction?: number;
  readonly selectedCounter?: string;
  /** A window picked on a chart: the tables show only it. */
  readonly window?: { readonly process: number; readonly index: number };
  /** Over time: which process's windows, which counters, per-window totals or rates. */
  readonly timeProcess: number;
  readonly timeCounters: readonly string[];
  readonly timeMetric: 'totalMs' | 'count' | 'rate';
  /** Over time: the diagnostics fields charted (empty: the first few). */
  readonly timeDiagFields: readonly string[];
  readonly scaling: {
    readonly process: number;
    readonly x: string;
    readonly y: string;
  };
}

export const initialUi: UiState = {
  tab: 'summary',
  counterSort: { key: 'totalMs', desc: true },
  counterFilter: '',
  counterProcess: -1,
  groupFamilies: true,
  functionSort: { key: 'self', desc: true },
  functionFilter: '',
  functionScroll: 0,
  timeProcess: 0,
  timeCounters: [],
  timeMetric: 'totalMs',
  timeDiagFields: [],
  scaling: { process: 0, x: '', y: '' },
};

export interface StoreState {
  readonly data?: SourceData;
  readonly live: boolean;
  readonly generic?: PanelModel;
  readonly ui: UiState;
  readonly notice?: { readonly text: string; readonly error: boolean };
  /** Bumped when VS Code's theme changes, so canvas colours are read again. */
  readonly theme: number;
}

interface Saved {
  readonly source?: string;
  readonly ui?: Partial<UiState>;
}

const saved = (vscode.getState() ?? {}) as Saved;
const store = createPageStore<StoreState>(
  { live: false, ui: { ...initialUi, ...(saved.ui ?? {}) }, theme: 0 },
  (state) =>
    vscode.setState({ source: state.data?.path ?? saved.source, ui: state.ui } satisfies Saved),
);

export const { getState, setState, useStore, subscribed } = store;

export function setUi(patch: Partial<UiState>): void {
  setState({ ui: { ...getState().ui, ...patch } });
}

/** New data for the panel. The UI state is kept when it is the same source (a live update). */
export function receiveSource(data: SourceData, live: boolean): void {
  const same = (getState().data?.path ?? saved.source) === data.path;
  setState({ data, live, generic: undefined, ui: same ? getState().ui : initialUi });
  const functions = data.functions;
  if (functions) requestIdleCallback(() => prepareFunctionOrder(functions), { timeout: 2000 });
}

/** A followed run's new windows: merged into the data shown, UI state untouched. */
export function receiveLive(path: string, update: LiveUpdate): void {
  const data = getState().data;
  if (data?.path !== path) return;
  const merged = mergeLive(data, update);
  if (merged) setState({ data: merged, live: true });
  else vscode.postMessage({ type: 'resync' });
}

/**
 * A clicked CodeLens: the Functions tab, filtered to the function's row, scrolled to it and the
 * row selected; a notice when the source shown has no such function.
 */
export function focusFunction(fn: FunctionFocus): void {
  const functions = getState().data?.functions;
  const row = functions ? functionRowOf(functions, fn) : undefined;
  if (functions === undefined || row === undefined) {
    setState({
      notice: {
        text: `${fn.name} is not among the profiled functions of this source`,
        error: true,
      },
    });
    return;
  }
  setUi({
    tab: 'functions',
    functionFilter: functions.names[row],
    functionScroll: 0,
    selectedFunction: row,
  });
}

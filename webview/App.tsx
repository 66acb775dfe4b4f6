/** The panel: a header, the tabs of one source, and a notice line for what the host answered. */
import type { SourceData } from '../protocol/sourceData';
import { setUi, useStore, type TabId, type UiState } from './store';
import { Summary } from './tabs/Summary';
import { Counters } from './tabs/Counters';
import { OverTime } from './tabs/OverTime';
import { Scaling } from './tabs/Scaling';
import { Functions } from './tabs/Functions';
import { GenericModel } from './tabs/GenericModel';
import { Icon } from './widgets/common';
import { NoticeLine, TabBar, TabPanel, type TabEntry } from './widgets/pageLayout';

interface TabDef extends TabEntry<TabId> {
  readonly available: (d: SourceData) => boolean;
}

/**
 * The tabs in order. The Flame and Compare tabs are slots: other parts of PerfLens add their
 * entries here (the flame graph opens its own panel from the Summary's button today).
 */
export const TABS: readonly TabDef[] = [
  { id: 'summary', label: 'Summary', icon: 'dashboard', available: () => true },
  { id: 'counters', label: 'Counters', icon: 'list-ordered', available: (d) => !!d.counters },
  { id: 'time', label: 'Over time', icon: 'graph-line', available: (d) => !!d.timeline },
  {
    id: 'scaling',
    label: 'Scaling',
    icon: 'graph-scatter',
    available: (d) => (d.timeline?.counters.length ?? 0) > 0,
  },
  { id: 'functions', label: 'Functions', icon: 'symbol-method', available: (d) => !!d.functions },
];

function TabBody({ d, ui, theme }: { d: SourceData; ui: UiState; theme: number }) {
  switch (ui.tab) {
    case 'counters':
      return <Counters d={d} ui={ui} />;
    case 'time':
      return <OverTime d={d} ui={ui} theme={theme} />;
    case 'scaling':
      return <Scaling d={d} ui={ui} theme={theme} />;
    case 'functions':
      return <Functions d={d} ui={ui} />;
    default:
      return <Summary d={d} />;
  }
}

export function App() {
  const { data, generic, ui, notice, live, theme } = useStore();
  if (generic) return <GenericModel model={generic} />;
  if (!data) return <p class="loading">PerfLens is loading…</p>;
  const tabs = TABS.filter((t) => t.available(data));
  const current = tabs.some((t) => t.id === ui.tab) ? ui.tab : 'summary';
  return (
    <>
      <header>
        <h1>
          PerfLens: {data.title}
          {live && (
            <span class="live">
              <Icon name="circle-filled" /> live
            </span>
          )}
        </h1>
        <TabBar tabs={tabs} current={current} onSelect={(tab) => setUi({ tab })} />
      </header>
      <TabPanel current={current}>
        <TabBody d={data} ui={{ ...ui, tab: current }} theme={theme} />
      </TabPanel>
      <NoticeLine notice={notice} />
    </>
  );
}

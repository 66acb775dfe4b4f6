/**
 * The frame every page (the PerfLens panel, the Compare view) draws around its content: the tab
 * bar, the tab panel it labels, and the notice line where the host's answers appear.
 */
import type { ComponentChildren } from 'preact';
import { Icon } from './common';

export interface TabEntry<T extends string> {
  readonly id: T;
  readonly label: string;
  readonly icon: string;
}

export function TabBar<T extends string>(props: {
  tabs: readonly TabEntry<T>[];
  current: T;
  onSelect: (id: T) => void;
}) {
  return (
    <nav class="tabs" role="tablist" aria-label="Views">
      {props.tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`tab-${t.id}`}
          aria-selected={t.id === props.current}
          aria-controls="tabpanel"
          class={t.id === props.current ? 'active' : undefined}
          onClick={() => props.onSelect(t.id)}
        >
          <Icon name={t.icon} /> {t.label}
        </button>
      ))}
    </nav>
  );
}

export function TabPanel({ current, children }: { current: string; children: ComponentChildren }) {
  return (
    <div id="tabpanel" role="tabpanel" aria-labelledby={`tab-${current}`}>
      {children}
    </div>
  );
}

/** Always in the page (empty when there is nothing to say), so screen readers hear each change. */
export function NoticeLine({
  notice,
}: {
  notice?: { readonly text: string; readonly error: boolean };
}) {
  return (
    <p class={`notice${notice?.error ? ' error' : ''}`} role="status" aria-live="polite">
      {notice?.text ?? ''}
    </p>
  );
}

/**
 * The keyboard for ordinary tables (the windowed Functions grid has its own, VirtualRows): rows
 * are focusable, one tab stop per table (the first row; arrows move between rows), and
 *  - Arrow Up/Down, Page Up/Down, Home, End move the focus between rows;
 *  - Enter opens the row: its `[data-primary]` control if it has one, else its source link,
 *    else the row's own click (select, or jump to the counter).
 * One handler on the `<table>`, so every table gets the same keys.
 */
import type { JSX } from 'preact';

const PAGE = 10;

export function onTableKeyDown(e: JSX.TargetedKeyboardEvent<HTMLTableElement>): void {
  const row = (e.target as HTMLElement).closest('tr');
  if (!row || e.target !== row) return; // keys inside a control of the row stay the control's
  const rows = [...e.currentTarget.querySelectorAll<HTMLTableRowElement>('tbody tr[tabindex]')];
  const i = rows.indexOf(row);
  if (i < 0) return;
  let to: number | undefined;
  if (e.key === 'ArrowDown') to = i + 1;
  else if (e.key === 'ArrowUp') to = i - 1;
  else if (e.key === 'PageDown') to = i + PAGE;
  else if (e.key === 'PageUp') to = i - PAGE;
  else if (e.key === 'Home') to = 0;
  else if (e.key === 'End') to = rows.length - 1;
  else if (e.key === 'Enter') {
    e.preventDefault();
    const target =
      row.querySelector<HTMLElement>('[data-primary]') ?? row.querySelector<HTMLElement>('a.loc');
    (target ?? row).click();
    return;
  }
  if (to === undefined) return;
  e.preventDefault();
  rows[Math.max(0, Math.min(rows.length - 1, to))].focus();
}

/** The roving tab stop: the first row of a table is reached by Tab, the others by arrows. */
export const rowTabIndex = (k: number): number => (k === 0 ? 0 : -1);

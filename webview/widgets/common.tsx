/** Small shared widgets: sortable header cells, the copy button, a filter box, icons. */
import { Fragment, type ComponentChildren } from 'preact';
import type { MarkdownTable } from '../../protocol/webview';
import type { SortState } from '../logic/rowOrder';
import { inVsCode, vscode } from '../vscodeApi';

export function Icon({ name, label }: { name: string; label?: string }) {
  return (
    <i
      class={`codicon codicon-${name}`}
      aria-hidden={label ? undefined : 'true'}
      aria-label={label}
    />
  );
}

export function SortHeader(props: {
  label: string;
  sortKey: string;
  sort: SortState;
  numeric?: boolean;
  title?: string;
  /** `div` in the windowed grid's header, `th` in tables. */
  cell?: 'th' | 'div';
  onSort: (s: SortState) => void;
}) {
  const active = props.sort.key === props.sortKey;
  const Cell = props.cell ?? 'th';
  return (
    <Cell
      role={props.cell === 'div' ? 'columnheader' : undefined}
      class={props.numeric ? 'num' : undefined}
      aria-sort={active ? (props.sort.desc ? 'descending' : 'ascending') : 'none'}
      title={props.title}
    >
      <button
        type="button"
        class="sort"
        data-sort={props.sortKey}
        onClick={() =>
          props.onSort({
            key: props.sortKey,
            // First click on a number sorts largest first; on text, A→Z.
            desc: active ? !props.sort.desc : !!props.numeric,
          })
        }
      >
        {props.label}
        <Icon name={active ? (props.sort.desc ? 'arrow-down' : 'arrow-up') : 'blank'} />
      </button>
    </Cell>
  );
}

export function CopyMarkdown({
  tables,
  label = 'Copy as Markdown',
}: {
  tables: () => MarkdownTable[];
  label?: string;
}) {
  if (!inVsCode) return null;
  return (
    <button
      type="button"
      class="tool copy-markdown"
      title="Copy as GitHub Markdown (numbers right-aligned, with the run and the basis of each number)"
      onClick={() => vscode.postMessage({ type: 'copyMarkdown', tables: tables() })}
    >
      <Icon name="copy" /> {label}
    </button>
  );
}

export function FilterBox({
  value,
  onInput,
  placeholder,
}: {
  value: string;
  onInput: (v: string) => void;
  placeholder: string;
}) {
  return (
    <label class="filter">
      <Icon name="filter" />
      <input
        type="search"
        value={value}
        placeholder={placeholder}
        aria-label={placeholder}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </label>
  );
}

export function Toolbar({ children }: { children: ComponentChildren }) {
  return <div class="toolbar">{children}</div>;
}

/** A file:line that opens in the editor. */
export function SourceLink({
  file,
  line,
  column,
  text,
}: {
  file: string;
  line: number;
  column?: number;
  text?: string;
}) {
  const label = text ?? `${file}:${line}`;
  if (!inVsCode) return <span class="loc">{label}</span>;
  return (
    <a
      href="#"
      class="loc"
      title={`Open ${file}:${line}`}
      onClick={(e) => {
        e.preventDefault();
        vscode.postMessage({ type: 'openLocation', file, line, ...(column ? { column } : {}) });
      }}
    >
      {label}
    </a>
  );
}

export function InlineCostsButton(props: {
  kind: 'function' | 'counter';
  name: string;
  file?: string | null;
  line?: number | null;
  /** Enter on the row presses it (a counter's way to its source: its call site, inline). */
  primary?: boolean;
}) {
  if (!inVsCode) return null;
  return (
    <button
      type="button"
      data-primary={props.primary ? '' : undefined}
      class="icon-button inline-costs"
      title="Show inline costs in the editor"
      aria-label={`Show inline costs of ${props.name}`}
      onClick={(e) => {
        e.stopPropagation();
        vscode.postMessage({
          type: 'showInlineCosts',
          kind: props.kind,
          name: props.name,
          ...(props.file ? { file: props.file } : {}),
          ...(props.line ? { line: props.line } : {}),
        });
      }}
    >
      <Icon name="code" />
    </button>
  );
}

/**
 * A dotted name (`orbitdb.putEntry.bundle`) that wraps after its dots before it wraps anywhere
 * else: a `<wbr>` after each dot. Rendered as text nodes, never markup.
 */
export function DottedName({ name }: { name: string }) {
  const parts = name.split('.');
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {i > 0 ? `.${p}` : p}
        </Fragment>
      ))}
    </>
  );
}

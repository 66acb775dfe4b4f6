/** Generic tables (the server's status): title, facts, tables with their basis, problems. */
import type { PanelModel } from '../../protocol/webview';
import { fmt } from '../format';
import { onTableKeyDown, rowTabIndex } from '../widgets/tableKeys';
import { ProblemList } from '../widgets/problemList';

export function GenericModel({ model }: { model: PanelModel }) {
  return (
    <>
      <h1>{model.title}</h1>
      <dl class="facts">
        {model.facts.map((f) => (
          <>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </>
        ))}
      </dl>
      {model.tables.map((t) => (
        <section class="table-section" key={t.title}>
          <h2>{t.title}</h2>
          <table onKeyDown={onTableKeyDown}>
            <thead>
              <tr>
                {t.columns.map((c) => (
                  <th key={c}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.map((r, k) => (
                <tr key={k} tabIndex={rowTabIndex(k)}>
                  {r.map((cell, j) => (
                    <td key={j} class={typeof cell === 'number' ? 'num' : undefined}>
                      {cell === null
                        ? '—'
                        : typeof cell === 'number'
                          ? fmt(cell, Number.isInteger(cell) ? 0 : 2)
                          : cell}
                    </td>
                  ))}
                </tr>
              ))}
              {t.rows.length === 0 && (
                <tr>
                  <td class="empty" colSpan={Math.max(1, t.columns.length)}>
                    nothing yet
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <p class="basis">{t.basis}</p>
        </section>
      ))}
      {model.diagnostics.length > 0 && (
        <>
          <h2>Problems with the input</h2>
          <ProblemList problems={model.diagnostics} />
        </>
      )}
    </>
  );
}

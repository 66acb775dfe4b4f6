/**
 * Functions diff: the biggest regressions and improvements in self and total CPU, as ms of CPU
 * per second of wall-clock (so a longer treatment run does not look like more work), matched by
 * name and file across runs.
 */
import type { CompareData, FunctionDiffRow } from '../../protocol/compareView';
import { fmt, shortFile } from '../format';

function DiffTable({
  title,
  id,
  rows,
}: {
  title: string;
  id: string;
  rows: readonly FunctionDiffRow[];
}) {
  return (
    <section class="fn-diff" id={id}>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p class="empty">none</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th>Function</th>
                <th>File</th>
                <th class="num">Baseline</th>
                <th class="num">Treatment</th>
                <th class="num">Δ</th>
                <th class="num">Δ%</th>
                <th>verdict</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.name}\u0000${r.file}`} data-function={r.name}>
                  <td class="name" title={r.name}>
                    {r.name}
                  </td>
                  <td class="file" title={r.file}>
                    {r.file ? shortFile(r.file) : '—'}
                  </td>
                  <td class="num">
                    {fmt(r.baseline, 2)} (n={r.n[0]})
                  </td>
                  <td class="num">
                    {fmt(r.treatment, 2)} (n={r.n[1]})
                  </td>
                  <td class="num">{r.cells.change}</td>
                  <td class="num">{r.cells.changePct}</td>
                  <td class="verdict-cell">{r.cells.verdict}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function FunctionsDiff({ d }: { d: CompareData }) {
  const f = d.functionDiff;
  const any =
    f.self.regressions.length + f.self.improvements.length + f.total.regressions.length > 0 ||
    f.total.improvements.length > 0;
  if (!any)
    return (
      <p class="empty">
        No CPU profile with times on both sides (profiles/*.cpuprofile or a 0x folder in each
        iteration).
      </p>
    );
  return (
    <div class="compare-functions">
      <p class="basis">
        CPU ms per second of wall-clock, medians over iterations (n = iterations); Δ is the
        Hodges-Lehmann shift; functions matched by name and file, so a function that moved lines is
        the same function; one absent from an iteration counts 0 there.
      </p>
      <DiffTable
        title="Self CPU: biggest regressions"
        id="self-regressions"
        rows={f.self.regressions}
      />
      <DiffTable
        title="Self CPU: biggest improvements"
        id="self-improvements"
        rows={f.self.improvements}
      />
      <DiffTable
        title="Total CPU: biggest regressions"
        id="total-regressions"
        rows={f.total.regressions}
      />
      <DiffTable
        title="Total CPU: biggest improvements"
        id="total-improvements"
        rows={f.total.improvements}
      />
    </div>
  );
}

/**
 * A whole file holding one snapshot (a diagnostics endpoint's response saved as `diagnostics.json`,
 * or a single pretty-printed perf snapshot), as opposed to one snapshot per line.
 *
 * One cumulative diagnostics snapshot is one window from process start (see DiagnosticsDeltas);
 * several such files in time order are fed through the same DiagnosticsDeltas to get deltas.
 */
import { EngineDiagnostic, warningAt } from '../diagnostics';
import { DiagnosticsDeltas } from './diagnosticsDeltas';
import { parseJsonLine, payloadOf } from './jsonPayload';
import { cellsFromSnapshot } from './snapshotCells';
import { CounterDump } from './types';

export function dumpsFromDocument(
  text: string,
  file: string,
  deltas = new DiagnosticsDeltas(),
  source = 'main',
): { dumps: CounterDump[]; diagnostics: EngineDiagnostic[] } {
  const diagnostics: EngineDiagnostic[] = [];
  const parsed = parseJsonLine(text.trim());
  if (!parsed.value) {
    diagnostics.push(
      warningAt(file, `not a JSON snapshot: ${parsed.error}`, {
        offset: 0,
        expected: 'one JSON object',
      }),
    );
    return { dumps: [], diagnostics };
  }
  const p = payloadOf(parsed.value);
  const src = p.label ?? source;
  if (p.snapshot) {
    const { counters, lost, problems } = cellsFromSnapshot(p.snapshot);
    for (const pr of problems) diagnostics.push(warningAt(file, pr.message, { offset: 0 }));
    return {
      dumps: [{ source: src, time: p.time, line: 1, format: 'json', counters, lost }],
      diagnostics,
    };
  }
  if (p.stages) {
    const r = deltas.push(src, p.stages, 1, p.time);
    if (r.restart)
      diagnostics.push(
        warningAt(file, `diagnostics counters of '${src}' went down: the process restarted`, {
          offset: 0,
        }),
      );
    return { dumps: r.dump ? [r.dump] : [], diagnostics };
  }
  diagnostics.push(
    warningAt(file, 'no perf-counters snapshot or diagnostics stage counters in this JSON', {
      offset: 0,
      expected: '{ name: { count, totalMs } } or { stage: { count, total_ns } }',
    }),
  );
  return { dumps: [], diagnostics };
}

/**
 * The file edge for latency histograms in a run folder: which files are read, and the one line
 * sink that hands every line to both readers (Prometheus exposition, HdrHistogram prints).
 *
 * Histograms are found by content. The files looked into are the run's text outputs: `script.log`
 * (its lines come from the run reader's single pass, `lineSink`), and every other `*.log`,
 * `*.prom`, `*.txt`, `*.hgrm` or `*.out` file at the top of the run folder or in its `logs/`
 * folder (a soak script's per-process logs, a saved `/metrics` scrape, a wrk2 report). Logs are
 * streamed chunk by chunk, never read whole.
 */
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { scanLogFile } from '../counters';
import type { EngineDiagnostic } from '../diagnostics';
import { HdrHistograms } from './hdrHistograms';
import type { LatencyHistogram } from './latencyHistograms';
import { PromHistograms } from './promHistograms';

const TEXT_OUTPUT = /\.(log|prom|txt|hgrm|out)$/i;

export interface LineSink {
  readonly push: (line: string, lineNo: number) => void;
  readonly end: () => void;
}

export interface LatencyHistogramCollector {
  /** A line sink for one file (`script.log` is fed by the run reader's own pass). */
  lineSink(file: string): LineSink;
  /** Reads the run's other text outputs, then returns every histogram found, one per name. */
  finish(dir: string): Promise<{ histograms: LatencyHistogram[]; diagnostics: EngineDiagnostic[] }>;
}

async function textOutputs(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const sub of ['', 'logs']) {
    const d = path.join(dir, sub);
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries)
      if (e.isFile() && TEXT_OUTPUT.test(e.name) && !(sub === '' && e.name === 'script.log'))
        out.push(path.join(d, e.name));
  }
  return out.sort();
}

export function createLatencyHistogramCollector(): LatencyHistogramCollector {
  const prom = new PromHistograms();
  const hdr = new HdrHistograms();
  const lineSink = (file: string): LineSink => {
    const p = prom.reader(file, file.toLowerCase().endsWith('.prom'));
    const h = hdr.reader(file);
    return {
      push: (line, lineNo) => {
        p.push(line, lineNo);
        h.push(line, lineNo);
      },
      end: () => h.end(),
    };
  };
  return {
    lineSink,
    async finish(dir) {
      const diagnostics: EngineDiagnostic[] = [];
      for (const file of await textOutputs(dir)) {
        const sink = lineSink(file);
        try {
          await scanLogFile(file, { onLine: sink.push, onDump: () => undefined });
        } catch {
          /* unreadable: the run reader reports I/O problems of the folder */
        }
        sink.end();
      }
      const byName = new Map<string, LatencyHistogram>();
      for (const h of [...hdr.finish(), ...prom.finish()]) byName.set(h.name, h);
      diagnostics.push(...prom.diagnostics, ...hdr.diagnostics);
      return { histograms: [...byName.values()], diagnostics };
    },
  };
}

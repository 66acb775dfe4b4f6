/**
 * HdrHistogram percentile distributions, read line by line out of logs or files.
 *
 * Format: `outputPercentileDistribution` of HdrHistogram (Java `AbstractHistogram`, C
 * `hdr_percentiles_print`, hdr-histogram-js `JsHistogram`) and wrk2 `--latency`'s "Detailed
 * Percentile spectrum": a header `Value Percentile TotalCount 1/(1-Percentile)`, a blank line,
 * one row per percentile tick (`value percentile total-count [1/(1-percentile)]`, the value already
 * divided by the caller's output scaling ratio), then `#[Mean = …, StdDeviation = …]`,
 * `#[Max = …, Total count = …]`, `#[Buckets = …, SubBuckets = …]`. The CSV form
 * (`"Value","Percentile","TotalCount","1/(1-Percentile)"`, comma-separated rows) is read too.
 *
 * TotalCount is the number of samples ≤ Value, so the rows are a cumulative histogram with the
 * printed values as bucket bounds: percentiles are read between the printed points by the same
 * rule as Prometheus buckets (engine/compare/bucketQuantile.ts).
 *
 * Name and unit: wrk2's prints are `wrk2_latency` (Recorded Latency) and
 * `wrk2_uncorrected_latency`, in ms; otherwise the name is a bare identifier on the line before
 * the header (`ack_latency_us:`), else the file's name without extension, and the unit is the
 * name's suffix (`_us`, `_ms`, `_ns`, `_seconds`), else ms. A name printed twice keeps its last
 * print. Rows out of order or garbage inside the table are diagnostics with file and line; that
 * print is left out.
 */
import * as path from 'node:path';
import { EngineDiagnostic, warningAt } from '../diagnostics';
import type { CumulativeBucket } from './bucketQuantile';
import { unitScaleOf, type LatencyHistogram } from './latencyHistograms';

const HEADER = /^(.*?)\bValue\s+Percentile\s+TotalCount\s+1\/\(1-Percentile\)\s*$/;
const CSV_HEADER = /^(.*?)"Value","Percentile","TotalCount","1\/\(1-Percentile\)"\s*$/;
const WRK2_TITLE = /Latency Distribution \(HdrHistogram - (Recorded|Uncorrected) Latency/;
const TITLE = /^#?\s*([A-Za-z_][\w.:-]*)\s*:?\s*$/;
const RECENT = 16;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

interface Row {
  readonly value: number;
  readonly percentile: number;
  readonly count: number;
}

interface Block {
  readonly prefix: string;
  readonly csv: boolean;
  readonly line: number;
  readonly name: string;
  readonly wrk2: boolean;
  readonly rows: Row[];
  totalCount?: number;
  bad: boolean;
  blankSeen?: boolean;
}

export interface HdrHistogramReader {
  push(line: string, lineNo: number): void;
  end(): void;
}

export class HdrHistograms {
  private readonly found = new Map<string, LatencyHistogram>();
  readonly diagnostics: EngineDiagnostic[] = [];
  private bad = 0;

  private warn(file: string, line: number, message: string, expected: string): void {
    if (++this.bad <= 20) this.diagnostics.push(warningAt(file, message, { line, expected }));
  }

  reader(file: string): HdrHistogramReader {
    const stem = path.basename(file).replace(/\.[^.]*$/, '');
    // The last lines before a header, for its name: a ring, as every line of a log passes here.
    const ring: string[] = new Array<string>(RECENT);
    let written = 0;
    const remember = (line: string): void => {
      ring[written++ % RECENT] = line;
    };
    /** The remembered lines, oldest first. */
    const recentLines = (): string[] => {
      const n = Math.min(written, RECENT);
      return Array.from({ length: n }, (_, k) => ring[(written - n + k) % RECENT]);
    };
    let block: Block | undefined;

    const close = (): void => {
      if (block) this.close(file, block);
      block = undefined;
      written = 0; // a title names only the distribution right after it
    };

    const start = (prefix: string, csv: boolean, lineNo: number): void => {
      const recent = recentLines();
      let name = stem;
      let wrk2 = false;
      for (let i = recent.length - 1; i >= 0; i--) {
        const w = WRK2_TITLE.exec(recent[i]);
        if (w) {
          name = w[1] === 'Recorded' ? 'wrk2_latency' : 'wrk2_uncorrected_latency';
          wrk2 = true;
          break;
        }
      }
      if (!wrk2) {
        const before = recent[recent.length - 1]?.slice(prefix.trimEnd().length).trim();
        const t = before !== undefined ? TITLE.exec(before) : null;
        if (t) name = t[1];
      }
      block = { prefix: prefix.trimEnd(), csv, line: lineNo, name, wrk2, rows: [], bad: false };
    };

    const push = (raw: string, lineNo: number): void => {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (!block) {
        const h = line.includes('Percentile') ? (HEADER.exec(line) ?? CSV_HEADER.exec(line)) : null;
        if (h) start(h[1], line.includes('"Value"'), lineNo);
        else if (line.length > 0) remember(line);
        return;
      }
      const b = block;
      let rest = line;
      if (b.prefix !== '') {
        if (!line.startsWith(b.prefix)) return close();
        rest = line.slice(b.prefix.length);
      }
      const t = rest.trim();
      if (t === '') {
        // One blank line follows the header; any other ends the table.
        if (b.rows.length === 0 && !b.bad && !b.blankSeen) b.blankSeen = true;
        else close();
        return;
      }
      if (t.startsWith('#[')) {
        const m = /Total count\s*=\s*(\d+)/.exec(t);
        if (m) b.totalCount = Number(m[1]);
        if (/^#\[Buckets/.test(t)) close();
        return;
      }
      const cells = b.csv ? t.split(',') : t.split(/\s+/);
      if (!NUMBER.test(cells[0])) {
        if (b.rows.length === 0 && !b.bad) {
          this.warn(
            file,
            lineNo,
            `'${t.slice(0, 60)}' after a percentile distribution header is not a row; distribution left out`,
            'Value Percentile TotalCount [1/(1-Percentile)] rows',
          );
          b.bad = true;
        }
        return close();
      }
      this.row(file, b, cells, t, lineNo);
    };

    return {
      push,
      end: () => close(),
    };
  }

  private row(file: string, b: Block, cells: string[], text: string, lineNo: number): void {
    if (b.bad) return;
    const [v, p, c] = cells.map(Number);
    const tail = cells[3];
    if (
      cells.length < 3 ||
      cells.length > 4 ||
      !NUMBER.test(cells[1]) ||
      !/^\d+$/.test(cells[2]) ||
      (tail !== undefined && !NUMBER.test(tail) && !/^(inf|infinity)$/i.test(tail))
    ) {
      this.warn(
        file,
        lineNo,
        `'${text.slice(0, 60)}' is not a percentile row; distribution left out`,
        'Value Percentile TotalCount [1/(1-Percentile)], numbers',
      );
      b.bad = true;
      return;
    }
    const prev = b.rows[b.rows.length - 1];
    if (p < 0 || p > 1 || (prev && (v < prev.value || p < prev.percentile || c < prev.count))) {
      this.warn(
        file,
        lineNo,
        `row '${text.slice(0, 60)}' goes back (value, percentile and total count must not fall, percentile within 0–1); distribution left out`,
        'rows in increasing order of value, percentile and total count',
      );
      b.bad = true;
      return;
    }
    b.rows.push({ value: v, percentile: p, count: c });
  }

  private close(file: string, b: Block): void {
    if (b.bad) return;
    if (b.rows.length === 0) {
      this.warn(
        file,
        b.line,
        'a percentile distribution header with no rows; left out',
        'rows after the header',
      );
      return;
    }
    const last = b.rows[b.rows.length - 1];
    const total = last.percentile >= 1 ? last.count : b.totalCount;
    if (total === undefined || total < last.count || total === 0) {
      this.warn(
        file,
        b.line,
        `${b.name}: the distribution ends at ${(last.percentile * 100).toFixed(3)} % with no total count; left out`,
        'rows up to percentile 1.0, or a #[… Total count = N] line',
      );
      return;
    }
    const unit = b.wrk2
      ? { scale: 1, basis: 'milliseconds (wrk2 prints ms)' }
      : unitScaleOf(b.name, { scale: 1, unit: 'milliseconds (assumed: the print names no unit)' });
    if (!unit) return;
    const buckets: CumulativeBucket[] = [];
    for (const r of b.rows) {
      const le = r.value * unit.scale;
      const top = buckets[buckets.length - 1];
      if (top && top.le === le) buckets[buckets.length - 1] = { le, count: r.count };
      else buckets.push({ le, count: r.count });
    }
    buckets.push({ le: Infinity, count: total });
    this.found.set(b.name, {
      name: b.name,
      format: 'HdrHistogram',
      buckets,
      where: `${file}:${b.line}`,
      unitBasis: unit.basis,
    });
  }

  finish(): LatencyHistogram[] {
    return [...this.found.values()];
  }
}

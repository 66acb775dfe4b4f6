/**
 * Prometheus text exposition histograms, read line by line out of logs or `.prom` files.
 *
 * Format (prometheus.io "Exposition formats", text format 0.0.4): a histogram `x` is the series
 * `x_bucket{…,le="<bound>"} <cumulative count> [timestamp]`, one per bound in increasing order
 * ending with `le="+Inf"`, then `x_sum` and `x_count` (equal to the +Inf bucket). Other labels
 * make separate series. In a log the lines may carry a prefix (a time, a `[label]`), so a sample
 * is found anywhere in the line after a space, `]` or `|`; in a `.prom` file every non-comment
 * line must be a sample.
 *
 * A run that scrapes several times prints each series again: the last scrape holds the
 * cumulative counts. A scrape whose counts fall below the previous one's is a counter reset (the
 * process restarted); as Prometheus' `increase()` does, the counts before the reset are added.
 * Series of one name (other labels, other processes, other files) are summed bucket by bucket
 * over the bounds they all have, as `histogram_quantile(q, sum by (le) (…))` does.
 * Bad input (a bucket out of order, a cumulative count that falls, no +Inf bucket, a value that
 * is not a number) is a diagnostic naming the file and line; that scrape is left out.
 */
import { EngineDiagnostic, warningAt } from '../diagnostics';
import { splitLabel } from '../counters/linePrefix';
import type { CumulativeBucket } from './bucketQuantile';
import { unitScaleOf, type LatencyHistogram } from './latencyHistograms';

const SAMPLE =
  /(?:^|[\s\]|])([a-zA-Z_:][a-zA-Z0-9_:]*)_(bucket|sum|count)(\{(?:[^"}]|"(?:[^"\\]|\\.)*")*\})?[ \t]+(\S+)(?:[ \t]+-?\d+)?[ \t]*$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/y;

interface Scrape {
  readonly line: number;
  readonly bounds: number[];
  readonly counts: number[];
  infSeen: boolean;
  bad: boolean;
  count?: number;
}

interface Series {
  readonly name: string;
  current?: Scrape;
  last?: Scrape;
  /** Counts at each bound carried over resets. */
  carry: Map<number, number>;
  resets: number;
  scrapes: number;
}

function parseLabels(body: string): Map<string, string> | undefined {
  const labels = new Map<string, string>();
  const inner = body.slice(1, -1);
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < inner.length) {
    const m = LABEL.exec(inner);
    if (!m) return inner.slice(LABEL.lastIndex).trim() === '' ? labels : undefined;
    labels.set(
      m[1],
      m[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)),
    );
    if (m[3] === '') break;
  }
  return labels;
}

/** Prometheus floats: Go's ParseFloat forms, `+Inf`, `-Inf`, `NaN`. */
function parseValue(s: string): number | undefined {
  if (/^\+?Inf$/i.test(s)) return Infinity;
  if (/^-Inf$/i.test(s)) return -Infinity;
  const v = Number(s);
  return s.trim() !== '' && !Number.isNaN(v) ? v : undefined;
}

/** `…_count{` or `…_count ` somewhere in the line (not `block_count=3`). */
function hasCountSample(line: string): boolean {
  for (let i = line.indexOf('_count'); i !== -1; i = line.indexOf('_count', i + 6)) {
    const c = line.charCodeAt(i + 6);
    if (c === 123 /* { */ || c === 32 || c === 9) return true;
  }
  return false;
}

export interface PromHistogramReader {
  push(line: string, lineNo: number): void;
}

/** Collects histograms over any number of files; `finish` sums series per name. */
export class PromHistograms {
  private readonly series = new Map<string, Series>();
  readonly diagnostics: EngineDiagnostic[] = [];
  private bad = 0;

  /** A reader for one file; `strict` for `.prom` files, where every line must be a sample. */
  reader(file: string, strict: boolean): PromHistogramReader {
    return { push: (line, lineNo) => this.push(file, strict, line, lineNo) };
  }

  private warn(file: string, line: number, message: string, expected: string): void {
    if (++this.bad <= 20) this.diagnostics.push(warningAt(file, message, { line, expected }));
  }

  private push(file: string, strict: boolean, raw: string, lineNo: number): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    // Most log lines are no sample: test cheaply before the regular expression (a `_count` line
    // only matters once a bucket has been seen).
    const candidate =
      strict || line.includes('_bucket') || (this.series.size > 0 && hasCountSample(line));
    const m = candidate ? SAMPLE.exec(line) : null;
    if (!m) {
      const t = line.trim();
      if (
        strict &&
        t !== '' &&
        !t.startsWith('#') &&
        !/^[a-zA-Z_:][\w:]*(\{.*\})?\s+\S+(\s+-?\d+)?$/.test(t)
      )
        this.warn(
          file,
          lineNo,
          `'${t.slice(0, 60)}' is not a metric sample; line left out`,
          'name{labels} value [timestamp] (Prometheus text exposition format)',
        );
      return;
    }
    const [, name, part, labelText, valueText] = m;
    const labels = labelText ? parseLabels(labelText) : new Map<string, string>();
    if (!labels) {
      if (part === 'bucket')
        this.warn(
          file,
          lineNo,
          `${name}_bucket: labels cannot be read; line left out`,
          'label="value" pairs separated by commas',
        );
      return;
    }
    const le = labels.get('le');
    labels.delete('le');
    const process = splitLabel(line)?.label ?? '';
    const key = `${file}\u0000${process}\u0000${name}\u0000${[...labels].sort().join('\u0001')}`;
    const value = parseValue(valueText);
    if (part !== 'bucket') {
      const s = this.series.get(key);
      if (s?.current && part === 'count' && value !== undefined) s.current.count = value;
      return;
    }
    if (le === undefined) {
      // In a log, prose such as "… size_bucket grows" is no sample: only `{…le="…"}` counts.
      if (!strict) return;
      this.warn(
        file,
        lineNo,
        `${name}_bucket has no le label; line left out`,
        'le="<upper bound>"',
      );
      return;
    }
    const bound = parseValue(le);
    if (bound === undefined || value === undefined || value < 0 || !Number.isFinite(value)) {
      this.warn(
        file,
        lineNo,
        `${name}_bucket{le="${le.slice(0, 20)}"} ${valueText.slice(0, 20)}: not a bound and a count; scrape left out`,
        'a numeric le bound and a non-negative cumulative count',
      );
      const s = this.series.get(key);
      if (s?.current) s.current.bad = true;
      return;
    }
    let s = this.series.get(key);
    if (!s) {
      s = { name, carry: new Map(), resets: 0, scrapes: 0 };
      this.series.set(key, s);
    }
    let c = s.current;
    // The same bound again, or any bucket after +Inf, starts the next scrape of this series.
    if (c && (c.infSeen || c.bounds.includes(bound))) {
      this.close(file, s);
      c = undefined;
    }
    if (!c) {
      c = { line: lineNo, bounds: [], counts: [], infSeen: false, bad: false };
      s.current = c;
    }
    const k = c.bounds.length;
    if (!c.bad && k > 0 && bound < c.bounds[k - 1]) {
      this.warn(
        file,
        lineNo,
        `${name}_bucket le="${le}" comes after le="${c.bounds[k - 1]}": buckets out of order; scrape left out`,
        'buckets in increasing order of le (Prometheus exposition format)',
      );
      c.bad = true;
    } else if (!c.bad && k > 0 && value < c.counts[k - 1]) {
      this.warn(
        file,
        lineNo,
        `${name}_bucket le="${le}" counts ${value}, fewer than ${c.counts[k - 1]} at le="${c.bounds[k - 1]}": cumulative counts must not fall; scrape left out`,
        'cumulative counts that never decrease as le grows',
      );
      c.bad = true;
    }
    c.bounds.push(bound);
    c.counts.push(value);
    if (bound === Infinity) c.infSeen = true;
  }

  /** Ends the series' current scrape: checks it, detects a counter reset, keeps it as the last. */
  private close(file: string, s: Series): void {
    const c = s.current;
    s.current = undefined;
    if (!c || c.bad) return;
    if (!c.infSeen) {
      this.warn(
        file,
        c.line,
        `${s.name}: scrape has no le="+Inf" bucket; left out`,
        'a histogram ending with its le="+Inf" bucket',
      );
      return;
    }
    const inf = c.counts[c.counts.length - 1];
    if (c.count !== undefined && c.count !== inf)
      this.warn(
        file,
        c.line,
        `${s.name}_count ${c.count} differs from its +Inf bucket ${inf}; the buckets are used`,
        '_count equal to the le="+Inf" bucket',
      );
    const p = s.last;
    // A count that fell since the previous scrape is a counter reset (the process restarted):
    // keep what was counted before it, as Prometheus' increase() does.
    if (
      p &&
      p.bounds.some((b, i) => {
        const j = c.bounds.indexOf(b);
        return j >= 0 && c.counts[j] < p.counts[i];
      })
    ) {
      p.bounds.forEach((b, i) => s.carry.set(b, (s.carry.get(b) ?? 0) + p.counts[i]));
      s.resets++;
    }
    s.last = c;
    s.scrapes++;
  }

  /** Every histogram name's summed last scrapes, in ms; names whose unit is not a time are left out. */
  finish(): LatencyHistogram[] {
    const byName = new Map<string, { series: Series[]; where: string }>();
    for (const [key, s] of this.series) {
      const file = key.slice(0, key.indexOf('\u0000'));
      this.close(file, s);
      if (!s.last) continue;
      const e = byName.get(s.name) ?? { series: [], where: '' };
      e.series.push(s);
      e.where = `${file}:${s.last.line}`;
      byName.set(s.name, e);
    }
    const out: LatencyHistogram[] = [];
    for (const [name, { series, where }] of byName) {
      const unit = unitScaleOf(name, { scale: 1000, unit: 'seconds (Prometheus convention)' });
      if (!unit) continue;
      // Bounds every series has: summing cumulative counts there is exact.
      const common = series[0].last!.bounds.filter((b) =>
        series.every((s) => s.last!.bounds.includes(b)),
      );
      const buckets: CumulativeBucket[] = common.map((b) => ({
        le: b === Infinity ? b : b * unit.scale,
        count: series.reduce((sum, s) => {
          const l = s.last!;
          return sum + l.counts[l.bounds.indexOf(b)] + (s.carry.get(b) ?? 0);
        }, 0),
      }));
      const resets = series.reduce((n, s) => n + s.resets, 0);
      out.push({
        name,
        format: 'Prometheus',
        buckets,
        where,
        unitBasis: unit.basis + (resets > 0 ? `; ${resets} counter reset(s) added back` : ''),
      });
    }
    return out;
  }
}

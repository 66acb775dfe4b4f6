/**
 * Turns the server's view of a source (profile, log, run, soak) into what the panel shows.
 * Pure: no `vscode`. Every table says what it rests on: samples, windows, wall-clock, units.
 */
import type { SourceView } from '../../protocol/server';
import { formatDiagnostic } from '../../protocol/diagnostics';
import type { Cell, PanelModel, TableView } from '../../protocol/webview';

const r1 = (x: number | null | undefined): Cell =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10) / 10;
const r2 = (x: number | null | undefined): Cell =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 100) / 100;
const mib = (kb: number | undefined): Cell =>
  kb === undefined ? null : Math.round((kb / 1024) * 10) / 10;

type FunctionRow = NonNullable<SourceView['profile']>['functions'][number];

/** The user's own code: a file that is neither Node's internals nor a dependency; not a VM frame. */
export function isOwnCode(f: FunctionRow): boolean {
  return f.file !== null && !f.file.startsWith('node:') && !/[\\/]node_modules[\\/]/.test(f.file);
}

function profileTables(p: NonNullable<SourceView['profile']>): TableView[] {
  const ms = p.unit === 'ms';
  // Heap profiles weigh bytes and callgrind counts events: never shown as time.
  const weighed = p.unit === 'bytes' || p.unit === 'events';
  const unitLabel = p.unit === 'bytes' ? 'bytes' : (p.weightLabel ?? 'events');
  const basis = ms
    ? `${p.totalSamples.toLocaleString('en-US')} samples, ${(p.totalMs ?? 0).toFixed(1)} ms profiled, ${p.processes.length} profile(s); total time counts recursion once`
    : weighed
      ? `${p.totalSamples.toLocaleString('en-US')} samples weighed in ${unitLabel} (${p.unit === 'bytes' ? 'memory' : 'counted events'}, not time)`
      : `${p.totalSamples.toLocaleString('en-US')} samples, sample counts only (this format has no times)`;
  const columns = [
    'Function',
    'Location',
    ms ? 'Self ms' : weighed ? `Self ${unitLabel}` : 'Self',
    'Self %',
    ms ? 'Total ms' : weighed ? `Total ${unitLabel}` : 'Total',
    'Total %',
    'Samples',
  ];
  const row = (f: FunctionRow): Cell[] => [
    f.owner ? `${f.owner}::${f.name}` : f.name,
    f.file ? `${f.file}${f.line !== null ? `:${f.line}` : ''}` : '—',
    ms ? r1(f.selfMs) : weighed ? (f.selfWeight ?? null) : f.samples,
    r1(f.selfPct),
    ms ? r1(f.totalMs) : weighed ? (f.totalWeight ?? null) : f.totalSamples,
    r1(f.totalPct),
    f.samples,
  ];
  const own = p.functions.filter(isOwnCode);
  return [
    {
      title: 'Your code: top functions by self time',
      basis: `${basis}; functions outside node: internals, node_modules and VM frames; % of all samples`,
      columns,
      rows: own.map(row),
    },
    { title: 'Top functions by self time', basis, columns, rows: p.functions.map(row) },
    {
      title: 'Profiles',
      basis: 'one profile per process; merged above',
      columns: ['Profile', 'Format', 'PID', 'Command', 'Samples', 'Profiled ms'],
      rows: p.processes.map((x) => [
        x.name,
        x.format,
        x.pid ?? null,
        x.command ?? null,
        x.samples,
        r1(x.totalMs),
      ]),
    },
  ];
}

function counterTables(c: NonNullable<SourceView['counters']>): TableView[] {
  const procs = new Set(c.processes.map((p) => p.source)).size;
  const tables: TableView[] = [
    {
      title: 'Top counters by total time',
      basis: `${c.windows} dump window(s) from ${procs} process(es), wall-clock ${(c.wallClockMs / 1000).toFixed(1)} s (${c.wallClockBasis}); % wall is total ms ÷ wall-clock, summed over processes, so overlapping calls and several processes can pass 100; counts of incr-only counters are quantities in their unit`,
      columns: [
        'Counter',
        'Kind',
        'Count',
        'Unit',
        'Total ms',
        'Avg ms',
        'Max ms',
        'Per s',
        '% wall',
      ],
      rows: c.counters.map((x) => [
        x.name,
        x.kind,
        x.count,
        x.unit ?? (x.kind === 'timer' ? 'calls' : null),
        x.kind === 'timer' ? r1(x.totalMs) : null,
        x.kind === 'timer' ? r2(x.avgMs) : null,
        x.kind === 'timer' ? r1(x.maxMs) : null,
        r1(x.ratePerSec),
        x.kind === 'timer' ? r1(x.shareOfWallClock * 100) : null,
      ]),
    },
    {
      title: 'Counter families',
      basis: 'counters grouped by dotted prefix, by total time',
      columns: ['Family', 'Total ms', 'Counters', 'Members'],
      rows: c.families.map((f) => [
        `${f.prefix}.*`,
        r1(f.totalMs),
        f.members.length,
        f.members.join(', '),
      ]),
    },
  ];
  if (c.resources) {
    const res = c.resources;
    const rows: Cell[][] = (res.perProcess ?? []).map((p) => [
      p.name ?? '?',
      p.pid ?? null,
      p.samples,
      r1(p.avgCpuPct),
      r1(p.maxCpuPct),
      mib(p.avgRssKb),
      mib(p.maxRssKb),
    ]);
    rows.push([
      'all processes',
      null,
      res.total.samples,
      r1(res.total.avgCpuPct),
      r1(res.total.maxCpuPct),
      mib(res.total.avgRssKb),
      mib(res.total.maxRssKb),
    ]);
    tables.push({
      title: 'Resources (active window)',
      basis: `from samples.tsv after a ${res.startSkipMs / 1000} s start-skip; CPU in % of one core`,
      columns: [
        'Process',
        'PID',
        'Samples',
        'CPU avg %',
        'CPU max %',
        'RSS avg MiB',
        'RSS max MiB',
      ],
      rows,
    });
  }
  if (c.runs && c.runs.length > 0) {
    tables.push({
      title: 'Runs of the soak',
      basis: `${c.runs.length} run folder(s)`,
      columns: ['Run', 'Windows', 'Wall-clock s', 'Missing'],
      rows: c.runs.map((r) => [
        r.name,
        r.windows,
        r1(r.wallClockMs === undefined ? undefined : r.wallClockMs / 1000),
        r.missing.join(', ') || null,
      ]),
    });
  }
  return tables;
}

export function sourcePanelModel(view: SourceView): PanelModel {
  const name = view.path.split('/').filter(Boolean).pop() ?? view.path;
  const facts = [{ label: 'Source', value: view.path }];
  if (view.counters?.assertions)
    facts.push({
      label: 'Assertions',
      value: `${view.counters.assertions.pass} PASS, ${view.counters.assertions.fail} FAIL`,
    });
  if (view.counters?.missing && view.counters.missing.length > 0)
    facts.push({ label: 'Missing', value: view.counters.missing.join(', ') });
  if (!view.found.profile && !view.found.counters)
    facts.push({ label: 'Found', value: 'neither a CPU profile nor counter dumps' });
  return {
    title: `PerfLens: ${name}`,
    facts,
    // Counters first: the top-counter table is what a post-mortem asks for before any fix.
    tables: orderTables([
      ...(view.counters ? counterTables(view.counters) : []),
      ...(view.profile ? profileTables(view.profile) : []),
    ]),
    diagnostics: view.diagnostics.map(formatDiagnostic),
    ...(view.found.profile
      ? { actions: [{ id: 'openFlame' as const, label: 'Open flame graph' }] }
      : {}),
  };
}

/** Headline tables first (top counters, your code), detail after. */
function orderTables(tables: TableView[]): TableView[] {
  const rank = (t: TableView): number =>
    [
      'Top counters by total time',
      'Your code: top functions by self time',
      'Top functions by self time',
    ].indexOf(t.title);
  const score = (t: TableView): number => (rank(t) < 0 ? 100 : rank(t));
  return [...tables].sort((a, b) => score(a) - score(b));
}

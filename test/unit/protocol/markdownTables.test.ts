/**
 * The Summary and counter tables as copied: one builder (protocol/markdownTables.ts) behind the
 * panel's Copy as Markdown and `perflens report --markdown`. A small hand-made source; every
 * expected line is written out by hand, with the arithmetic beside it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { processCounterTable, summaryTables } from '../../../protocol/markdownTables';
import { formatDuration } from '../../../protocol/format';
import { markdownDocument } from '../../../engine/format/markdownTable';
import { markdownReport } from '../../../engine/report/markdownReport';
import type { CounterProcessRow, SourceData } from '../../../protocol/sourceData';

const rowsOf = (process: number): CounterProcessRow[] => [
  // send: 4 calls, 2500 ms of alice's 10,000 ms = 25 %
  {
    name: 'send',
    family: 'send',
    kind: 'timer',
    process,
    count: 4,
    totalMs: 2500,
    maxMs: 900,
    windows: 2,
    wallPct: 25,
  },
  // send.put runs inside send: 1000 of send's 2500 ms = 40 %
  {
    name: 'send.put',
    family: 'send',
    kind: 'timer',
    process,
    count: 8,
    totalMs: 1000,
    maxMs: 200,
    windows: 2,
    wallPct: 10,
    parent: 'send',
    ofParentPct: 40,
  },
  {
    name: 'send.bytes',
    family: 'send',
    kind: 'count',
    unit: 'bytes',
    process,
    count: 1000,
    totalMs: 0,
    maxMs: 0,
    windows: 2,
    wallPct: null,
    parent: 'send',
    perParentCall: 250,
  },
];

const d: SourceData = {
  path: '/runs/r1',
  title: 'r1',
  input: 'run',
  basis: 'Source: /runs/r1 (run)',
  warnings: [],
  summary: {
    command: 'node soak.mjs',
    startTime: '2026-01-01T00:00:00.000Z',
    // 48 h 2 min = (48 × 60 + 2) × 60,000 ms = 172,920,000 ms
    durationMs: 172_920_000,
    durationBasis: 'run.json start to end',
    exitStatus: 'exit 1',
    assertions: {
      pass: 2,
      fail: 1,
      file: '/runs/r1/script.log',
      failures: [{ file: '/runs/r1/script.log', line: 7, text: 'balance x|y' }],
    },
    missing: ['samples.tsv'],
    resources: {
      basis: 'the active window after the 30.0 s start-skip (2 earlier samples left out)',
      rows: [
        {
          name: 'alice (pid 7)',
          samples: 3,
          avgCpuPct: 50.24,
          maxCpuPct: 120,
          avgRssMiB: 64,
          maxRssMiB: 70.56,
        },
      ],
    },
  },
  counters: {
    processes: [
      {
        name: 'alice',
        wallClockMs: 10_000,
        spanBasis: "from when it was first seen to the run's end",
        windows: 2,
      },
    ],
    wallClockMs: 10_000,
    wallClockBasis: 'run.json start to end',
    dumpIntervalMs: 5000,
    rows: [...rowsOf(-1), ...rowsOf(0)],
  },
  functions: {
    unit: 'ms',
    totalSamples: 100,
    totalMs: 50,
    profiles: [{ name: 'p', format: 'v8-cpuprofile', samples: 100, totalMs: 50 }],
    names: ['work', 'readFile'],
    files: ['/src/work.ts', 'node:fs'],
    lines: [3, null],
    selfCost: [30, 20],
    totalCost: [45, 20],
    selfPct: [60, 40],
    totalPct: [90, 40],
    selfSamples: [60, 40],
    totalSamplesOf: [90, 40],
  },
};

// Rates: 4 calls / 10 s = 0.4 /s, 8 / 10 = 0.8 /s; avg 2500 / 4 = 625, 1000 / 8 = 125 ms.
// Functions: node:fs is not the user's code, so only `work` (30 of 50 ms profiled = 60 %).
const EXPECTED = `### PerfLens summary: r1

Source: /runs/r1 (run)

| Fact | Value |
| :--- | :--- |
| What ran | node soak.mjs |
| Started | 2026-01-01T00:00:00.000Z |
| Duration | 48 h 2 min (run.json start to end) |
| Exit status | exit 1 |
| Assertions | 2 PASS, 1 FAIL |
| Missing files | samples.tsv |
| Warnings | 0 |

FAIL at /runs/r1/script.log:7: balance x|y

### CPU and memory

Source: /runs/r1 (run)

| Process | Samples | Avg CPU % | Max CPU % | Avg RSS MiB | Max RSS MiB |
| :--- | ---: | ---: | ---: | ---: | ---: |
| alice (pid 7) | 3 | 50.2 | 120.0 | 64.0 | 70.6 |

Over the active window after the 30.0 s start-skip (2 earlier samples left out). CPU % is of one core (200 % = two cores busy).

### Top counters by total time

Source: /runs/r1 (run)

| Counter | Count | Unit | Total ms | Avg ms | Max ms | Rate /s | % of wall | Of parent |
| :--- | ---: | :--- | ---: | ---: | ---: | ---: | ---: | :--- |
| send | 4 | calls | 2,500.0 | 625.00 | 900.0 | 0.4 | 25.0 | – |
| send.put | 8 | calls | 1,000.0 | 125.00 | 200.0 | 0.8 | 10.0 | 40.0 % of send |

% of wall: total ms ÷ alice's wall-clock of 10.0 s (from when it was first seen to the run's end); overlapping async calls can pass 100 %.

### Your code: top functions by self time

Source: /runs/r1 (run)

| Function | File:line | Self ms | Self % | Total ms | Total % | Samples |
| :--- | :--- | ---: | ---: | ---: | ---: | ---: |
| work | /src/work.ts:3 | 30.0 | 60.0 | 45.0 | 90.0 | 60 |

Self % and Total %: % of 50 ms profiled (100 CPU samples); total counts recursion once; Samples = self samples.
Your code: functions outside node: internals, node\\_modules and VM frames.
`;

describe('the Summary as copied: one builder for the panel and the CLI', () => {
  it("the panel's Copy as Markdown gives the hand-written tables", () => {
    assert.equal(markdownDocument(summaryTables(d)), EXPECTED);
  });

  it('`perflens report --markdown` starts with the very same text', () => {
    const md = markdownReport(d);
    assert.equal(md.slice(0, EXPECTED.length), EXPECTED);
  });

  it('the counter table has the Rate column and a total row that adds no timers', () => {
    const md = markdownDocument([processCounterTable(d, 0)]);
    // bytes: 1000 / 10 s = 100.0 /s; 1000 bytes / 4 send calls = 250 per call (two decimals)
    assert.match(
      md,
      /^\| send\.bytes \| 1,000 \| bytes \| – \| – \| – \| 100\.0 \| – \| 250\.00 per send call \|$/m,
    );
    assert.match(
      md,
      /^Total: 3 counter\(s\) over 10\.0 s of wall-clock \(from when it was first seen/m,
    );
    assert.match(md, /timers may nest/);
    // send + send.put would be 2500 + 1000 = 3,500 ms, 35 %: never printed
    assert.doesNotMatch(md, /3,500|35\.0/);
  });
});

describe('durations on every face', () => {
  it('milliseconds, seconds, minutes, hours', () => {
    assert.equal(formatDuration(3), '3.0 ms');
    assert.equal(formatDuration(5342), '5.3 s');
    // 125 s = 2 min 5 s
    assert.equal(formatDuration(125_000), '2 min 5 s');
    // 172,920 s = 2882 min = 48 h 2 min
    assert.equal(formatDuration(172_920_000), '48 h 2 min');
    assert.equal(formatDuration(undefined), '–');
  });
});

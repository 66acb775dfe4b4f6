import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeCell, markdownGrid, markdownTable } from '../../../../engine/format/markdownTable';

describe('Markdown tables (engine/format/markdownTable: the panel, report and compare share it)', () => {
  it('writes a GitHub table: numbers right-aligned, text left, context above and notes below', () => {
    const md = markdownTable({
      title: 'Counters: alice',
      context: ['Source: run-1 (run); 6 windows'],
      columns: [
        { label: 'Counter', numeric: false },
        { label: 'Total ms', numeric: true },
        { label: '% of wall', numeric: true },
      ],
      rows: [
        ['orbitdb.putEntry.bundle', 1594.547, 76.33],
        ['ipfs.fetchCar.bytes', 632832, null],
      ],
      notes: ['% of wall: total ms ÷ 2.1 s'],
    });
    assert.equal(
      md,
      [
        '### Counters: alice',
        '',
        'Source: run-1 (run); 6 windows',
        '',
        '| Counter | Total ms | % of wall |',
        '| :--- | ---: | ---: |',
        // 1594.547 → two decimals and a thousands separator; 632832 whole; null as a dash
        '| orbitdb.putEntry.bundle | 1,594.55 | 76.33 |',
        '| ipfs.fetchCar.bytes | 632,832 | – |',
        '',
        '% of wall: total ms ÷ 2.1 s',
        '',
      ].join('\n'),
    );
  });

  it('hostile names stay one literal cell: pipes, HTML, backticks and line separators escaped', () => {
    const names = [
      '</script><img src=x onerror=alert(1)>',
      '"><svg onload=alert(1)>',
      'a|b`c`',
      'line\u2028break\u2029and\nnewline',
    ];
    for (const n of names) {
      const cell = escapeCell(n);
      assert.ok(!/[<>\n\u2028\u2029]/.test(cell), cell);
      assert.ok(!/(^|[^\\])\|/.test(cell), `no bare pipe: ${cell}`);
      assert.ok(!/(^|[^\\])`/.test(cell), `no bare backtick: ${cell}`);
    }
    assert.equal(escapeCell('a|b'), 'a\\|b');
    assert.equal(escapeCell('<img>'), '&lt;img&gt;');
    const md = markdownTable({
      title: 't',
      context: [],
      columns: [
        { label: 'Function', numeric: false },
        { label: 'Self ms', numeric: true },
      ],
      rows: names.map((n) => [n, 1]),
      notes: [],
    });
    // Every row keeps exactly its two cells: 3 unescaped pipes per line.
    for (const line of md.split('\n').filter((l) => l.startsWith('| ')))
      assert.equal(line.replace(/\\\|/g, '').split('|').length - 1, 3, line);
  });

  it('writes the grid by hand-written expectation: a pipe in a name escaped, numbers right-aligned', () => {
    const lines = markdownGrid(
      [
        { label: 'Metric', numeric: false },
        { label: 'Baseline', numeric: true },
        { label: 'Δ%', numeric: true },
      ],
      [
        ['latency|p99 (ms)', '12.5 (n=5)', '+3.1 %'],
        ['rss', 1234567, 0.5],
      ],
    );
    assert.deepEqual(lines, [
      '| Metric | Baseline | Δ% |',
      '| :--- | ---: | ---: |',
      '| latency\\|p99 (ms) | 12.5 (n=5) | +3.1 % |',
      // 1234567 whole: thousands separators; 0.5 not whole: two decimals
      '| rss | 1,234,567 | 0.50 |',
    ]);
  });

  it('an empty grid still renders one (none) row so the table is not broken', () => {
    const lines = markdownGrid(
      [
        { label: 'Gate rule', numeric: false },
        { label: 'result', numeric: false },
      ],
      [],
    );
    assert.deepEqual(lines, ['| Gate rule | result |', '| :--- | :--- |', '| (none) |  |']);
  });
});

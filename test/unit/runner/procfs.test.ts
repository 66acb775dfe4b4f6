/** /proc parsing and the run's environment — the small pure pieces of the runner. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuProfEnv, quoteNodeOption } from '../../../runner/nodeOptions';
import { parseStat, readStat } from '../../../runner/procfs';
import { checkDiagnosticsUrl } from '../../../runner/diagnosticsPoller';
import { planZeroX } from '../../../runner/zeroX';

describe('runner: procfs', () => {
  it('parses a stat line whose command name holds spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    fields[0] = 'S'; // field 3
    const s = parseStat(`4242 (we ird) (name) ${fields.join(' ')}`)!;
    assert.equal(s.pid, 4242);
    assert.equal(s.comm, 'we ird) (name');
    assert.equal(s.state, 'S');
    assert.equal(s.ppid, 4);
    assert.equal(s.pgrp, 5);
    assert.equal(s.cpuTicks, 14 + 15);
    assert.equal(s.childCpuTicks, 16 + 17);
    assert.equal(s.rssPages, 24);
  });

  it('reads this process', () => {
    const s = readStat(process.pid)!;
    assert.equal(s.pid, process.pid);
    assert.equal(s.ppid, process.ppid);
    assert.ok(s.rssPages > 0);
  });
});

describe('runner: environment and plans', () => {
  it('quotes preload paths for NODE_OPTIONS and keeps existing options', () => {
    assert.equal(quoteNodeOption('/a b/"c"\\d'), '"/a b/\\"c\\"\\\\d"');
    const env = cpuProfEnv(
      { profilesDir: '/r/profiles', preloadPath: '/r x/p.cjs', samplingIntervalUs: 250 },
      '--max-old-space-size=512',
    );
    assert.equal(env.NODE_OPTIONS, '--max-old-space-size=512 --require="/r x/p.cjs"');
    assert.equal(env.PERFLENS_CPU_PROF_INTERVAL_US, '250');
  });

  it('accepts only loopback diagnostics URLs', () => {
    assert.ok(checkDiagnosticsUrl('http://127.0.0.1:9000/diag') instanceof URL);
    assert.ok(checkDiagnosticsUrl('http://localhost/x') instanceof URL);
    assert.match(String(checkDiagnosticsUrl('http://example.com/x')), /must point at localhost/);
    assert.match(String(checkDiagnosticsUrl('file:///etc/passwd')), /must be http/);
  });

  it('warns about 0x log growth for long or unlimited runs', () => {
    const plan = planZeroX(['node', 'app.js'], '/r/0x', 'node', undefined);
    assert.ok(typeof plan !== 'string' && plan.warnings.some((w) => /MB\/s/.test(w)));
    const short = planZeroX(['node', 'app.js'], '/r/0x', 'node', 5);
    assert.ok(typeof short !== 'string' && !short.warnings.some((w) => /MB\/s/.test(w)));
  });
});

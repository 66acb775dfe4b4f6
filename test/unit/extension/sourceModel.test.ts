import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sourcePanelModel } from '../../../extension/panel/sourceModel';
import { loadSections, sourceViewOf } from '../../../server/views/sourceView';
import { sourceInfo } from '../../../server/lsp/sourceInfo';
import type { SourceView } from '../../../protocol/server';
import { join, resolve } from 'node:path';

const fixtures = resolve(__dirname, '..', '..', 'fixtures');

/** What the server answers to perflens/openSource for `path`. */
async function buildSourceView(path: string): Promise<SourceView> {
  const sections = await loadSections(path);
  return sourceViewOf(path, sections, sourceInfo(path, sections));
}

describe('the panel model of a source (engine view → tables)', () => {
  it('a real V8 profile gives a top-functions table with its basis and a flame-graph action', async () => {
    const view = await buildSourceView(
      join(fixtures, 'workspaces', 'basic', 'profiles', 'work.cpuprofile'),
    );
    assert.equal(view.found.profile, true);
    const model = sourcePanelModel(view);
    const top = model.tables.find((t) => t.title === 'Top functions by self time');
    assert.ok(top);
    assert.match(top.basis, /^\d[\d,]* samples, \d+\.\d ms profiled, 1 profile/);
    assert.deepEqual(top.columns, [
      'Function',
      'Location',
      'Self ms',
      'Self %',
      'Total ms',
      'Total %',
      'Samples',
    ]);
    // The program spends its time in putEntry/hashLoop/encodeEntry: they lead the table.
    assert.deepEqual(
      new Set(top.rows.slice(0, 3).map((r) => r[0])),
      new Set(['putEntry', 'hashLoop', 'encodeEntry']),
    );
    assert.deepEqual(model.actions, [{ id: 'openFlame', label: 'Open flame graph' }]);
    // The headline table is the user's own code: no VM frames, no node: internals.
    assert.equal(model.tables[0].title, 'Your code: top functions by self time');
    const own = model.tables[0].rows;
    assert.ok(own.length >= 3);
    for (const r of own) assert.match(String(r[1]), /workspaces\/basic\/src\/work\.js:\d+$/);
  });

  it('input that is neither a profile nor a log says so, with the reasons, and offers no flame graph', async () => {
    const view = await buildSourceView(join(fixtures, 'workspaces', 'basic', 'src', 'hello.js'));
    assert.deepEqual(view.found, { profile: false, counters: false });
    const model = sourcePanelModel(view);
    assert.equal(model.tables.length, 0);
    assert.ok(model.facts.some((f) => f.value === 'neither a CPU profile nor counter dumps'));
    assert.ok(model.diagnostics.length > 0, 'the reasons are shown');
    assert.equal(model.actions, undefined);
  });
});

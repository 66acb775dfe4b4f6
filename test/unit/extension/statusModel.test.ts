import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { statusPanelModel } from '../../../extension/panel/statusModel';
import { DEFAULT_SERVER_SETTINGS } from '../../../protocol/server';

describe('statusPanelModel', () => {
  it('lists loaded sources with their diagnostics placed and says what the table rests on', () => {
    const model = statusPanelModel({
      serverVersion: '0.1.0',
      pid: 42,
      nodeVersion: 'v20.0.0',
      transport: 'ipc',
      uptimeMs: 5,
      settings: DEFAULT_SERVER_SETTINGS,
      parsedDocuments: 0,
      loadedSources: [
        {
          path: '/r/p.cpuprofile',
          kind: 'v8-cpuprofile',
          functionCount: 7,
          diagnostics: [{ severity: 'warning', file: '/r/p.cpuprofile', line: 1, message: 'x' }],
        },
      ],
    });
    assert.equal(model.facts[0].value, '0.1.0 · pid 42 · ipc · Node v20.0.0');
    assert.deepEqual(model.tables[0].rows, [['/r/p.cpuprofile', 'v8-cpuprofile', 7]]);
    assert.match(model.tables[0].basis, /1 source/);
    // Structured, so the page links it to line 1; its text is the one `file:line: severity:` form.
    assert.deepEqual(model.diagnostics, [
      {
        severity: 'warning',
        file: '/r/p.cpuprofile',
        line: 1,
        text: '/r/p.cpuprofile:1: warning: x',
      },
    ]);
  });
});

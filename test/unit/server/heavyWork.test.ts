/**
 * server/worker/heavyWork.ts: a worker that dies fails the job in flight with a message saying
 * so (never a request left hanging), and the next job starts a new worker.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeavyWork } from '../../../server/worker/heavyWork';

describe('HeavyWork', () => {
  it('fails a job whose worker died, and starts a new worker for the next one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perflens-heavy-'));
    // A stand-in worker: the first job it ever sees (marker file absent) kills it; later ones
    // (a new worker) are answered.
    const marker = join(dir, 'died-once');
    const file = join(dir, 'worker.js');
    writeFileSync(
      file,
      `const { parentPort } = require('node:worker_threads');
       const fs = require('node:fs');
       parentPort.on('message', ({ id }) => {
         if (!fs.existsSync(${JSON.stringify(marker)})) {
           fs.writeFileSync(${JSON.stringify(marker)}, '');
           process.exit(3);
         }
         parentPort.postMessage({ id, result: [] });
       });`,
    );
    const heavy = new HeavyWork(file);
    const job = {
      path: '/x.ts',
      text: '',
      language: 'typescript' as const,
      counterCallees: [],
      rustCounterMacros: [],
    };
    try {
      await assert.rejects(heavy.parse(job), /perflens worker exited with code 3/);
      assert.deepEqual(await heavy.parse(job), []);
    } finally {
      heavy.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without a worker file runs the job in this thread', async () => {
    const heavy = new HeavyWork(undefined);
    const fns = await heavy.parse({
      path: '/x.ts',
      text: 'export function f() {}',
      language: 'typescript',
      counterCallees: [],
      rustCounterMacros: [],
    });
    assert.deepEqual(
      fns.map((f) => [f.name, f.line]),
      [['f', 1]],
    );
  });
});

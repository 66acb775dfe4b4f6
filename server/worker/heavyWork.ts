/**
 * Runs the server's heavy jobs (`jobs.ts`) on one worker thread, so that loading a source or
 * parsing a new file never holds up a CodeLens or hover request for a file already parsed.
 *
 * The worker runs the server's own bundle (`dist/server.js` starts `serveJobs` when it is not
 * the main thread): no second file to ship. It is started on the first job and restarted on
 * the next job if it dies; a job in flight when it dies fails with a message saying so. Without
 * a worker file (the engine used from its sources, e.g. by a unit test) the jobs run in-thread.
 */
import { Worker } from 'node:worker_threads';
import type { SourceFunction } from '../../engine/source/sourceFunctions';
import type { Compare } from '../../protocol/server';
import {
  runJob,
  type Compared,
  type Job,
  type LoadedSource,
  type LoadSourceJob,
  type ParseJob,
} from './jobs';
import type { JobReply, JobRequest } from './workerMain';

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

export class HeavyWork {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /**
   * `workerFile`: the bundle to start as the worker (the server's own), or undefined to work
   * in-thread.
   */
  constructor(private readonly workerFile: string | undefined) {}

  loadSource(job: Omit<LoadSourceJob, 'kind'>): Promise<LoadedSource> {
    return this.run({ kind: 'loadSource', ...job }) as Promise<LoadedSource>;
  }

  parse(job: Omit<ParseJob, 'kind'>): Promise<SourceFunction[]> {
    return this.run({ kind: 'parse', ...job }) as Promise<SourceFunction[]>;
  }

  compare(params: Compare.Params): Promise<Compared> {
    return this.run({ kind: 'compare', params }) as Promise<Compared>;
  }

  private run(job: Job): Promise<unknown> {
    if (!this.workerFile) return runJob(job);
    const worker = this.started(this.workerFile);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // A job in flight keeps the process alive until it is answered; an idle worker does not.
      worker.ref();
      worker.postMessage({ id, job } satisfies JobRequest);
    });
  }

  private started(file: string): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(file);
    // An idle worker must not keep the server alive after `exit`.
    worker.unref();
    worker.on('message', (reply: JobReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in reply) p.reject(new Error(reply.error));
      else p.resolve(reply.result);
    });
    const fail = (why: string): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(new Error(`perflens worker ${why}`));
      this.pending.clear();
    };
    worker.on('error', (err) => fail(`failed: ${err.message}`));
    worker.on('exit', (code) => fail(`exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}

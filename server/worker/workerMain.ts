/**
 * The worker thread's side: runs each job it is sent and posts back its result or its error.
 * Jobs run one after another in arrival order (a parse queued behind a load waits for it; the
 * server's thread does not).
 */
import { parentPort } from 'node:worker_threads';
import { runJob, type Job } from './jobs';

export interface JobRequest {
  readonly id: number;
  readonly job: Job;
}

export type JobReply =
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly error: string };

export function serveJobs(): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs runs on a worker thread only');
  let queue: Promise<void> = Promise.resolve();
  port.on('message', ({ id, job }: JobRequest) => {
    queue = queue.then(async () => {
      let reply: JobReply;
      try {
        reply = { id, result: await runJob(job) };
      } catch (err) {
        reply = { id, error: err instanceof Error ? err.message : String(err) };
      }
      port.postMessage(reply);
    });
  });
}

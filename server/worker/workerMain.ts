/**
 * The worker thread's side: runs each job it is sent and posts back its result or its error.
 * Jobs run one after another in arrival order (a parse queued behind a load waits for it; the
 * server's thread does not).
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { runJob, type Job } from './jobs';

export interface JobRequest {
  readonly id: number;
  readonly job: Job;
}

export type JobReply =
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly error: string };

/**
 * Linux: lower this thread's scheduling priority (nice 10), so that on a busy machine the
 * server's own thread — answering CodeLens and hover — gets the CPU first while a 100 MB source
 * loads here. `setpriority` takes a thread id on Linux; `/proc/thread-self` names ours. Elsewhere
 * (or if refused) the worker simply keeps the process's priority.
 */
function yieldCpuToTheServer(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // Not Linux, or not allowed: same priority as the server's thread.
  }
}

export function serveJobs(): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs runs on a worker thread only');
  yieldCpuToTheServer();
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

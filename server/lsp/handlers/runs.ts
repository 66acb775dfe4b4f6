/**
 * Live runs: the extension host runs the tree and writes script.log; the parsing is done here, by
 * one follower per run folder.
 */
import { FinishRun, FollowRun, LiveRunData, RunProgress } from '../../../protocol/server';
import { RunFollower } from '../../live/runFollower';
import type { SessionContext } from '../sessionContext';

/** Registers followRun / finishRun; the returned function stops every follower (shutdown). */
export function registerRunHandlers(ctx: SessionContext): () => void {
  const { connection, inline } = ctx;
  const followers = new Map<string, RunFollower>();
  const followerFor = (runDir: string): RunFollower => {
    let f = followers.get(runDir);
    if (!f) {
      f = new RunFollower({
        runDir,
        onProgress: (p) => void connection.sendNotification(RunProgress.type, p),
        // Lenses follow the run: at most once a second, and only when a number changed.
        onCounters: (run) => {
          if (inline.followCounters(runDir, run)) ctx.refreshLenses();
        },
        onData: (update) => void connection.sendNotification(LiveRunData.type, { runDir, update }),
      });
      followers.set(runDir, f);
    }
    return f;
  };

  connection.onRequest(FollowRun.type, ({ runDir }) => followerFor(runDir).start());
  connection.onRequest(FinishRun.type, async ({ runDir }) => {
    // Also works for a run this server never followed (it was restarted): read it whole now.
    try {
      return await followerFor(runDir).finish();
    } finally {
      followers.delete(runDir);
    }
  });
  return () => {
    for (const f of followers.values()) f.stop();
  };
}

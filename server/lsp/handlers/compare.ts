/** A/B comparisons, asked by Compare Runs and A/B Soak. */
import { Compare } from '../../../protocol/server';
import type { SessionContext } from '../sessionContext';

export function registerCompareHandlers(ctx: SessionContext): void {
  // The last comparison stays in the session: lenses show each function's change vs its baseline.
  ctx.connection.onRequest(Compare.type, async (p) => {
    const { result, comparison } = await ctx.heavy.compare(p);
    if (comparison) {
      ctx.inline.setComparison(comparison);
      ctx.refreshLenses();
    }
    return result;
  });
}

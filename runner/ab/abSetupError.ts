/** An A/B that cannot go on as asked (a worktree or setup that failed, bad options). */
export class AbSetupError extends Error {}

/**
 * The CLI's one usage-error path and its exit codes. Every subcommand throws `UsageError` for a
 * command line it cannot use; `cli/main.ts` prints it with the subcommand's usage and exits 2.
 * The codes are documented in README.md (section CLI); keep the two in step.
 */
export class UsageError extends Error {
  /**
   * Whether the subcommand's usage line follows the message. False for a refusal whose command
   * line is fine but cannot be carried out as things stand (a run folder another run holds):
   * repeating the synopsis there would only hide the reason.
   */
  readonly showUsage: boolean;
  constructor(message: string, options: { readonly showUsage?: boolean } = {}) {
    super(message);
    this.showUsage = options.showUsage ?? true;
  }
}

export const ExitCode = {
  /** The command did what it was asked. */
  ok: 0,
  /** It ran but failed: nothing found in the input, a profile window failed, a run failed. */
  failed: 1,
  /** The command line cannot be used (unknown option, missing value, bad number…). */
  usage: 2,
  /** Stopped by the user (Ctrl-C / SIGTERM); what was captured so far is kept. */
  stopped: 130,
} as const;

/** Where a subcommand writes, and whether it owns the process's signals (off in tests). */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether SIGINT/SIGTERM of this process stop the command gracefully. */
  handleSignals: boolean;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  handleSignals: true,
};

/**
 * What a subcommand is: its name, its options (for `util.parseArgs` and for `--help` alike), and
 * a handler. Adding a subcommand is one `Subcommand` object in `cli/commands/` plus one line in
 * the table in `cli/commands/index.ts`; adding a flag is one entry in its `options`.
 */
import type { CliIo } from './io';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** Repeatable (`--env A=1 --env B=2`): the value is an array. */
  readonly multiple?: boolean;
  readonly short?: string;
  /** Placeholder shown in help after a string option (`--out DIR`). */
  readonly valueName?: string;
  readonly help: string;
}

/** A parsed command line, as `util.parseArgs` leaves it, with `--` split out. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  /** Positional arguments before `--`. */
  readonly positionals: readonly string[];
  /** Everything after the first `--` (a command to run), verbatim. */
  readonly rest: readonly string[];
  /** Whether a `--` was given at all. */
  readonly hasRest: boolean;
}

export interface Subcommand {
  readonly name: string;
  /** The arguments after `perflens <name>` in the usage line. */
  readonly synopsis: string;
  /** One line for `perflens --help`. */
  readonly summary: string;
  /** More lines for `perflens <name> --help` (optional). */
  readonly details?: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /**
   * Runs the command; throws `UsageError` for a command line it cannot use. Returns the exit code.
   */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

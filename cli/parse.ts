/**
 * Command lines through Node's `util.parseArgs` (strict: an unknown option or a missing value is
 * a usage error), and the help text, both from a subcommand's option table.
 */
import { parseArgs } from 'node:util';
import type { OptionSpec, ParsedArgs, Subcommand } from './subcommand';
import { UsageError } from './usage';

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help' };

/** Whether the arguments before any `--` ask for help. */
export function wantsHelp(argv: readonly string[]): boolean {
  const dash = argv.indexOf('--');
  return (dash < 0 ? argv : argv.slice(0, dash)).some((a) => a === '--help' || a === '-h');
}

export function parseSubcommandArgs(cmd: Subcommand, argv: readonly string[]): ParsedArgs {
  const options = Object.fromEntries(
    Object.entries({ ...cmd.options, help: HELP_OPTION }).map(([name, o]) => [
      name,
      // parseArgs rejects keys present with an undefined value: set only what is given.
      {
        type: o.type,
        ...(o.multiple ? { multiple: true } : {}),
        ...(o.short ? { short: o.short } : {}),
      },
    ]),
  );
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: true,
      tokens: true,
    });
  } catch (err) {
    // parseArgs reports a bad command line as a TypeError with an ERR_PARSE_ARGS_* code.
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_'))
      throw new UsageError((err as Error).message);
    throw err;
  }
  const dash = parsed.tokens.find((t) => t.kind === 'option-terminator');
  const cut = dash ? dash.index : argv.length;
  return {
    values: parsed.values,
    positionals: parsed.tokens.flatMap((t) =>
      t.kind === 'positional' && t.index < cut ? [t.value] : [],
    ),
    rest: dash ? argv.slice(dash.index + 1) : [],
    hasRest: dash !== undefined,
  };
}

const OPTION_COLUMN = 28;

function optionLine(name: string, o: OptionSpec): string {
  const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}` : ''}`;
  const [first, ...more] = o.help.split('\n');
  const pad = ' '.repeat(OPTION_COLUMN + 2);
  return [
    `  ${flag.padEnd(OPTION_COLUMN)}${flag.length >= OPTION_COLUMN ? `\n${pad}` : ''}${first}`,
    ...more.map((l) => `${pad}${l}`),
  ].join('\n');
}

export function subcommandUsage(cmd: Subcommand): string {
  return `Usage: perflens ${cmd.name} ${cmd.synopsis}`;
}

export function subcommandHelp(cmd: Subcommand): string {
  const options = Object.entries({ ...cmd.options, help: HELP_OPTION }).map(([n, o]) =>
    optionLine(n, o),
  );
  return [
    subcommandUsage(cmd),
    '',
    cmd.summary,
    ...(cmd.details ? ['', cmd.details] : []),
    '',
    'Options:',
    ...options,
    '',
  ].join('\n');
}

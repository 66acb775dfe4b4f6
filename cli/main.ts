/**
 * `perflens` CLI: the engine and the runner, headless — reports and A/B gates for CI.
 * The subcommands are the table in `cli/commands/index.ts`; this file only dispatches.
 */
import { PERFLENS_VERSION } from '../protocol/version';
import { SUBCOMMANDS } from './commands';
import { processIo, type CliIo } from './io';
import { parseSubcommandArgs, subcommandHelp, subcommandUsage, wantsHelp } from './parse';
import { ExitCode, UsageError } from './usage';

function mainHelp(): string {
  const width = Math.max(...SUBCOMMANDS.map((c) => c.name.length));
  return [
    `perflens ${PERFLENS_VERSION}`,
    '',
    'Usage: perflens <command> [options]',
    '',
    'Commands:',
    ...SUBCOMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'perflens <command> --help' for a command's options. Also: perflens --version | --help.",
    '',
    'Exit codes: 0 done; 1 failed (nothing found, a run or window failed); 2 usage error;',
    "130 stopped with Ctrl-C; 'run' passes on the target's own failing exit code.",
    "'compare' and 'ab': 0 nothing worse; 1 worse, failed correctness or a failed gate; 3 " +
      'inconclusive.',
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(mainHelp());
    return ExitCode.usage;
  }
  if (name === '--help' || name === '-h') {
    io.out(mainHelp());
    return ExitCode.ok;
  }
  if (name === '--version') {
    io.out(`${PERFLENS_VERSION}\n`);
    return ExitCode.ok;
  }
  const cmd = SUBCOMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`perflens: unknown command '${name}'\n\n${mainHelp()}`);
    return ExitCode.usage;
  }
  if (wantsHelp(rest)) {
    io.out(subcommandHelp(cmd));
    return ExitCode.ok;
  }
  try {
    return await cmd.run(parseSubcommandArgs(cmd, rest), io);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(
      err.showUsage
        ? `perflens ${cmd.name}: ${err.message}\n${subcommandUsage(cmd)}\nRun ` +
            `'perflens ${cmd.name} --help' for its options.\n`
        : `perflens ${cmd.name}: ${err.message}\n`,
    );
    return ExitCode.usage;
  }
}

// Run only as the program itself (dist/cli.js), not when a test imports runCli.
if (require.main === module) {
  // A reader that goes away early (`perflens report … | head`) ends the output, not the program
  // with an unhandled EPIPE stack trace: stop quietly, as a shell pipeline expects.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok);
  });
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(
        `perflens: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = ExitCode.failed;
    },
  );
}

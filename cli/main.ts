/**
 * `perflens` CLI: the engine and the runner, headless — reports and A/B gates for CI.
 */
import { SERVER_VERSION } from '../server/lsp/version';
import { reportCommand } from './commands/report';
import { runCommand } from './commands/run';
import { attachCommand } from './commands/attach';

const USAGE = `perflens ${SERVER_VERSION}

Usage:
  perflens report <file-or-folder> [--json] [--top N]
      Top functions (CPU profiles) and top counters (logs, run folders, soak folders).
  perflens run --cpu-prof|--0x|--none --out DIR [--duration S] [--sampling-interval US]
               [--grace MS] [--env K=V]… [--diagnostics URL] [--shell] -- <command…>
      Run a command (a daemon, a soak script) under a profiler and capture a run folder:
      script.log, run.json, samples.tsv, counters.jsonl, totals.tsv, summary-metrics.json,
      profiles/*.cpuprofile (one per Node process) or 0x/. Ctrl-C stops it gracefully.
  perflens attach (--pid P | --url ws://127.0.0.1:PORT/ID) --seconds N --out DIR
                  [--sampling-interval US] [--repeat K --every S]
      Profile window(s) of N seconds from a running Node process through its inspector
      (opened with SIGUSR1 when given a pid) → DIR/profiles/CPU.<stamp>.pid-<pid>.window-<n>.cpuprofile.
  perflens --version | --help
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    case 'report':
      return reportCommand(rest);
    case 'run':
      return runCommand(rest);
    case 'attach':
      return attachCommand(rest);
    case '--version':
      process.stdout.write(`${SERVER_VERSION}\n`);
      return 0;
    default:
      process.stderr.write(
        `perflens: unknown command '${command}' (${rest.length} argument(s))\n\n${USAGE}`,
      );
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `perflens: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 1;
  },
);

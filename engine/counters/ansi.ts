/**
 * ANSI SGR/CSI escape removal. Node's console colours `util.inspect` output when stdout is a TTY
 * or FORCE_COLOR is set (`\x1b[33m12\x1b[39m`); colours carry no data, so they are dropped first.
 */
// eslint-disable-next-line no-control-regex
const CSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

export function stripAnsi(line: string): string {
  return line.indexOf('\x1b') === -1 ? line : line.replace(CSI, '');
}

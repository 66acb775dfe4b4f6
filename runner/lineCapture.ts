/**
 * Turns the tree's stdout/stderr chunks into whole lines, appends them to script.log as they
 * arrive and hands each to the listener. Lines are kept whole (a partial line waits for its
 * newline) so output of the two streams interleaves at line, not byte, granularity; text is
 * written unaltered. Writes are synchronous appends: if the runner dies, what was read is on disk.
 */
import * as fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { OutputStream } from './types';

export class LineCapture {
  private readonly fd: number;
  private readonly pending: Record<OutputStream, string> = { stdout: '', stderr: '' };
  private readonly decoders: Record<OutputStream, StringDecoder> = {
    stdout: new StringDecoder('utf8'),
    stderr: new StringDecoder('utf8'),
  };

  constructor(
    logPath: string,
    private readonly onLine: (line: string, stream: OutputStream) => void,
  ) {
    this.fd = fs.openSync(logPath, 'a');
  }

  push(stream: OutputStream, chunk: Buffer): void {
    const text = this.pending[stream] + this.decoders[stream].write(chunk);
    const lastNl = text.lastIndexOf('\n');
    if (lastNl < 0) {
      this.pending[stream] = text;
      return;
    }
    this.pending[stream] = text.slice(lastNl + 1);
    const whole = text.slice(0, lastNl + 1);
    fs.writeSync(this.fd, whole);
    for (const line of whole.slice(0, -1).split('\n'))
      this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line, stream);
  }

  /** Flushes unterminated last lines (a crash often ends mid-line) and closes the file. */
  close(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.pending[stream] + this.decoders[stream].end();
      if (rest) {
        fs.writeSync(this.fd, `${rest}\n`);
        this.onLine(rest, stream);
      }
      this.pending[stream] = '';
    }
    fs.closeSync(this.fd);
  }
}

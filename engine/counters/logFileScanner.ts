/**
 * The file edge of the counters reader: reads a log from a byte offset in fixed-size chunks,
 * feeds the pure line splitter and dump scanner, and remembers where it stopped.
 *
 * `poll()` reads whatever was appended since the last call, so a live run's growing `script.log`
 * is followed by calling it again (on a file-watcher event or a timer — the caller's choice).
 * Memory is one chunk plus the dumps still open, whatever the file size. If the file shrank
 * (rotated or truncated), scanning restarts at 0 with a warning. A log that starts with a UTF-16
 * byte-order mark (PowerShell 5's `>` writes UTF-16 LE) is transcoded to UTF-8 chunk by chunk
 * (`TextDecoder` with `stream: true` carries a unit or surrogate pair cut by a chunk edge), so it
 * is still streamed, never read whole.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { EngineDiagnostic, warningAt } from '../diagnostics';
import { createCounterDumpScanner, CounterDumpScanner, ScannerOptions } from './dumpScanner';
import { createLineSplitter, LineSplitter } from './lineSplitter';
import { detectBom, ToUtf8 } from '../textEncoding';

export interface LogFileScanOptions extends Omit<ScannerOptions, 'file'> {
  /**
   * Bytes per read (default 64 KiB, as fs streams: measured faster and with less RSS than 1 MiB).
   */
  readonly chunkBytes?: number;
  /** Label every line of this file with a process name (e.g. the run's single process). */
  readonly sourceLabel?: string;
  /** Sees every line too (e.g. assertion counting in the same single pass). */
  readonly onLine?: (line: string, lineNo: number) => void;
}

export interface LogFileScan {
  /** Reads from the stored offset to the current end of file. Returns bytes read. */
  poll(): Promise<number>;
  /** Ends the scan: hands out an unterminated last line, closes open dumps as partial. */
  finish(): Promise<void>;
  /**
   * Byte offset just after the last complete line handed out (for a UTF-16 file, counted in the
   * UTF-8 it is transcoded to).
   */
  readonly offset: number;
  readonly linesRead: number;
}

export function createLogFileScan(path: string, opts: LogFileScanOptions): LogFileScan {
  return new FileScan(path, opts);
}

/** The scan's state: where the file was read to, and the splitter and scanner fed from there. */
class FileScan implements LogFileScan {
  private readonly chunkBytes: number;
  private readonly report: (d: EngineDiagnostic) => void;
  private scanner!: CounterDumpScanner;
  private splitter!: LineSplitter;
  /** File offset where the current splitter started. */
  private base = 0;
  /** Next byte to read from the file. */
  private readPos = 0;
  /** Decided on the first bytes read: undefined = not yet, null = plain UTF-8 (no mark). */
  private transcoder: ToUtf8 | null | undefined;

  constructor(
    private readonly path: string,
    private readonly opts: LogFileScanOptions,
  ) {
    this.chunkBytes = opts.chunkBytes ?? 64 * 1024;
    this.report = opts.onDiagnostic ?? ((_: EngineDiagnostic) => undefined);
    this.startOver();
  }

  get offset(): number {
    return this.base + this.splitter.committedOffset;
  }

  get linesRead(): number {
    return this.splitter.nextLineNo - 1;
  }

  async poll(): Promise<number> {
    const fh = await open(this.path, 'r');
    try {
      const { size } = await fh.stat();
      if (size < this.readPos) this.fileShrank(size);
      return await this.readTo(fh, size);
    } finally {
      await fh.close();
    }
  }

  finish(): Promise<void> {
    if (this.transcoder) this.splitter.push(this.transcoder.end());
    this.splitter.end();
    this.scanner.end();
    return Promise.resolve();
  }

  /** A fresh scanner and splitter, as for a file never read. */
  private startOver(): void {
    const { opts, path } = this;
    const scanner = createCounterDumpScanner({ ...opts, file: path });
    this.scanner = scanner;
    this.transcoder = undefined;
    this.splitter = createLineSplitter({
      onLine: opts.onLine
        ? (l, n) => {
            opts.onLine!(l, n);
            scanner.pushLine(l, opts.sourceLabel, { lineNo: n });
          }
        : (l, n) => scanner.pushLine(l, opts.sourceLabel, { lineNo: n }),
      onLongLine: (n, bytes) =>
        this.report(
          warningAt(
            path,
            `line longer than the line limit (${bytes} bytes so far); its tail is skipped`,
            { line: n },
          ),
        ),
    });
  }

  /** Rotated or truncated: say so and read it again from the start. */
  private fileShrank(size: number): void {
    this.report(
      warningAt(
        this.path,
        `the file shrank from ${this.readPos} to ${size} bytes (rotated or truncated); ` +
          `reading it again from the start`,
        { offset: 0 },
      ),
    );
    this.startOver();
    this.base = 0;
    this.readPos = 0;
  }

  /** Reads from `readPos` to `size` in chunks; returns the bytes read. */
  private async readTo(fh: FileHandle, size: number): Promise<number> {
    const buf = Buffer.allocUnsafe(this.chunkBytes);
    let total = 0;
    while (this.readPos < size) {
      const want = Math.min(this.chunkBytes, size - this.readPos);
      const { bytesRead } = await fh.read(buf, 0, want, this.readPos);
      if (bytesRead === 0) break;
      this.feed(buf.subarray(0, bytesRead));
      this.readPos += bytesRead;
      total += bytesRead;
    }
    return total;
  }

  private feed(bytes: Uint8Array): void {
    if (this.transcoder === undefined) {
      const bom = detectBom(bytes);
      this.transcoder = bom ? new ToUtf8(bom) : null; // a UTF-8 mark is dropped the same way
    }
    this.splitter.push(this.transcoder ? this.transcoder.push(bytes) : bytes);
  }
}

/** Scans a whole file once (CLI, saved artefacts). */
export async function scanLogFile(
  path: string,
  opts: LogFileScanOptions,
): Promise<{ lines: number; bytes: number }> {
  const s = createLogFileScan(path, opts);
  const bytes = await s.poll();
  await s.finish();
  return { lines: s.linesRead, bytes };
}

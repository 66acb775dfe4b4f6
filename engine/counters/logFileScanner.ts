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
import { open } from 'node:fs/promises';
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
  const chunkBytes = opts.chunkBytes ?? 64 * 1024;
  const report = opts.onDiagnostic ?? ((_: EngineDiagnostic) => undefined);
  let scanner: CounterDumpScanner;
  let splitter: LineSplitter;
  let base = 0; // file offset where the current splitter started
  let readPos = 0; // next byte to read from the file
  // Decided on the first bytes read: undefined = not yet, null = plain UTF-8 (no mark).
  let transcoder: ToUtf8 | null | undefined;
  const feed = (bytes: Uint8Array): void => {
    if (transcoder === undefined) {
      const bom = detectBom(bytes);
      transcoder = bom ? new ToUtf8(bom) : null; // a UTF-8 mark is dropped the same way
    }
    splitter.push(transcoder ? transcoder.push(bytes) : bytes);
  };
  const fresh = (): void => {
    scanner = createCounterDumpScanner({ ...opts, file: path });
    transcoder = undefined;
    splitter = createLineSplitter({
      onLine: opts.onLine
        ? (l, n) => {
            opts.onLine!(l, n);
            scanner.pushLine(l, opts.sourceLabel, { lineNo: n });
          }
        : (l, n) => scanner.pushLine(l, opts.sourceLabel, { lineNo: n }),
      onLongLine: (n, bytes) =>
        report(
          warningAt(
            path,
            `line longer than the line limit (${bytes} bytes so far); its tail is skipped`,
            { line: n },
          ),
        ),
    });
  };
  fresh();
  return {
    get offset() {
      return base + splitter.committedOffset;
    },
    get linesRead() {
      return splitter.nextLineNo - 1;
    },
    async poll(): Promise<number> {
      const fh = await open(path, 'r');
      try {
        const { size } = await fh.stat();
        if (size < readPos) {
          report(
            warningAt(
              path,
              `the file shrank from ${readPos} to ${size} bytes (rotated or truncated); ` +
                `reading it again from the start`,
              { offset: 0 },
            ),
          );
          fresh();
          base = 0;
          readPos = 0;
        }
        const buf = Buffer.allocUnsafe(chunkBytes);
        let total = 0;
        while (readPos < size) {
          const { bytesRead } = await fh.read(
            buf,
            0,
            Math.min(chunkBytes, size - readPos),
            readPos,
          );
          if (bytesRead === 0) break;
          feed(buf.subarray(0, bytesRead));
          readPos += bytesRead;
          total += bytesRead;
        }
        return total;
      } finally {
        await fh.close();
      }
    },
    finish(): Promise<void> {
      if (transcoder) splitter.push(transcoder.end());
      splitter.end();
      scanner.end();
      return Promise.resolve();
    },
  };
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

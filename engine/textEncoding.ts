/**
 * Text files in UTF-16 with a byte-order mark, as PowerShell 5's `>` / `Out-File` and some
 * Windows tools write them, read like UTF-8 ones: the BOM says the encoding, and the bytes are
 * transcoded to UTF-8 chunk by chunk, so every reader downstream (the streaming cpuprofile
 * scanner, the line splitter with its byte offsets) keeps working on UTF-8 alone. A UTF-8 BOM is
 * dropped. Without a BOM a file is UTF-8: guessing UTF-16 from zero bytes misfires on binary data.
 * Pure: no fs.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface Bom {
  readonly encoding: TextEncodingName;
  /** Length of the mark in bytes (3 for UTF-8, 2 for UTF-16). */
  readonly length: number;
}

/** The byte-order mark at the start of `head`, if any. */
export function detectBom(head: Uint8Array): Bom | undefined {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8', length: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe)
    return { encoding: 'utf-16le', length: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff)
    return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * Decodes the first bytes of a file for sniffing, honouring a BOM (a cut character at the end is
 * harmless).
 */
export function decodeHead(head: Uint8Array): string {
  const bom = detectBom(head);
  return new TextDecoder(bom?.encoding ?? 'utf-8', { fatal: false, ignoreBOM: false }).decode(head);
}

/**
 * Turns a stream of bytes that starts with a BOM into UTF-8 bytes without it. Chunks may split
 * characters and surrogate pairs anywhere; the decoder carries the partial unit over.
 */
export class ToUtf8 {
  private readonly decoder: InstanceType<typeof TextDecoder>;
  private readonly encoder = new TextEncoder();
  private skip: number;

  constructor(bom: Bom) {
    this.decoder = new TextDecoder(bom.encoding, { fatal: false, ignoreBOM: true });
    this.skip = bom.length;
  }

  push(chunk: Uint8Array): Uint8Array {
    let bytes = chunk;
    if (this.skip > 0) {
      const n = Math.min(this.skip, bytes.length);
      bytes = bytes.subarray(n);
      this.skip -= n;
    }
    return this.encoder.encode(this.decoder.decode(bytes, { stream: true }));
  }

  end(): Uint8Array {
    return this.encoder.encode(this.decoder.decode());
  }
}

/** The same over a whole iterable of chunks (for the importers' `ProfileInput.chunks`). */
export function* toUtf8Chunks(bom: Bom, chunks: Iterable<Uint8Array>): Iterable<Uint8Array> {
  const t = new ToUtf8(bom);
  for (const c of chunks) {
    const out = t.push(c);
    if (out.length > 0) yield out;
  }
  const last = t.end();
  if (last.length > 0) yield last;
}

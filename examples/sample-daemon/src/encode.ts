/**
 * Encoding an entry into a content-addressed block: canonical JSON, then repeated SHA-256
 * (standing in for CBOR + multihash + signing). The rounds are real CPU work on purpose, so a
 * flame graph of the daemon has a visible `encodeEntry` → `hashRounds` tower.
 */
import { createHash } from 'node:crypto';

export interface Block {
  cid: string;
  bytes: Buffer;
}

/** Stable key order, so the same entry always gets the same CID. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function hashRounds(data: Buffer, rounds: number): Buffer {
  let digest = createHash('sha256').update(data).digest();
  for (let i = 1; i < rounds; i++)
    digest = createHash('sha256').update(digest).update(data).digest();
  return digest;
}

export function encodeEntry(entry: unknown, rounds: number): Block {
  const bytes = Buffer.from(canonicalJson(entry), 'utf8');
  const digest = hashRounds(bytes, rounds);
  return { cid: `bafy${digest.toString('hex').slice(0, 52)}`, bytes };
}

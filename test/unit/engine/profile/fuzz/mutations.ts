/**
 * Seeded mutations of real fixtures for the importer fuzz test: each takes the fixture's text
 * and a random source and returns one hostile variant with a short label (for the failure
 * message, so a failing case can be replayed from its seed).
 */

/** mulberry32: a tiny seeded PRNG, so a failing case is reproducible from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Mutant {
  readonly label: string;
  readonly text: string;
  /**
   * For mutations that grow the input (a repeated segment, a long run): the same mutant with
   * `fraction` of the growth, so the fuzz test can check that the import time grows linearly.
   */
  readonly scaled?: (fraction: number) => string;
}

type Mutation = (text: string, r: () => number, boundaries: readonly number[]) => Mutant;

const int = (r: () => number, n: number): number => Math.floor(r() * n);
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[int(r, xs.length)];

/** Offsets just after each structural character: where a truncated file would end. */
export function structuralBoundaries(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) if ('{}[],:;\n"'.includes(text[i])) out.push(i + 1);
  return out;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

function numberSpans(text: string, limit = 20000): [number, number][] {
  const spans: [number, number][] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m && spans.length < limit; m = NUMBER.exec(text))
    spans.push([m.index, m.index + m[0].length]);
  return spans;
}

const HOSTILE_NUMBERS = [
  '1e308',
  '-1e308',
  '1e400',
  '9'.repeat(400),
  '-1',
  '-123456',
  '0',
  '-0',
  '0.5',
  '1.5',
  '2147483648',
  '4294967296',
  '8640000000000001',
  '-8640000000000001',
  '253402300800000000',
  'NaN',
  'null',
  '"7"',
];

const truncate: Mutation = (text, r, boundaries) => {
  const at = boundaries.length > 0 ? pick(r, boundaries) : int(r, text.length);
  return { label: `truncated at ${at}`, text: text.slice(0, at) };
};

const randomBytes: Mutation = (text, r) => {
  let t = text;
  const n = 1 + int(r, 8);
  for (let k = 0; k < n; k++) {
    const at = int(r, t.length + 1);
    const c = String.fromCharCode(int(r, 256));
    t = r() < 0.5 ? t.slice(0, at) + c + t.slice(at + 1) : t.slice(0, at) + c + t.slice(at);
  }
  return { label: `${n} random bytes`, text: t };
};

const hostileNumber: Mutation = (text, r) => {
  const spans = numberSpans(text);
  if (spans.length === 0) return randomBytes(text, r, []);
  let t = text;
  const n = 1 + int(r, 4);
  // Replace from the end so earlier spans stay valid.
  const chosen = Array.from({ length: n }, () => pick(r, spans)).sort((a, b) => b[0] - a[0]);
  const labels: string[] = [];
  for (const [s, e] of chosen) {
    const v = pick(r, HOSTILE_NUMBERS);
    labels.push(v.length > 12 ? `${v.slice(0, 8)}…` : v);
    t = t.slice(0, s) + v + t.slice(e);
  }
  return { label: `numbers → ${labels.join(', ')}`, text: t };
};

/**
 * Ids that point elsewhere: a number replaced by another of the file's numbers (cycles) or one past
 * them all (dangling).
 */
const rewireIds: Mutation = (text, r) => {
  const spans = numberSpans(text);
  if (spans.length < 2) return hostileNumber(text, r, []);
  let t = text;
  const n = 1 + int(r, 6);
  const chosen = Array.from({ length: n }, () => pick(r, spans)).sort((a, b) => b[0] - a[0]);
  for (const [s, e] of chosen) {
    const [s2, e2] = pick(r, spans);
    const v = r() < 0.8 ? text.slice(s2, e2) : String(1_000_000 + int(r, 1000));
    t = t.slice(0, s) + v + t.slice(e);
  }
  return { label: `${n} ids rewired`, text: t };
};

/**
 * A span between two structural boundaries repeated many times: deep nesting, huge arrays, many
 * lines.
 */
const repeatSegment: Mutation = (text, r, boundaries) => {
  if (boundaries.length < 2) return randomBytes(text, r, []);
  const i = int(r, boundaries.length - 1);
  const j = Math.min(boundaries.length - 1, i + 1 + int(r, 4));
  const [s, e] = [boundaries[i], boundaries[j]];
  const seg = text.slice(s, e);
  const times = Math.max(2, Math.min(100_000, Math.floor(4_000_000 / Math.max(1, seg.length))));
  const n = 2 + int(r, times);
  const grown = (k: number): string => text.slice(0, s) + seg.repeat(k) + text.slice(s);
  return {
    label: `segment ${s}-${e} ×${n}`,
    text: grown(n),
    scaled: (f) => grown(Math.ceil(n * f)),
  };
};

/** A very long name or line: 10^5–10^6 characters, some without any separator. */
const longRun: Mutation = (text, r) => {
  const at = int(r, text.length + 1);
  const len = 100_000 + int(r, 900_000);
  const unit = pick(r, ['x', 'a:', ' 1', ';f', '(', '\\"', '\u00e9']);
  const grown = (k: number): string =>
    text.slice(0, at) + unit.repeat(Math.ceil(k / unit.length)) + text.slice(at);
  return {
    label: `${len} × ${JSON.stringify(unit)} at ${at}`,
    text: grown(len),
    scaled: (f) => grown(Math.ceil(len * f)),
  };
};

const controlChars: Mutation = (text, r) => {
  const at = int(r, text.length + 1);
  const seq = pick(r, ['\x1b[2J', '\x1b]0;title\x07', '\x00', '\r', '\u2028', '\uFEFF', '\uD800']);
  return {
    label: `control ${JSON.stringify(seq)} at ${at}`,
    text: text.slice(0, at) + seq + text.slice(at),
  };
};

export const MUTATIONS: readonly [string, Mutation][] = [
  ['truncate', truncate],
  ['random-bytes', randomBytes],
  ['hostile-number', hostileNumber],
  ['rewire-ids', rewireIds],
  ['repeat-segment', repeatSegment],
  ['long-run', longRun],
  ['control-chars', controlChars],
];

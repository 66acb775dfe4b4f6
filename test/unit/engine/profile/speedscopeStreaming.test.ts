/**
 * The streaming speedscope reader builds exactly the models the previous reader built from
 * `JSON.parse` of the whole text (kept as the oracle in speedscopeJsonParse.ts; its numbers were
 * checked against speedscope's own importer, as speedscopeReference.test.ts still does for the
 * streaming one). Compared: frames, call tree, every sample's stack and weight (bit for bit), the
 * totals, names and every warning — on seeded random documents full of awkward values (entries
 * that name no frame, -0, 1e0, fractions with 17 digits, 1e999, strings, nulls, nested arrays,
 * duplicate keys, escaped keys, pretty-printed or not), fed in chunks of random sizes, and on
 * the fuzz test's mutations of the real fixtures.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCpuprofile } from '../../../../bench/syntheticCpuprofile';
import type { ImportResult } from '../../../../engine/profile/importer';
import { speedscopeImporter } from '../../../../engine/profile/importers/speedscope';
import { loadProfileFile } from '../../../../engine/profile/loadProfileFile';
import { toSpeedscope } from '../../../../engine/profile/toSpeedscope';
import { MUTATIONS, rng, structuralBoundaries } from './fuzz/mutations';
import { FIXTURES } from './snapshot';
import { parseSpeedscopeWithJsonParse } from './speedscopeJsonParse';
import { weightsInUnit } from '../../../../engine/profile/sampleWeights';

type R = () => number;
const int = (r: R, n: number): number => Math.floor(r() * n);
const pick = <T>(r: R, xs: readonly T[]): T => xs[int(r, xs.length)];

/**
 * The streaming reader, fed in chunks of random sizes (some of 1–16 bytes, to split every token).
 */
function streamed(text: string, r: R): ImportResult {
  const bytes = new TextEncoder().encode(text);
  const p = speedscopeImporter.createStreamParser!('t.speedscope.json', bytes.length);
  for (let at = 0; at < bytes.length;) {
    const n = 1 + int(r, r() < 0.3 ? 16 : 4096);
    p.push(bytes.subarray(at, at + n));
    at += n;
  }
  return p.end();
}

/**
 * A result as plain data, typed arrays as arrays, so deepStrictEqual compares every value (−0 too).
 */
function plain(res: ImportResult): unknown {
  if (res.kind !== 'profiles') return res;
  return {
    profiles: res.profiles.map((m) => ({
      name: m.name,
      format: m.format,
      weightUnit: m.weightUnit,
      totalWeight: m.totalWeight,
      frames: m.frames,
      parentOf: [...m.stacks.parentOf],
      frameOf: [...m.stacks.frameOf],
      depthOf: [...m.stacks.depthOf],
      sampleStack: [...m.sampleStack],
      sampleWeight: [...weightsInUnit(m.sampleWeight)],
      diagnostics: m.diagnostics.map((d) => d.message),
    })),
    warnings: res.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message),
  };
}

/** The text as a reader of the file's UTF-8 bytes sees it. */
const asFileText = (text: string): string =>
  new TextDecoder().decode(new TextEncoder().encode(text));

const failed = (res: ImportResult): boolean =>
  res.kind === 'profiles' && res.diagnostics.some((d) => d.severity === 'error');

/** A stack entry as raw JSON text: mostly good indices, sometimes anything else. */
function entry(r: R, frames: number): string {
  if (r() < 0.9) return String(int(r, frames));
  return pick(r, [
    String(frames + int(r, 5)),
    '-0',
    '-1',
    '1.5',
    '1e0',
    '0.0',
    '"x"',
    'null',
    'true',
    '[1]',
    '{"a":1}',
    '99999999999',
    '12345678901234567890',
  ]);
}

function weight(r: R): string {
  const x = r();
  if (x < 0.5) return String(1 + int(r, 1000));
  if (x < 0.8) return JSON.stringify(r() * 10); // up to 17 significant digits
  return pick(r, [
    '0',
    '-0',
    '-3',
    '1e999',
    '2.5E-3',
    '1e2',
    '"1"',
    'null',
    '0.1',
    '123456789012345678',
  ]);
}

function sampled(r: R, frames: number): string {
  const samples: string[] = [];
  const weights: string[] = [];
  let stack: string[] = [];
  const n = int(r, 60);
  for (let s = 0; s < n; s++) {
    const x = r();
    if (x < 0.3 && stack.length > 0) stack.pop();
    else if (x < 0.7) stack.push(entry(r, frames));
    else if (x < 0.75) stack = [];
    else if (x < 0.8) stack = Array.from({ length: int(r, 8) }, () => entry(r, frames));
    samples.push(r() < 0.03 ? pick(r, ['null', '5', '"s"', '{}']) : `[${stack.join(',')}]`);
    if (r() < 0.95) weights.push(weight(r));
  }
  const unit = pick(r, ['"milliseconds"', '"microseconds"', '"none"', '"bytes"', '7']);
  const keys = [
    `"type":"sampled"`,
    `"name":${pick(r, ['"p"', '""', '3'])}`,
    `"unit":${unit}`,
    `"startValue":0`,
    `"endValue":${pick(r, ['100', '1e9', '"x"', '5'])}`,
    `"samples":[${samples.join(',')}]`,
    r() < 0.9 ? `"weights":[${weights.join(',')}]` : `"weights":${pick(r, ['null', '{}', '3'])}`,
  ];
  if (r() < 0.1) keys.push(`"samples":[[0],[0,1]]`); // a duplicate key: the last one wins
  if (r() < 0.1) keys.push(`"\\u0074ype":"sampled"`);
  if (r() < 0.1) keys.push(`"extra":{"deep":[1,[2,{"x":"]"}]]}`);
  return `{${shuffle(r, keys).join(',')}}`;
}

function evented(r: R, frames: number): string {
  const events: string[] = [];
  let t = 0;
  const open: number[] = [];
  const n = int(r, 60);
  for (let k = 0; k < n; k++) {
    t += r() < 0.05 ? -1 : int(r, 10);
    const at = r() < 0.03 ? pick(r, ['"x"', 'null', '1e999']) : String(t);
    if (r() < 0.55 || open.length === 0) {
      const f = r() < 0.9 ? int(r, frames) : frames + 3;
      open.push(f);
      events.push(`{"type":"O","at":${at},"frame":${f}}`);
    } else {
      const f = r() < 0.9 ? open.pop()! : int(r, frames);
      events.push(`{"type":${pick(r, ['"C"', '"C"', '"C"', '"X"'])},"at":${at},"frame":${f}}`);
    }
    if (r() < 0.02) events.push(pick(r, ['null', '3', '[]', '{"at":1}']));
  }
  return `{"type":"evented","name":"e","unit":"milliseconds","startValue":0,"endValue":${t + int(r, 5)},"events":[${events.join(',')}]}`;
}

function shuffle<T>(r: R, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = int(r, i + 1);
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

function document(r: R): string {
  const frames = 1 + int(r, 12);
  const frameList = Array.from({ length: frames }, (_, i) =>
    r() < 0.05
      ? pick(r, ['null', '0', '""', '"str"', '7'])
      : JSON.stringify({
          name: `f${i}`,
          file: `src/f${i % 3}.ts`,
          line: i + 1,
          col: r() < 0.5 ? 2 : undefined,
        }),
  );
  const profiles = Array.from({ length: 1 + int(r, 3) }, () =>
    r() < 0.6
      ? sampled(r, frames)
      : r() < 0.9
        ? evented(r, frames)
        : pick(r, ['null', '{}', '{"type":"other"}']),
  );
  const parts = [
    `"$schema":"https://www.speedscope.app/file-format-schema.json"`,
    `"shared":{"frames":[${frameList.join(',')}]}`,
    `"profiles":[${profiles.join(',')}]`,
    `"exporter":"test"`,
  ];
  const text = `{${(r() < 0.5 ? parts : shuffle(r, parts)).join(',')}}`;
  // Pretty-printed half of the time (whitespace and newlines between every token).
  return r() < 0.5 ? text : JSON.stringify(JSON.parse(text), null, 1);
}

test('streaming reader = JSON.parse reader on 400 seeded random documents', () => {
  for (let k = 0; k < 400; k++) {
    const r = rng(1000 + k);
    const text = document(r);
    const oracle = parseSpeedscopeWithJsonParse('t.speedscope.json', text);
    assert.ok(!failed(oracle), `case ${k}: the generator wrote valid JSON`);
    assert.deepStrictEqual(plain(streamed(text, r)), plain(oracle), `case ${k}`);
  }
});

test('streaming reader = JSON.parse reader on fuzz mutations of the speedscope fixtures', () => {
  const dir = join(FIXTURES, 'speedscope');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.speedscope.json'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  let compared = 0;
  let bothRefused = 0;
  for (let k = 0; k < 600; k++) {
    const r = rng(77 + k);
    const seed = files[k % files.length];
    const [kind, mutate] = MUTATIONS[k % MUTATIONS.length];
    const m = mutate(seed, r, structuralBoundaries(seed));
    // Both read the same bytes (a lone surrogate in the mutant becomes U+FFFD on the way).
    const oracle = parseSpeedscopeWithJsonParse('t.speedscope.json', asFileText(m.text));
    const ours = streamed(m.text, r);
    if (failed(oracle)) {
      // Broken JSON: both refuse (ours may read on past garbage inside a value it never uses).
      if (failed(ours)) bothRefused++;
      continue;
    }
    compared++;
    assert.deepStrictEqual(plain(ours), plain(oracle), `case ${k} (${kind}: ${m.label})`);
  }
  assert.ok(compared > 100, `${compared} mutants were valid JSON`);
  assert.ok(bothRefused > 50, `${bothRefused} broken mutants refused by both`);
});

test('streaming reader = JSON.parse reader on the speedscope file PerfLens writes for a 1 MB profile', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'perflens-ss-'));
  const file = join(dir, 'synthetic.cpuprofile');
  generateCpuprofile(file, 1024 * 1024);
  const r = await loadProfileFile(file, { sourceMaps: false });
  rmSync(dir, { recursive: true });
  const text = JSON.stringify(toSpeedscope(r.profiles));
  assert.ok(text.length > 100_000);
  assert.deepStrictEqual(
    plain(streamed(text, rng(5))),
    plain(parseSpeedscopeWithJsonParse('t.speedscope.json', text)),
  );
});

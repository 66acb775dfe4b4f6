/**
 * A synthetic-but-realistic V8 `.cpuprofile` for benchmarks (profile import, flame drawing): a
 * call tree of real-looking frames (module URLs, names, 0-based line/column, positionTicks on a
 * third of the nodes), up to 60k nodes (about 10 % of the bytes, like long soak profiles) and
 * depth up to ~60, and samples with ~1 ms jittered `timeDeltas` filling the rest, taken by a
 * random walk over the tree (stay, call, return, jump) — so many distinct stacks, as sampled
 * servers show.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { mulberry32 } from './seededRandom';

const MODULES = [
  'orbitDbAdapter',
  'ipfsClient',
  'flushScheduler',
  'bundleIndex',
  'uxfProofs',
  'nostrTransport',
  'aggregatorRpc',
  'wallet',
  'codec',
  'storage',
];
const VERBS = [
  'put',
  'get',
  'encode',
  'decode',
  'verify',
  'publish',
  'fetch',
  'flush',
  'list',
  'compute',
  'handle',
  'pin',
];
const NOUNS = [
  'Entry',
  'Car',
  'Block',
  'Proof',
  'Bundle',
  'Head',
  'Message',
  'Batch',
  'Index',
  'Token',
];

/** Write a synthetic V8 `.cpuprofile` of about `targetBytes` to `file` (deterministic). */
export function generateCpuprofile(file: string, targetBytes: number): void {
  const r = mulberry32(42);
  const fd = openSync(file, 'w');
  let written = 0;
  let buf = '';
  const out = (s: string): void => {
    buf += s;
    if (buf.length > 1 << 20) {
      written += writeSync(fd, buf);
      buf = '';
    }
  };
  const nodeCount = Math.max(200, Math.min(60000, Math.floor((targetBytes * 0.1) / 230)));
  const children: number[][] = Array.from({ length: nodeCount + 1 }, () => []);
  const depth = new Int32Array(nodeCount + 1);
  out('{"nodes":[');
  for (let id = 1; id <= nodeCount; id++) {
    let parent = 0;
    if (id > 1) {
      // Prefer recent nodes as parents: deep, narrow-ish stacks like real servers.
      parent = Math.max(1, id - 1 - Math.floor(r() * r() * Math.min(id - 1, 400)));
      if (depth[parent] > 60) parent = 1 + Math.floor(r() * Math.min(id - 1, 50));
      children[parent].push(id);
      depth[id] = depth[parent] + 1;
    }
  }
  for (let id = 1; id <= nodeCount; id++) {
    const m = MODULES[Math.floor(r() * MODULES.length)];
    const name =
      id === 1
        ? '(root)'
        : `${VERBS[Math.floor(r() * VERBS.length)]}${NOUNS[Math.floor(r() * NOUNS.length)]}`;
    const url = id === 1 ? '' : `file:///srv/wallet/dist/${m}.js`;
    const line = id === 1 ? -1 : Math.floor(r() * 3000);
    const col = id === 1 ? -1 : Math.floor(r() * 80);
    const ticks =
      id > 1 && r() < 0.33
        ? `,"positionTicks":[{"line":${line + 2},"ticks":${1 + Math.floor(r() * 50)}},{"line":${line + 5},"ticks":${1 + Math.floor(r() * 9)}}]`
        : '';
    const kids = children[id].length ? `,"children":[${children[id].join(',')}]` : '';
    out(
      `${id > 1 ? ',' : ''}{"id":${id},"callFrame":{"functionName":"${name}","scriptId":"${id === 1 ? 0 : 10 + MODULES.indexOf(m)}","url":"${url}","lineNumber":${line},"columnNumber":${col}},"hitCount":${Math.floor(r() * 20)}${kids}${ticks}}`,
    );
  }
  const startTime = 4036146183;
  out(`],"startTime":${startTime},"endTime":`);
  // Samples and deltas: estimate count from the remaining bytes (~6 bytes per sample id, ~5 per
  // delta).
  written += writeSync(fd, buf);
  buf = '';
  const remaining = Math.max(0, targetBytes - written - 40);
  const avgId = String(nodeCount).length * 0.9 + 1;
  const count = Math.floor(remaining / (avgId + 5));
  const endTime = startTime + count * 1000 + 1000;
  out(`${endTime},"samples":[`);
  const leaves: number[] = [];
  for (let id = 2; id <= nodeCount; id++)
    if (children[id].length === 0 || r() < 0.2) leaves.push(id);
  // A random walk over the tree: programs stay in one stack for a while, move to a callee or
  // back to a caller, and now and then jump elsewhere — as sampled servers do.
  const parentOf = new Int32Array(nodeCount + 1);
  for (let id = 1; id <= nodeCount; id++) for (const c of children[id]) parentOf[c] = id;
  let cur = leaves[0];
  for (let i = 0; i < count; i++) {
    const x = r();
    if (x < 0.6) {
      // stay
    } else if (x < 0.8 && children[cur].length)
      cur = children[cur][Math.floor(r() * children[cur].length)]!;
    else if (x < 0.95 && parentOf[cur] > 1) cur = parentOf[cur]!;
    else cur = leaves[Math.floor(r() * r() * leaves.length)]!;
    out(`${i ? ',' : ''}${cur}`);
  }
  out('],"timeDeltas":[');
  for (let i = 0; i < count; i++)
    out(`${i ? ',' : ''}${i === 0 ? 0 : 900 + Math.floor(r() * 200)}`);
  out(']}');
  written += writeSync(fd, buf);
  closeSync(fd);
}

/**
 * CodeLens and hover latency of the language server (issue 10), driven over stdio as an external
 * client would (`node dist/server.js --stdio`; build first — `npm run bench:lens` does).
 *
 *   node --import tsx bench/inline-lens.ts [--profile-mb 100] [--hours 1] [--reps 200] [--dir /tmp/perflens-bench-lens]
 *
 * Inputs (generated, deterministic): a 5,000-line TypeScript file (100 classes × 12 methods, each
 * recording its counters with `incr`/`time`) and a 3,000-line Rust file (100 impls × 9 fns with
 * `counter!`); a run folder with a V8 .cpuprofile of --profile-mb MB whose frames sit on those
 * methods (20 dispatchers × 1,200 methods × callback = 48,000 nodes; samples fill the rest) and
 * `counters.jsonl` with --hours of 5 s windows (720 per hour) of 200 counters; a folded-stack
 * profile of the Rust fns.
 *
 * Settings: `codeLens.thresholdPercent` 0, so every function with samples gets a lens (the most
 * a lens answer can hold); one more series of TS lens requests at the default 1 %.
 * Measured: open-source time; first CodeLens of each file (parse + match) and first hover; then
 * --reps CodeLens and hover requests alternately (p50, p99); the same count of `perflens/status`
 * round trips as the reference (the floor any request pays over stdio); in this process,
 * `ts.createSourceFile` of the same TypeScript text (the parse alone). "Other files are not
 * blocked": a CodeLens of the already-parsed file sent while a second 5,000-line file's first
 * parse is in flight, and CodeLens requests sent one after another while the run is loaded again.
 * Server memory: VmRSS and VmHWM from /proc after loading.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { mulberry32 } from './seededRandom';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const profileMb = arg('profile-mb', 100);
const hours = arg('hours', 1);
const reps = arg('reps', 200);
const dirIdx = process.argv.indexOf('--dir');
const dir = dirIdx > 0 ? process.argv[dirIdx + 1] : '/tmp/perflens-bench-lens';
const root = resolve(__dirname, '..');

const CLASSES = 100;
const METHODS = 12;

/**
 * 100 classes × (1 + 12 × 4 + 1) = 5,000 lines. Returns the text and each method's 1-based line.
 */
function tsSource(prefix: string): {
  text: string;
  methods: { line: number; col: number; name: string }[];
} {
  const lines: string[] = [];
  const methods: { line: number; col: number; name: string }[] = [];
  for (let i = 0; i < CLASSES; i++) {
    lines.push(`export class ${prefix}${i} {`);
    for (let j = 0; j < METHODS; j++) {
      methods.push({ line: lines.length + 1, col: 8, name: `m${j}` });
      lines.push(
        `  async m${j}(x: number): Promise<number> {`,
        `    incr('${prefix.toLowerCase()}${i}.m${j}.calls');`,
        `    return time('${prefix.toLowerCase()}${i}.m${j}', async () => x + ${j});`,
        '  }',
      );
    }
    lines.push('}');
  }
  return { text: lines.join('\n'), methods };
}

/** 100 impls × (1 + 9 × 3 + 2) = 3,000 lines. */
function rustSource(): { text: string; fns: { line: number; owner: string; name: string }[] } {
  const lines: string[] = [];
  const fns: { line: number; owner: string; name: string }[] = [];
  for (let i = 0; i < 100; i++) {
    lines.push(`impl Svc${i} {`);
    for (let j = 0; j < 9; j++) {
      fns.push({ line: lines.length + 1, owner: `Svc${i}`, name: `f${j}` });
      lines.push(
        `    pub fn f${j}(&self) -> u64 {`,
        `        counter!("svc${i}.f${j}").increment(1); ${j}`,
        '    }',
      );
    }
    lines.push('}', '');
  }
  return { text: lines.join('\n'), fns };
}

function writeCpuProfile(
  file: string,
  tsFile: string,
  methods: { line: number; col: number }[],
): number {
  const url = pathToFileURL(tsFile).href;
  const nodes: string[] = [];
  const leaves: number[] = [];
  const dispatchers = 20;
  const rootChildren: number[] = [];
  let id = 1;
  const rootId = id++;
  const body: string[] = [];
  for (let d = 0; d < dispatchers; d++) {
    const did = id++;
    rootChildren.push(did);
    const dChildren: number[] = [];
    const mNodes: string[] = [];
    for (const m of methods) {
      const mid = id++;
      const cid = id++;
      dChildren.push(mid);
      leaves.push(mid, cid);
      mNodes.push(
        `{"id":${mid},"callFrame":{"functionName":"m","scriptId":"1","url":"${url}","lineNumber":${m.line - 1},"columnNumber":${m.col}},"hitCount":0,"children":[${cid}],"positionTicks":[{"line":${m.line + 1},"ticks":3}]}`,
        `{"id":${cid},"callFrame":{"functionName":"","scriptId":"1","url":"${url}","lineNumber":${m.line + 1},"columnNumber":40},"hitCount":0,"children":[]}`,
      );
    }
    body.push(
      `{"id":${did},"callFrame":{"functionName":"dispatch${d}","scriptId":"2","url":"file:///srv/dispatch.js","lineNumber":${d * 10},"columnNumber":0},"hitCount":0,"children":[${dChildren.join(',')}]}`,
      ...mNodes,
    );
  }
  nodes.push(
    `{"id":${rootId},"callFrame":{"functionName":"(root)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1},"hitCount":0,"children":[${rootChildren.join(',')}]}`,
    ...body,
  );
  const fd = openSync(file, 'w');
  const head = `{"nodes":[${nodes.join(',')}],"startTime":0,`;
  writeSync(fd, head);
  // Each sample costs about 11 bytes ("12345," + "1000,"): fill the rest of the size.
  const samples = Math.max(1000, Math.floor((profileMb * 1024 * 1024 - head.length) / 11));
  const r = mulberry32(7);
  writeSync(fd, '"samples":[');
  const chunk: string[] = [];
  for (let i = 0; i < samples; i++) {
    chunk.push(String(leaves[Math.floor(r() * leaves.length)]));
    if (chunk.length === 100_000 || i === samples - 1) {
      writeSync(fd, (i >= 100_000 ? ',' : '') + chunk.join(','));
      chunk.length = 0;
    }
  }
  writeSync(fd, '],"timeDeltas":[');
  for (let i = 0; i < samples; i += 100_000) {
    const n = Math.min(100_000, samples - i);
    writeSync(
      fd,
      (i > 0 ? ',' : '') + new Array(n).fill(String(900 + Math.floor(r() * 200))).join(','),
    );
  }
  writeSync(fd, `],"endTime":${samples * 1000 + 1000}}`);
  closeSync(fd);
  return samples;
}

function writeCounters(file: string): number {
  const windows = Math.round(hours * 720);
  const r = mulberry32(11);
  const names: string[] = [];
  for (let i = 0; i < 16; i++)
    for (let j = 0; j < METHODS; j++) names.push(`bench${i}.m${j}`, `bench${i}.m${j}.calls`);
  const out: string[] = [];
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let w = 0; w < windows; w++) {
    const counters: Record<
      string,
      { count: number; totalMs: number; avgMs: number; maxMs: number }
    > = {};
    for (const n of names.slice(0, 200)) {
      const count = 1 + Math.floor(r() * 50);
      const timer = !n.endsWith('.calls');
      const totalMs = timer ? Math.round(count * (1 + r() * 20) * 1000) / 1000 : 0;
      counters[n] = {
        count,
        totalMs,
        avgMs: timer ? Math.round((totalMs / count) * 1000) / 1000 : 0,
        maxMs: timer ? totalMs : 0,
      };
    }
    out.push(
      JSON.stringify({
        time: new Date(start + w * 5000).toISOString(),
        source: 'bench',
        line: w + 1,
        format: 'inspect',
        counters,
      }),
    );
  }
  writeFileSync(file, out.join('\n') + '\n');
  return windows;
}

function writeFolded(file: string, fns: { owner: string; name: string }[]): number {
  const r = mulberry32(3);
  const lines: string[] = [];
  let total = 0;
  for (const f of fns) {
    const n = 1 + Math.floor(r() * 1000);
    total += n;
    lines.push(
      `bench::main;bench::svc::big::${f.owner}::${f.name} ${n}`,
      `bench::main;bench::svc::big::${f.owner}::${f.name}::{{closure}} ${n}`,
    );
    total += n;
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return total;
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (x: number): string => x.toFixed(2);

function procStatus(pid: number): { rssMb: number; hwmMb: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string): number => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

async function main(): Promise<void> {
  mkdirSync(join(dir, 'run', 'profiles'), { recursive: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  mkdirSync(join(dir, 'rust', 'src', 'svc'), { recursive: true });
  const tsFile = join(dir, 'src', 'big.ts');
  const ts2File = join(dir, 'src', 'other.ts');
  const rsFile = join(dir, 'rust', 'src', 'svc', 'big.rs');
  const big = tsSource('Bench');
  const other = tsSource('Other');
  const rust = rustSource();
  writeFileSync(tsFile, big.text);
  writeFileSync(ts2File, other.text);
  writeFileSync(rsFile, rust.text);
  const profile = join(dir, 'run', 'profiles', 'CPU.20260101.000000.4242.0.001.cpuprofile');
  process.stdout.write(
    `generating ${profileMb} MB profile and ${hours} h of counters in ${dir} …\n`,
  );
  const samples = writeCpuProfile(profile, tsFile, big.methods);
  const windows = writeCounters(join(dir, 'run', 'counters.jsonl'));
  const foldedSamples = writeFolded(join(dir, 'rust', 'profile.folded'), rust.fns);
  process.stdout.write(
    `inputs: ${big.text.split('\n').length}-line TS, ${rust.text.split('\n').length}-line ` +
      `Rust, ${samples.toLocaleString('en-US')} V8 ` +
      `samples, ${windows} counter windows × 200 ` +
      `counters, ${foldedSamples.toLocaleString('en-US')} folded samples\n`,
  );
  process.stdout.write(
    `load average before: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n`,
  );

  // PERFLENS_BENCH_CPU_PROF=<dir>: profile the server itself (where a slow request goes).
  const profDir = process.env.PERFLENS_BENCH_CPU_PROF;
  const profArgs = profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [];
  const child = spawn(process.execPath, [...profArgs, join(root, 'dist', 'server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const conn = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.listen();
  const time = async <T>(f: () => Promise<T>): Promise<[number, T]> => {
    const t = performance.now();
    const v = await f();
    return [performance.now() - t, v];
  };
  // Threshold 0: every function with samples gets a lens (the most work a lens request can do).
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    initializationOptions: { settings: { codeLens: { thresholdPercent: 0 } } },
  });
  await conn.sendNotification('initialized', {});
  const open = (file: string, text: string, languageId: string): Promise<void> =>
    conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: pathToFileURL(file).href, languageId, version: 1, text },
    });
  const lens = (file: string): Promise<{ command: { title: string } }[]> =>
    conn.sendRequest('textDocument/codeLens', { textDocument: { uri: pathToFileURL(file).href } });
  const hover = (file: string, line: number): Promise<unknown> =>
    conn.sendRequest('textDocument/hover', {
      textDocument: { uri: pathToFileURL(file).href },
      position: { line: line - 1, character: 9 },
    });

  const rows: string[][] = [];
  const [openMs] = await time(() =>
    conn.sendRequest('perflens/openSource', { path: join(dir, 'run') }),
  );
  const mem = procStatus(child.pid!);
  await open(tsFile, big.text, 'typescript');
  const [firstLensMs, firstLenses] = await time(() => lens(tsFile));
  const [firstHoverMs] = await time(() => hover(tsFile, big.methods[5].line));
  const lensMs: number[] = [];
  const hoverMs: number[] = [];
  const statusMs: number[] = [];
  for (let i = 0; i < reps; i++) {
    lensMs.push((await time(() => lens(tsFile)))[0]);
    hoverMs.push(
      (await time(() => hover(tsFile, big.methods[(i * 37) % big.methods.length].line)))[0],
    );
    statusMs.push((await time(() => conn.sendRequest('perflens/status', {})))[0]);
  }
  // Another file's first parse in flight: does the parsed file's lens wait for it?
  await open(ts2File, other.text, 'typescript');
  const otherFirst = time(() => lens(ts2File));
  const [duringOtherParseMs] = await time(() => lens(tsFile));
  const [otherFirstMs] = await otherFirst;
  // The default threshold (1 %): only functions with a counter or 1 % of the CPU get a lens.
  await conn.sendNotification('perflens/didChangeSettings', {
    settings: { codeLens: { thresholdPercent: 1 } },
  });
  const defaultLenses = (await lens(tsFile)).length;
  const defaultLensMs: number[] = [];
  for (let i = 0; i < reps; i++) defaultLensMs.push((await time(() => lens(tsFile)))[0]);
  await conn.sendNotification('perflens/didChangeSettings', {
    settings: { codeLens: { thresholdPercent: 0 } },
  });
  // A source loading (the same 100 MB run read again): the parsed file's lenses meanwhile.
  const duringLoadMs: number[] = [];
  let loading = true;
  const [reloadMs] = await time(async () => {
    const reload = conn
      .sendRequest('perflens/openSource', { path: join(dir, 'run') })
      .finally(() => (loading = false));
    while (loading) duringLoadMs.push((await time(() => lens(tsFile)))[0]);
    await reload;
  });
  const parseRef: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    ts.createSourceFile('big.ts', big.text, ts.ScriptTarget.Latest, true);
    parseRef.push(performance.now() - t);
  }
  rows.push([
    'TS 5,000 lines',
    fmt(openMs),
    fmt(firstLensMs),
    fmt(firstHoverMs),
    fmt(pct(lensMs, 50)),
    fmt(pct(lensMs, 99)),
    fmt(pct(hoverMs, 50)),
    fmt(pct(hoverMs, 99)),
    String(firstLenses.length),
  ]);

  // Rust: a folded-stack source replaces the run (one active source at a time).
  const [rustOpenMs] = await time(() =>
    conn.sendRequest('perflens/openSource', { path: join(dir, 'rust', 'profile.folded') }),
  );
  await open(rsFile, rust.text, 'rust');
  const [rFirstLensMs, rLenses] = await time(() => lens(rsFile));
  const [rFirstHoverMs] = await time(() => hover(rsFile, rust.fns[3].line));
  const rLens: number[] = [];
  const rHover: number[] = [];
  for (let i = 0; i < reps; i++) {
    rLens.push((await time(() => lens(rsFile)))[0]);
    rHover.push((await time(() => hover(rsFile, rust.fns[(i * 13) % rust.fns.length].line)))[0]);
  }
  rows.push([
    'Rust 3,000 lines',
    fmt(rustOpenMs),
    fmt(rFirstLensMs),
    fmt(rFirstHoverMs),
    fmt(pct(rLens, 50)),
    fmt(pct(rLens, 99)),
    fmt(pct(rHover, 50)),
    fmt(pct(rHover, 99)),
    String(rLenses.length),
  ]);
  const memAfter = procStatus(child.pid!);

  const header = [
    'file',
    'open source ms',
    'first lens ms',
    'first hover ms',
    'lens p50',
    'lens p99',
    'hover p50',
    'hover p99',
    'lenses',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]): string => r.map((c, i) => c.padStart(widths[i])).join('  ');
  process.stdout.write(`\n${line(header)}\n${rows.map(line).join('\n')}\n\n`);
  process.stdout.write(
    `reference: perflens/status round trip p50 ${fmt(pct(statusMs, 50))} ms, ` +
      `p99 ${fmt(pct(statusMs, 99))} ms (${reps} reps); ` +
      `TS lens p50 / status p50 = ${(pct(lensMs, 50) / pct(statusMs, 50)).toFixed(2)}×; ` +
      `ts.createSourceFile of the same 5,000 lines in this process: ` +
      `median ${fmt(pct(parseRef, 50))} ms (9 reps)\n`,
  );
  process.stdout.write(
    `TS with the default threshold (1 %): ${defaultLenses} lenses, ` +
      `lens p50 ${fmt(pct(defaultLensMs, 50))} ms, p99 ${fmt(pct(defaultLensMs, 99))} ms\n`,
  );
  process.stdout.write(
    `one CodeLens answer: ${firstLenses.length} lenses, ` +
      `${(JSON.stringify(firstLenses).length / 1024).toFixed(0)} KB of JSON (TS); ` +
      `${rLenses.length} lenses, ${(JSON.stringify(rLenses).length / 1024).toFixed(0)} KB (Rust)\n`,
  );
  process.stdout.write(
    `parsed file's lens while another 5,000-line file's first parse was in ` +
      `flight: ${fmt(duringOtherParseMs)} ms (that file's first ` +
      `lens: ${fmt(otherFirstMs)} ms)\n`,
  );
  process.stdout.write(
    `parsed file's lens while the ${profileMb} MB source was loaded again ` +
      `(${fmt(reloadMs)} ms): ${duringLoadMs.length} requests answered ` +
      `meanwhile, p50 ${fmt(pct(duringLoadMs, 50))} ms, ` +
      `max ${fmt(Math.max(...duringLoadMs))} ms\n`,
  );
  process.stdout.write(
    `server memory after loading the ${profileMb} MB profile + counters: ` +
      `RSS ${mem.rssMb.toFixed(0)} MB (peak ${mem.hwmMb.toFixed(0)} MB); at ` +
      `the end RSS ${memAfter.rssMb.toFixed(0)} MB ` +
      `(peak ${memAfter.hwmMb.toFixed(0)} MB)\n`,
  );
  process.stdout.write(
    `load average after: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n`,
  );
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

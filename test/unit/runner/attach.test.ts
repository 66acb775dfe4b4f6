/**
 * The attach mode against REAL processes: the built sample daemon, started WITHOUT --inspect,
 * profiled by pid (SIGUSR1 opens its inspector), by URL, repeatedly through the CLI, and while
 * it exits or is killed mid-window. Every daemon is its own process group and is SIGKILLed in
 * `after`. Waits are on conditions (output lines, exit events), never fixed sleeps.
 *
 * Each daemon gets `--inspect-port=<free port>` so SIGUSR1 opens THAT port and tests can run
 * beside others; Node's default 9229 is exercised once, in a serial suite that first checks
 * the port is free.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AttachError, profileWindow } from '../../../runner/attach';
import { loadProfilePath, pidFromFileName } from '../../../engine/profile';
import { buildSampleDaemon, DAEMON, REPO, tmpRunDir } from './helpers';
import { execFileSync } from 'node:child_process';

const CLI = path.join(REPO, 'dist/cli.js');

interface Daemon {
  readonly pid: number;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  stderr(): string;
}

const started = new Set<Daemon>();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** Resolves when `get()` contains `needle`; rejects after `timeoutMs` with what was seen. */
function waitForText(
  stream: NodeJS.ReadableStream,
  get: () => string,
  needle: RegExp,
  timeoutMs = 10_000,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const m = needle.exec(get());
      if (m) {
        clearTimeout(timer);
        stream.off('data', check);
        resolve(m);
      }
      return !!m;
    };
    const timer = setTimeout(() => {
      stream.off('data', check);
      reject(new Error(`no ${needle} within ${timeoutMs} ms; saw: ${get().slice(-500)}`));
    }, timeoutMs);
    stream.on('data', check);
    setImmediate(check);
  });
}

/** Starts the sample daemon (own process group) and waits until it serves. */
async function startDaemon(nodeArgs: string[], daemonArgs: string[] = []): Promise<Daemon> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, DAEMON, '--ops-per-sec', '100', ...daemonArgs],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const d: Daemon = { pid: child.pid!, child, exited, stderr: () => err };
  started.add(d);
  await waitForText(child.stdout, () => out, /listening on http/);
  return d;
}

async function killDaemon(d: Daemon): Promise<void> {
  try {
    process.kill(-d.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  await d.exited;
  started.delete(d);
}

function runCli(
  args: string[],
  onSpawn?: (c: ChildProcess) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    onSpawn?.(c);
    let stdout = '';
    let stderr = '';
    c.stdout.setEncoding('utf8').on('data', (x: string) => (stdout += x));
    c.stderr.setEncoding('utf8').on('data', (x: string) => (stderr += x));
    c.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

interface RawProfile {
  nodes: Array<{ callFrame: { functionName: string; url: string } }>;
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}
const readProfile = (file: string): RawProfile =>
  JSON.parse(fs.readFileSync(file, 'utf8')) as RawProfile;
const hasDaemonFrames = (p: RawProfile): boolean =>
  p.nodes.some((n) => n.callFrame.functionName === 'putEntry') &&
  p.nodes.some((n) => n.callFrame.url.includes('sample-daemon/dist/main.js'));

before(() => {
  buildSampleDaemon();
  // `npm run test:unit` builds dist first; a lone run of this file may find an older CLI.
  const sources = [
    'cli/commands/attach.ts',
    'cli/main.ts',
    'runner/attach.ts',
    'runner/attachCdp.ts',
    'runner/attachTarget.ts',
    'runner/attachPorts.ts',
  ];
  const stale =
    !fs.existsSync(CLI) ||
    sources.some((f) => fs.statSync(path.join(REPO, f)).mtimeMs > fs.statSync(CLI).mtimeMs);
  if (stale) execFileSync(process.execPath, ['esbuild.js'], { cwd: REPO, stdio: 'pipe' });
});

after(async () => {
  await Promise.all([...started].map(killDaemon));
});

describe('profileWindow (attach by pid / URL)', () => {
  it('opens the inspector of a daemon started without --inspect (SIGUSR1) and takes a 2 s window', async () => {
    const port = await freePort();
    const d = await startDaemon([`--inspect-port=${port}`]);
    const out = tmpRunDir('attach-pid');
    try {
      assert.ok(
        !/Debugger listening/.test(d.stderr()),
        'the daemon starts without an open inspector',
      );
      const r = await profileWindow({ pid: d.pid, seconds: 2, outDir: out });
      assert.equal(r.pid, d.pid);
      assert.match(path.basename(r.file), /^CPU\.\d{8}\.\d{6}\.pid-\d+\.window-1\.cpuprofile$/);
      assert.equal(path.dirname(r.file), path.join(out, 'profiles'));
      assert.equal(
        pidFromFileName(path.basename(r.file)),
        d.pid,
        'the engine reads the pid from the file name',
      );
      assert.ok(
        r.warnings.some((w) => w.includes('SIGUSR1') && w.includes(`127.0.0.1:${port}`)),
        r.warnings.join('\n'),
      );
      const p = readProfile(r.file);
      assert.ok(p.nodes.length > 10);
      assert.equal(p.samples.length, r.samples);
      assert.ok(r.samples > 200, `${r.samples} samples`);
      const windowMs = (p.endTime - p.startTime) / 1000;
      assert.ok(windowMs >= 1900 && windowMs <= 3000, `window ${windowMs} ms`);
      assert.equal(Math.round(windowMs), Math.round(r.durationMs));
      assert.ok(hasDaemonFrames(p), 'frames from the daemon (putEntry, dist/main.js)');
      assert.ok(
        new RegExp(`Debugger listening on ws://127\\.0\\.0\\.1:${port}/`).test(d.stderr()),
        'the inspector opened on the port of --inspect-port',
      );

      const loaded = await loadProfilePath(out);
      assert.deepEqual(
        loaded.diagnostics.filter((x) => x.severity === 'error'),
        [],
      );
      assert.equal(loaded.profiles.length, 1);
      assert.equal(loaded.profiles[0].pid, d.pid);
      assert.ok(
        d.child.exitCode === null && d.child.signalCode === null,
        'the daemon keeps running after the window',
      );
    } finally {
      await killDaemon(d);
    }
  });

  it('finds an inspector whose port no flag names (--inspect-port=0), again for a second window', async () => {
    const d = await startDaemon(['--inspect-port=0']);
    const out = tmpRunDir('attach-port0');
    try {
      const first = await profileWindow({ pid: d.pid, seconds: 1, outDir: out });
      const [, port] = /ws:\/\/127\.0\.0\.1:(\d+)\//.exec(d.stderr()) ?? [];
      assert.ok(port, d.stderr());
      assert.ok(
        first.warnings.some((w) => w.includes(`127.0.0.1:${port}`)),
        first.warnings.join('\n'),
      );
      const second = await profileWindow({ pid: d.pid, seconds: 1, outDir: out });
      assert.match(path.basename(second.file), /\.window-2\.cpuprofile$/);
      assert.ok(
        second.warnings.some((w) => w.includes('already had its inspector open')),
        second.warnings.join('\n'),
      );
    } finally {
      await killDaemon(d);
    }
  });

  it('attaches by ws:// URL and learns the pid from the target', async () => {
    const port = await freePort();
    const d = await startDaemon([`--inspect=127.0.0.1:${port}`]);
    const out = tmpRunDir('attach-url');
    try {
      const [url] = await waitForText(
        d.child.stderr!,
        d.stderr,
        /ws:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]+/,
      );
      const r = await profileWindow({
        inspectorUrl: url,
        seconds: 2,
        outDir: out,
        samplingIntervalUs: 5_000,
      });
      assert.equal(r.pid, d.pid);
      // An interval longer than V8's default (1,000 µs) is asked for, because load only ever
      // stretches the gaps: a shorter one (500 µs) gave medians of ~600 µs on a loaded machine
      // with a quarter of the gaps over 2,000 µs, a step from failing a "shorter than the
      // default" check. There the default's medians were 1,115–1,640 µs and 5,000 µs gave
      // 5,103–5,125 µs, so a median of 2,500 µs or more comes only from the request. Two seconds
      // keep ~350 samples, enough for putEntry to be among them (a 20 ms interval, ~45 samples,
      // missed it one window in six).
      const deltas = readProfile(r.file)
        .timeDeltas.slice(1)
        .sort((a, b) => a - b);
      assert.ok(r.samples > 0 && deltas.length > 0, `${r.samples} samples`);
      const median = deltas[Math.floor(deltas.length / 2)];
      assert.ok(median >= 2_500, `median gap ${median} µs at a 5,000 µs interval`);
      assert.ok(hasDaemonFrames(readProfile(r.file)));
    } finally {
      await killDaemon(d);
    }
  });

  it('refuses non-loopback and non-ws URLs before connecting', async () => {
    const out = tmpRunDir('attach-refuse');
    for (const url of [
      'ws://10.1.2.3:9229/x',
      'ws://0.0.0.0:9229/x',
      'ws://example.com:9229/x',
      'ws://[2001:db8::1]:9229/x',
      'http://127.0.0.1:9229/json',
      'not a url',
    ]) {
      const t = Date.now();
      await assert.rejects(
        profileWindow({ inspectorUrl: url, seconds: 1, outDir: out }),
        (e: Error) => {
          assert.ok(e instanceof AttachError, e.message);
          assert.match(e.message, /only loopback|expected a ws:\/\/ URL|is not a URL/);
          return true;
        },
      );
      assert.ok(Date.now() - t < 1000, `${url} refused at once`);
    }
    assert.ok(!fs.existsSync(path.join(out, 'profiles')));
  });

  it('says clearly when the pid does not exist', async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    const pid = gone.pid!;
    await new Promise((r) => gone.once('exit', r));
    await assert.rejects(
      profileWindow({ pid, seconds: 1, outDir: tmpRunDir('attach-nopid') }),
      new RegExp(`no process with pid ${pid}|pid ${pid} has exited`),
    );
  });

  it('lets a daemon that exits mid-window go at once, keeps the partial window, and errors clearly', async () => {
    const port = await freePort();
    const d = await startDaemon([`--inspect-port=${port}`], ['--duration', '2']);
    const out = tmpRunDir('attach-exit');
    const t = Date.now();
    await assert.rejects(profileWindow({ pid: d.pid, seconds: 20, outDir: out }), (e: Error) => {
      assert.ok(e instanceof AttachError);
      assert.match(
        e.message,
        new RegExp(
          `pid ${d.pid}: the process is exiting .* into the 20 s profile window; the partial ` +
            `window \\(\\d+ samples\\) was kept in`,
        ),
      );
      return true;
    });
    assert.equal(await d.exited, 0, 'the daemon exits cleanly, not held by the session');
    assert.ok(Date.now() - t < 8000, `took ${Date.now() - t} ms of a 20 s window`);
    const files = fs.readdirSync(path.join(out, 'profiles'));
    assert.equal(files.length, 1);
    assert.ok(readProfile(path.join(out, 'profiles', files[0])).samples.length > 0);
    started.delete(d);
  });

  it('errors clearly, without hanging, when the target is killed mid-window', async () => {
    const port = await freePort();
    const d = await startDaemon([`--inspect-port=${port}`]);
    const out = tmpRunDir('attach-kill');
    const t = Date.now();
    await assert.rejects(
      profileWindow({
        pid: d.pid,
        seconds: 20,
        outDir: out,
        onWindowStart: () => process.kill(-d.pid, 'SIGKILL'),
      }),
      new RegExp(
        `pid ${d.pid}: (pid ${d.pid} exited|the connection was lost) .* into the 20 s profile ` +
          `window .*no profile was written`,
      ),
    );
    assert.ok(Date.now() - t < 5000, `took ${Date.now() - t} ms`);
    await killDaemon(d);
    assert.ok(
      !fs.existsSync(path.join(out, 'profiles')) ||
        fs.readdirSync(path.join(out, 'profiles')).length === 0,
    );
  });

  it('never hangs: a target frozen mid-window (SIGSTOP) fails at the deadline, window + 15 s', async () => {
    const port = await freePort();
    const d = await startDaemon([`--inspect-port=${port}`]);
    const t = Date.now();
    try {
      await assert.rejects(
        profileWindow({
          pid: d.pid,
          seconds: 1,
          outDir: tmpRunDir('attach-stop'),
          onWindowStart: () => process.kill(d.pid, 'SIGSTOP'),
        }),
        // The deadline is 16 s from the call; a loaded machine may fire its timer late (16.1–16.2 s
        // seen at load 20), so up to 19.9 s is "at the deadline"; a hang would not end at all.
        new RegExp(
          `pid ${d.pid}: no answer after 1[5-9]\\.\\d s while stopping the ` +
            `profiler \\(deadline: the 1 s window \\+ 15 s\\)`,
        ),
      );
      const took = Date.now() - t;
      assert.ok(took >= 15_000 && took < 20_000, `took ${took} ms`);
    } finally {
      await killDaemon(d);
    }
  });
});

describe('perflens attach (CLI)', () => {
  it('--repeat 2 --every 1 writes two windows that load as two profiles; report reads the folder', async () => {
    const port = await freePort();
    const d = await startDaemon([`--inspect-port=${port}`]);
    const out = tmpRunDir('attach-cli');
    try {
      const r = await runCli([
        'attach',
        '--pid',
        String(d.pid),
        '--seconds',
        '1',
        '--out',
        out,
        '--repeat',
        '2',
        '--every',
        '1',
      ]);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines.length, 2, r.stdout);
      assert.match(
        lines[0],
        new RegExp(
          `^window 1/2: .*window-1\\.cpuprofile  pid ${d.pid}  \\d+ samples  1\\.\\d\\d s$`,
        ),
      );
      assert.match(lines[1], /^window 2\/2: .*window-2\.cpuprofile/);
      const files = fs.readdirSync(path.join(out, 'profiles')).sort();
      assert.equal(files.length, 2);
      for (const f of files)
        assert.ok(hasDaemonFrames(readProfile(path.join(out, 'profiles', f))), f);
      const loaded = await loadProfilePath(out);
      assert.equal(loaded.profiles.length, 2);
      assert.deepEqual(
        loaded.profiles.map((p) => p.pid),
        [d.pid, d.pid],
      );
      const rep = await runCli(['report', out]);
      assert.equal(rep.code, 0, rep.stderr);
      assert.match(rep.stdout, /2 profile\(s\)/);
    } finally {
      await killDaemon(d);
    }
  });

  it('Ctrl-C ends the window early, keeps what was sampled, exit 130', async () => {
    const port = await freePort();
    const d = await startDaemon([`--inspect-port=${port}`]);
    const out = tmpRunDir('attach-cli-int');
    try {
      const t = Date.now();
      let err = '';
      const r = await runCli(
        ['attach', '--pid', String(d.pid), '--seconds', '60', '--out', out],
        (c) => {
          c.stderr!.on('data', (x: string) => (err += x));
          void waitForText(c.stderr!, () => err, /window 1\/1: sampling pid \d+ for 60 s/).then(
            () => c.kill('SIGINT'),
          );
        },
      );
      assert.equal(r.code, 130, r.stderr);
      assert.ok(Date.now() - t < 10_000, `took ${Date.now() - t} ms of a 60 s window`);
      assert.match(r.stderr, /the window was stopped early/);
      assert.match(r.stdout, /^window 1\/1: .*window-1\.cpuprofile/);
      const files = fs.readdirSync(path.join(out, 'profiles'));
      assert.equal(files.length, 1);
      assert.ok(
        d.child.exitCode === null && d.child.signalCode === null,
        'the daemon is untouched',
      );
    } finally {
      await killDaemon(d);
    }
  });

  it('exit code 2 on usage errors, 1 on a failed window', async () => {
    assert.equal((await runCli(['attach', '--seconds', '1', '--out', '/tmp/x'])).code, 2);
    assert.equal(
      (
        await runCli([
          'attach',
          '--pid',
          '1',
          '--url',
          'ws://127.0.0.1:1/x',
          '--seconds',
          '1',
          '--out',
          '/tmp/x',
        ])
      ).code,
      2,
    );
    assert.equal(
      (
        await runCli([
          'attach',
          '--pid',
          '1',
          '--seconds',
          '2',
          '--repeat',
          '2',
          '--every',
          '1',
          '--out',
          '/tmp/x',
        ])
      ).code,
      2,
    );
    const refused = await runCli([
      'attach',
      '--url',
      'ws://10.1.2.3:9229/x',
      '--seconds',
      '1',
      '--out',
      tmpRunDir('attach-cli-refuse'),
    ]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /only loopback/);
  });
});

describe('Node default inspector port 9229 (serial)', { concurrency: false }, () => {
  it('a daemon with no inspector flag opens 9229 on SIGUSR1', async (t) => {
    if (!(await portIsFree(9229))) return t.skip('port 9229 is in use on this machine');
    const d = await startDaemon([]);
    try {
      const r = await profileWindow({ pid: d.pid, seconds: 1, outDir: tmpRunDir('attach-9229') });
      assert.equal(r.pid, d.pid);
      assert.ok(
        r.warnings.some((w) => w.includes('127.0.0.1:9229')),
        r.warnings.join('\n'),
      );
    } finally {
      await killDaemon(d);
    }
  });

  it('never profiles the wrong process: 9229 held by another daemon is detected by pid', async (t) => {
    if (!(await portIsFree(9229))) return t.skip('port 9229 is in use on this machine');
    const holder = await startDaemon(['--inspect=127.0.0.1:9229']);
    const target = await startDaemon([]);
    try {
      await assert.rejects(
        profileWindow({
          pid: target.pid,
          seconds: 1,
          outDir: tmpRunDir('attach-9229-busy'),
          openTimeoutMs: 1500,
        }),
        new RegExp(
          `pid ${target.pid} did not open an inspector .*127\\.0\\.0\\.1:9229 answers for ` +
            `pid ${holder.pid}.*--inspect-port`,
        ),
      );
    } finally {
      await killDaemon(target);
      await killDaemon(holder);
    }
  });
});

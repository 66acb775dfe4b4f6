/**
 * The `perflens` CLI as users run it: the built dist/cli.js in a child process — help on every
 * subcommand, one usage-error path with exit code 2, and the exit codes README.md documents.
 * Expected texts come from the option tables a user reads in `--help`, and the version from
 * package.json itself.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';

const REPO = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO, 'dist/cli.js');

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function newestMtime(dir: string): number {
  return Math.max(
    ...fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => fs.statSync(path.join(e.parentPath, e.name)).mtimeMs),
  );
}

before(() => {
  // `npm run test:unit` builds dist first; a lone run of this file may find an older CLI.
  const stale =
    !fs.existsSync(CLI) ||
    newestMtime(path.join(REPO, 'cli')) > fs.statSync(CLI).mtimeMs ||
    fs.statSync(path.join(REPO, 'package.json')).mtimeMs > fs.statSync(CLI).mtimeMs;
  if (stale) execFileSync(process.execPath, ['esbuild.js'], { cwd: REPO, stdio: 'pipe' });
});

describe('perflens CLI: help and version', () => {
  it('--version prints the version package.json declares (put in at build time)', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const r = cli('--version');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `${version}\n`);
  });

  it('--help lists every subcommand and the exit codes, exit 0; no command is a usage error', () => {
    const r = cli('--help');
    assert.equal(r.code, 0);
    for (const name of ['report', 'run', 'attach'])
      assert.match(r.stdout, new RegExp(`^  ${name} `, 'm'));
    assert.match(r.stdout, /Exit codes: 0 done; 1 failed .* 2 usage error;\n130 stopped/);
    const bare = cli();
    assert.equal(bare.code, 2);
    assert.equal(bare.stdout, '');
    assert.match(bare.stderr, /Usage: perflens <command>/);
  });

  it('each subcommand has --help (and -h) naming its options, exit 0', () => {
    const expected: Record<string, string[]> = {
      report: ['--json', '--top N'],
      run: [
        '--cpu-prof',
        '--0x',
        '--none',
        '--out DIR',
        '--duration S',
        '--env NAME=VALUE',
        '--shell',
      ],
      attach: ['--pid P', '--seconds N', '--out DIR', '--repeat K', '--every S'],
    };
    for (const [name, flags] of Object.entries(expected)) {
      for (const h of ['--help', '-h']) {
        const r = cli(name, h);
        assert.equal(r.code, 0, `${name} ${h}: ${r.stderr}`);
        assert.ok(r.stdout.startsWith(`Usage: perflens ${name} `), r.stdout);
        for (const f of flags)
          assert.match(
            r.stdout,
            new RegExp(`^  ${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `, 'm'),
            `${name}: ${f}`,
          );
      }
    }
  });

  it('--help after -- belongs to the command being run, not to perflens', () => {
    // `run` refuses this before executing anything (no --out), which shows the flag was not help.
    const r = cli('run', '--cpu-prof', '--', 'node', '--help');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--out DIR is required/);
  });
});

describe('perflens CLI: usage errors exit 2 on stderr with the usage line', () => {
  const cases: Array<[string[], RegExp, string]> = [
    [['frob'], /^perflens: unknown command 'frob'/, 'perflens'],
    [['report'], /^perflens report: give a profile/, 'report'],
    [['report', 'a', 'b'], /one path only \(got 'a', 'b'\)/, 'report'],
    [
      ['report', 'x', '--top', '0'],
      /--top expects a whole number of at least 1, got '0'/,
      'report',
    ],
    [['report', 'x', '--bogus'], /Unknown option '--bogus'/, 'report'],
    [['run', '--out', 'x', '--', 'node'], /choose a profiler/, 'run'],
    [
      ['run', '--cpu-prof', '--none', '--out', 'x', '--', 'node'],
      /choose one profiler: --cpu-prof or --none/,
      'run',
    ],
    [['run', '--cpu-prof', '--out'], /Option '--out <value>' argument missing/, 'run'],
    [
      ['run', '--cpu-prof', '--out', 'x', 'node', 'a.js'],
      /unexpected 'node' \(put the command after '--'\)/,
      'run',
    ],
    [
      ['run', '--cpu-prof', '--out', 'x', '--env', 'NOEQUALS', '--', 'node'],
      /--env expects NAME=VALUE, got 'NOEQUALS'/,
      'run',
    ],
    [
      ['run', '--cpu-prof', '--out', 'x', '--duration', 'soon', '--', 'node'],
      /--duration expects a positive number, got 'soon'/,
      'run',
    ],
    [['attach', '--seconds', '1', '--out', 'x'], /give exactly one of --pid P or --url/, 'attach'],
    [
      ['attach', '--pid', '1.5', '--seconds', '1', '--out', 'x'],
      /--pid expects a whole number of at least 1, got '1.5'/,
      'attach',
    ],
    [
      ['attach', '--pid', '1', '--seconds', '2', '--repeat', '2', '--every', '1', '--out', 'x'],
      /--every 1 is shorter than --seconds 2/,
      'attach',
    ],
  ];
  for (const [argv, message, name] of cases) {
    it(`perflens ${argv.join(' ')}`, () => {
      const r = cli(...argv);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.match(
        r.stderr,
        name === 'perflens'
          ? /Usage: perflens <command>/
          : new RegExp(`^Usage: perflens ${name} `, 'm'),
      );
    });
  }
});

describe('perflens CLI: exit codes of a command that ran', () => {
  it('report: 1 for a path that does not exist, 1 when nothing is found, 0 for a profile', () => {
    const missing = cli('report', path.join(REPO, 'no-such-file.cpuprofile'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no-such-file\.cpuprofile: no such file or folder/);
    const nothing = cli('report', path.join(REPO, 'LICENSE'));
    assert.equal(nothing.code, 1);
    assert.match(nothing.stderr, /found neither a CPU profile nor counter dumps/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflens-cli-'));
    const folded = path.join(dir, 'two.folded');
    fs.writeFileSync(folded, 'main;work;hot 3\nmain;work;cold 2\n');
    const found = cli('report', folded);
    assert.equal(found.code, 0, found.stderr);
    // hot: self 3 of 3 + 2 = 5 samples = 60.0 %
    assert.match(found.stdout, /^hot\s.*\s60\.0\s/m);
  });
});

describe('perflens CLI: a reader that goes away', () => {
  it('report piped into a reader that closed at once ends quietly (no EPIPE stack trace)', async () => {
    const profile = path.join(REPO, 'test/fixtures/v8-cpuprofile/node-20/hot-loop/hot.cpuprofile');
    const child = spawn(process.execPath, [CLI, 'report', profile, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Close our end of stdout before the CLI has started: its first write meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});

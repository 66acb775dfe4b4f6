/** Command-line options of the sample daemon, parsed once with clear errors. */
export interface DaemonOptions {
  name: string;
  /** Target operations per second; 0 means as fast as possible (one at a time). */
  opsPerSec: number;
  /** Seconds to run before exiting cleanly; 0 means until signalled. */
  durationS: number;
  /** Exit cleanly after this many operations (fixed work, for A/B wall-clock); 0 means no limit. */
  maxOps: number;
  batch: boolean;
  peer?: string;
  port: number;
  latencyMs: number;
  encodeRounds: number;
  /** Throw an uncaught error after this many seconds (crash tests). */
  crashAfterS?: number;
  /**
   * Seconds to keep serving peers after the last own operation, so their in-flight payments land.
   */
  lingerS: number;
}

const USAGE = `sample-daemon [--name N] [--ops-per-sec R|0] [--duration S] [--ops N] [--batch] [--peer URL]
              [--port P] [--latency-ms MS] [--encode-rounds N] [--crash-after S] [--linger S]`;

export function parseArgs(argv: string[]): DaemonOptions {
  const o: DaemonOptions = {
    name: 'alice',
    opsPerSec: 50,
    durationS: 0,
    maxOps: 0,
    batch: false,
    port: 0,
    latencyMs: 2,
    encodeRounds: 200,
    lingerS: 0.5,
  };
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < 0)
      throw new Error(`${flag} expects a non-negative number, got '${v ?? ''}'\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--name':
        o.name = argv[++i] ?? o.name;
        break;
      case '--ops-per-sec':
        o.opsPerSec = num(a, argv[++i]);
        break;
      case '--duration':
        o.durationS = num(a, argv[++i]);
        break;
      case '--ops':
        o.maxOps = Math.floor(num(a, argv[++i]));
        break;
      case '--batch':
        o.batch = true;
        break;
      case '--peer':
        o.peer = argv[++i];
        break;
      case '--port':
        o.port = num(a, argv[++i]);
        break;
      case '--latency-ms':
        o.latencyMs = num(a, argv[++i]);
        break;
      case '--encode-rounds':
        o.encodeRounds = Math.max(1, num(a, argv[++i]));
        break;
      case '--crash-after':
        o.crashAfterS = num(a, argv[++i]);
        break;
      case '--linger':
        o.lingerS = num(a, argv[++i]);
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown option '${a}'\n${USAGE}`);
    }
  }
  return o;
}

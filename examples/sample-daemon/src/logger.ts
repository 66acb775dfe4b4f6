/**
 * A tiny logger with the same console-sink shape as the SDK's: `[<ISO time>] [LEVEL] [module]`
 * followed by the arguments through `console.log`, so objects come out in Node's `util.inspect`
 * form (multi-line, unquoted keys) — exactly what PerfLens has to parse in real logs.
 *
 * Visibility follows `SPHERE_DEBUG`: a comma list of `module=level` (or `*=level`, or `*`).
 * Without it only warnings and errors print, which is why `perf=info` must be set for the
 * counter dumps to appear.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const LABEL: Record<Level, string> = {
  debug: 'DEBUG',
  info: 'INFO ',
  warn: 'WARN ',
  error: 'ERROR',
};

/** Parsed once at load: the threshold per module, and the default for the rest. */
function parseSpec(spec: string | undefined): { byModule: Map<string, number>; fallback: number } {
  const byModule = new Map<string, number>();
  let fallback = RANK.warn;
  for (const part of (spec ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [mod, lvl] = part.split('=') as [string, string | undefined];
    const rank = lvl && lvl in RANK ? RANK[lvl as Level] : RANK.debug;
    if (mod === '*') fallback = rank;
    else byModule.set(mod, rank);
  }
  return { byModule, fallback };
}

const spec = parseSpec(process.env.SPHERE_DEBUG);

function enabled(level: Level, module: string): boolean {
  return RANK[level] >= (spec.byModule.get(module) ?? spec.fallback);
}

function emit(level: Level, module: string, args: unknown[]): void {
  if (!enabled(level, module)) return;
  const head = `[${new Date().toISOString()}] [${LABEL[level]}] [${module}]`;
  if (level === 'error' || level === 'warn') console.error(head, ...args);
  else console.log(head, ...args);
}

export const logger = {
  debug: (module: string, ...args: unknown[]) => emit('debug', module, args),
  info: (module: string, ...args: unknown[]) => emit('info', module, args),
  warn: (module: string, ...args: unknown[]) => emit('warn', module, args),
  error: (module: string, ...args: unknown[]) => emit('error', module, args),
};

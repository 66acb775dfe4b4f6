/**
 * The environment that puts every Node process of a tree under the profiler. NODE_OPTIONS is
 * inherited by every Node child, which is how a soak script and each daemon it starts are all
 * profiled without editing their command lines. Only `--require` goes into NODE_OPTIONS (Node 20
 * rejects `--cpu-prof` there, see preload.ts); the preload reads its settings from PERFLENS_*.
 * The path is double-quoted (Node's NODE_OPTIONS parser honours quotes and backslash escapes),
 * so run folders with spaces work.
 */

export function quoteNodeOption(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export interface CpuProfEnv {
  profilesDir: string;
  preloadPath: string;
  samplingIntervalUs?: number;
}

export function cpuProfEnv(o: CpuProfEnv, existingNodeOptions?: string): Record<string, string> {
  const env: Record<string, string> = {
    NODE_OPTIONS: [existingNodeOptions?.trim(), `--require=${quoteNodeOption(o.preloadPath)}`]
      .filter(Boolean)
      .join(' '),
    PERFLENS_CPU_PROF_DIR: o.profilesDir,
  };
  if (o.samplingIntervalUs !== undefined)
    env.PERFLENS_CPU_PROF_INTERVAL_US = String(Math.max(1, Math.round(o.samplingIntervalUs)));
  return env;
}

/**
 * `--gate` rules: what the verdict rests on instead of wall-clock alone.
 *
 *   wall-clock:not-worse
 *   counter:orbitdb.putEntry:total:not-worse-than=5%
 *   latency:ack_ms:p99:not-worse
 *   assertions:no-new-failures
 *
 * `<metric id>:not-worse` fails when the metric is significantly worse by more than the practical
 * threshold; `not-worse-than=X%` uses X % as that metric's threshold instead.
 */
export type GateRule =
  | { readonly text: string; readonly kind: 'assertions' }
  | {
      readonly text: string;
      readonly kind: 'metric';
      readonly metric: string;
      readonly thresholdPct?: number;
    };

export function parseGateRules(spec: string): { rules: GateRule[]; error?: string } {
  const rules: GateRule[] = [];
  for (const raw of spec.split(/[,\s]+/).filter(Boolean)) {
    if (raw === 'assertions:no-new-failures') {
      rules.push({ text: raw, kind: 'assertions' });
      continue;
    }
    const cut = raw.lastIndexOf(':');
    const metric = raw.slice(0, cut);
    const rule = raw.slice(cut + 1);
    if (cut <= 0)
      return {
        rules,
        error:
          `gate rule '${raw}': ` +
          `expected <metric>:not-worse, <metric>:not-worse-than=X% or ` +
          `assertions:no-new-failures`,
      };
    if (rule === 'not-worse') rules.push({ text: raw, kind: 'metric', metric });
    else {
      const m = /^not-worse-than=(\d+(?:\.\d+)?)%$/.exec(rule);
      if (!m)
        return {
          rules,
          error:
            `gate rule '${raw}': '${rule}' is not a rule (expected not-worse or ` +
            `not-worse-than=X%)`,
        };
      rules.push({ text: raw, kind: 'metric', metric, thresholdPct: Number(m[1]) });
    }
  }
  if (rules.length === 0) return { rules, error: 'no gate rule given' };
  return { rules };
}

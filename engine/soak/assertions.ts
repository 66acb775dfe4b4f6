/**
 * Assertion PASS/FAIL counts from a soak's `script.log`.
 *
 * Soak scripts print one line per check (`PASS: balances match`, `FAIL: bob missing 2 tokens`,
 * `✓ …`, `✗ …`). Defaults match upper-case PASS/PASSED and FAIL/FAILED as whole words plus the
 * check marks; projects with other conventions pass their own patterns.
 */
export interface AssertionPatterns {
  readonly pass: RegExp;
  readonly fail: RegExp;
}

export const DEFAULT_ASSERTION_PATTERNS: AssertionPatterns = {
  pass: /\bPASS(?:ED)?\b|✓|✅/,
  fail: /\bFAIL(?:ED|URE)?\b|✗|❌/,
};

export interface AssertionCounts {
  pass: number;
  fail: number;
  /** The first failing lines (at most 50), 1-based line numbers. */
  readonly failures: Array<{ readonly line: number; readonly text: string }>;
}

/** A counter you push lines into (so it can share the one pass over a large script.log). */
export function createAssertionCounter(patterns: AssertionPatterns = DEFAULT_ASSERTION_PATTERNS): {
  push(line: string, lineNo: number): void;
  readonly counts: AssertionCounts;
} {
  const counts: AssertionCounts = { pass: 0, fail: 0, failures: [] };
  return {
    counts,
    push(line: string, lineNo: number): void {
      if (patterns.fail.test(line)) {
        counts.fail++;
        if (counts.failures.length < 50)
          counts.failures.push({
            line: lineNo,
            text: line.length > 300 ? line.slice(0, 300) + '…' : line,
          });
      } else if (patterns.pass.test(line)) counts.pass++;
    },
  };
}

export function countAssertions(text: string, patterns?: AssertionPatterns): AssertionCounts {
  const c = createAssertionCounter(patterns);
  text.split('\n').forEach((l, i) => c.push(l, i + 1));
  return c.counts;
}

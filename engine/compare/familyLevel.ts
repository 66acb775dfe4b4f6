/**
 * The level the secondary family is tested at, so that a comparison of A against A claims
 * anything — a primary verdict or a flagged secondary — at most about alpha of the time (the
 * users' rule: ≤ 5 % of A/A comparisons claim a difference), without touching the primaries'
 * power.
 *
 * A primary is tested at alpha, but the exact rank test can only reach the levels its
 * distribution has: with 5 a side the largest two-sided p at or below 0.05 is 8/252 = 0.032, with
 * 10 a side 0.043, with 20 a side 0.049. What it leaves unused of alpha is the family's: then
 * P(any claim) ≤ P(a primary claims) + P(the family flags any) ≤ Σ α′ + (alpha − Σ α′) = alpha,
 * the family's part bounded by Benjamini-Hochberg, whose chance of flagging anything when
 * nothing changed is its level (independent or positively dependent tests — counters that move
 * with wall-clock and with each other are). Measured on resampled real iterations
 * (`bench/ab-rates.ts`), the family at alpha itself added 3.3 % at 10 a side on top of the
 * primary's 5.6 %. The floor alpha/50 keeps strong secondary changes visible when the primaries
 * leave nothing (over 50 a side, or two gate metrics); the bound is then alpha · 1.02.
 */
import { attainableAlpha } from './detectable';

export function familyLevel(
  alpha: number,
  primarySizes: readonly (readonly [number, number])[],
): number {
  const used = primarySizes.reduce((sum, [m, n]) => sum + attainableAlpha(m, n, alpha), 0);
  return Math.max(alpha / 50, alpha - used);
}

/**
 * From this many iterations a side the strict level is the default. There the exact test of a
 * primary reaches α′ ≥ 0.0426 of 0.05 (every m, n from 10 to 60; 0.0433 at 10 v 10), so the family
 * keeps at most 0.0074 and A against A claims anything about alpha of the time — measured 5.0 % at
 * 10 a side and 4.9 % at 20 against 7.2 % and 6.6 % with the family at alpha. Below it the family
 * stays at alpha: at 5 a side the primary's α′ is 0.032, the family at alpha adds nothing
 * measurable (3.2 % both ways), and the strict level (0.018) would hide every single secondary.
 */
export const STRICT_FAMILY_FROM = 10;

/** Whether the family is tested at the strict level when the caller does not say. */
export function strictByDefault(primarySizes: readonly (readonly [number, number])[]): boolean {
  return (
    primarySizes.length > 0 && primarySizes.every(([m, n]) => Math.min(m, n) >= STRICT_FAMILY_FROM)
  );
}

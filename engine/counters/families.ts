/**
 * Counter families and template names.
 *
 * Names are dotted module prefixes plus a suffix (`ipfs.fetchCar.calls`, `ipfs.fetchCar.bytes`),
 * so a family is everything sharing the name minus its last segment: one row that expands.
 * Some names are built from templates in the source (`aggregator.rpc.${method}.http_error`);
 * `templatePattern` turns such a template into a matcher so the instances can be found and grouped.
 */

/** The family of a counter: its name without the last dotted segment ('' for an undotted name). */
export function familyOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i <= 0 ? '' : name.slice(0, i);
}

export interface Family<T> {
  readonly prefix: string;
  readonly members: T[];
}

/**
 * Groups items by family, keeping first-seen order of families and members. A counter whose whole
 * name is itself a family (`orbitdb.putEntry` beside `orbitdb.putEntry.encode`) heads that family,
 * so the parent timer and its parts expand together.
 */
export function groupByFamily<T extends { readonly name: string }>(
  items: readonly T[],
): Family<T>[] {
  const families = new Set(items.map((it) => familyOf(it.name)));
  const byPrefix = new Map<string, T[]>();
  for (const it of items) {
    const f = families.has(it.name) ? it.name : familyOf(it.name);
    let list = byPrefix.get(f);
    if (!list) byPrefix.set(f, (list = []));
    list.push(it);
  }
  return [...byPrefix].map(([prefix, members]) => ({ prefix, members }));
}

/**
 * A RegExp matching every name a template can produce: each `${…}` becomes one or more
 * characters other than a dot. `aggregator.rpc.${method}.http_error` matches
 * `aggregator.rpc.submit_commitment.http_error`.
 */
export function templatePattern(template: string): RegExp {
  const parts = template.split(/\$\{[^}]*\}/);
  const body = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^.]+');
  return new RegExp(`^${body}$`);
}

/** True when `name` is an instance of `template` (or equal to it when it has no placeholders). */
export function matchesTemplate(template: string, name: string): boolean {
  return templatePattern(template).test(name);
}

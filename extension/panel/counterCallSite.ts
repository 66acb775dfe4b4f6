/**
 * The line of a counter's call site in a source text: `incr('name'…)`, `observeMs("name"…)`,
 * `time(`name`…)`, `timeSync(…)`, or a template whose `${…}` parts match any segment
 * (`aggregator.rpc.${method}.http_error`). Pure, for unit tests.
 */
const CALL = /\b(?:incr|observeMs|time|timeSync)\s*\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g;

function templateMatches(template: string, name: string): boolean {
  if (!template.includes('${')) return template === name;
  const pattern = template
    .split(/\$\{[^}]*\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^.]+');
  return new RegExp(`^${pattern}$`).test(name);
}

export function counterCallSiteLine(text: string, name: string): number | undefined {
  if (!text.includes(name.split('.')[0])) return undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    for (const m of lines[i].matchAll(CALL)) {
      const literal = m[2];
      if (m[1] === '`' ? templateMatches(literal, name) : literal === name) return i + 1;
    }
  }
  return undefined;
}

/**
 * What counter dumps lost (redacted, elided by util.inspect), tallied per process and value so
 * the warning comes once at the end and says in how many of the process's dumps each value was
 * lost — a counter redacted in all 20 dumps is not "1 value lost".
 */
import { EngineDiagnostic, warningAt } from '../diagnostics';
import { LostPart } from './types';

interface LostValue {
  readonly source: string;
  readonly path: string;
  readonly marker: string;
  dumps: number;
  /** The first dump that lost it: where the warning points. */
  readonly line: number;
}

export class LostTally {
  private readonly values = new Map<string, LostValue>();
  private readonly dumpsOf = new Map<string, number>();

  /** Counts one dump of `source` (header at `line`) and the values it lost. */
  addDump(lost: readonly LostPart[], source: string, line: number): void {
    this.dumpsOf.set(source, (this.dumpsOf.get(source) ?? 0) + 1);
    for (const l of lost) {
      // Only what util.inspect or a redactor left in the value's place (`[REDACTED]`, `... 3 more
      // items`); values that are merely malformed are reported where they are read.
      if (!(l.marker.startsWith('[') || l.marker.startsWith('...'))) continue;
      const key = `${source}\0${l.path}\0${l.marker}`;
      const t = this.values.get(key);
      if (t) t.dumps++;
      else this.values.set(key, { source, path: l.path, marker: l.marker, dumps: 1, line });
    }
  }

  /** One warning per process that lost anything, naming the first three values. */
  warnings(file: string): EngineDiagnostic[] {
    const bySource = new Map<string, LostValue[]>();
    for (const t of this.values.values()) {
      let l = bySource.get(t.source);
      if (!l) bySource.set(t.source, (l = []));
      l.push(t);
    }
    return [...bySource].map(([source, list]) => {
      const total = this.dumpsOf.get(source) ?? 0;
      const named = list
        .slice(0, 3)
        .map((l) => `${l.path || '(snapshot)'}: ${l.marker} in ${l.dumps} of ${total} dumps`)
        .join(', ');
      const more = list.length > 3 ? ', …' : '';
      return warningAt(
        file,
        `counter dumps of '${source}' lost ${list.length} value(s) to util.inspect/redaction ` +
          `(${named}${more}); they are reported, not guessed`,
        { line: list[0].line },
      );
    });
  }
}

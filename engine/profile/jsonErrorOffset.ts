/**
 * Where JSON breaks. V8's `JSON.parse` messages only sometimes say "at position N" (Node 20 often
 * prints a snippet instead), so after a failed parse we find the first bad character ourselves
 * with a small recursive-descent validator (RFC 8259). Only runs on failure; speed is not a goal.
 */
export function jsonErrorOffset(text: string): number {
  const v = new JsonValidator(text);
  try {
    v.document();
    return -1;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : 0;
  }
}

/** One method per grammar rule; each moves `i` past what it read or throws where it broke. */
class JsonValidator {
  private i = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.value(0);
    this.whitespace();
    if (this.i < this.text.length) this.fail();
  }

  private whitespace(): void {
    const { text } = this;
    while (
      this.i < text.length &&
      (text[this.i] === ' ' ||
        text[this.i] === '\n' ||
        text[this.i] === '\r' ||
        text[this.i] === '\t')
    )
      this.i++;
  }

  private fail(): never {
    // The offset itself unwinds the recursive descent; the caller catches it as a number.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw this.i;
  }

  private value(depth: number): void {
    if (depth > 5000) this.fail();
    this.whitespace();
    const c = this.text[this.i];
    if (c === '{') this.object(depth);
    else if (c === '[') this.array(depth);
    else if (c === '"') this.string();
    else if (c === 't') this.literal('true');
    else if (c === 'f') this.literal('false');
    else if (c === 'n') this.literal('null');
    else this.number();
  }

  private object(depth: number): void {
    this.i++;
    this.whitespace();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.whitespace();
      this.string();
      this.whitespace();
      if (this.text[this.i] !== ':') this.fail();
      this.i++;
      this.value(depth + 1);
      if (this.endOfMember('}')) return;
    }
  }

  private array(depth: number): void {
    this.i++;
    this.whitespace();
    if (this.text[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value(depth + 1);
      if (this.endOfMember(']')) return;
    }
  }

  /** After a member: `,` (more follow: false) or the closing bracket (true). */
  private endOfMember(close: '}' | ']'): boolean {
    this.whitespace();
    if (this.text[this.i] === ',') {
      this.i++;
      return false;
    }
    if (this.text[this.i] !== close) this.fail();
    this.i++;
    return true;
  }

  private string(): void {
    const { text } = this;
    if (text[this.i] !== '"') this.fail();
    this.i++;
    while (this.i < text.length) {
      const c = text.charCodeAt(this.i);
      if (c === 0x22) {
        this.i++;
        return;
      }
      if (c < 0x20) this.fail();
      this.i += c === 0x5c ? 2 : 1;
    }
    this.fail();
  }

  private literal(s: string): void {
    if (this.text.startsWith(s, this.i)) {
      this.i += s.length;
      return;
    }
    for (let k = 0; k < s.length && this.text[this.i] === s[k]; k++) this.i++;
    this.fail();
  }

  private number(): void {
    const slice = this.text.slice(this.i, this.i + 400);
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(slice);
    if (!m || m[0] === '' || m[0] === '-') this.fail();
    this.i += m[0].length;
  }
}

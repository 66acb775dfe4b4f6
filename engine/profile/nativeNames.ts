/**
 * Rust (and C++-style) symbol names split into module path, owner type and function name, so the
 * language server can find `fn handle_incoming` in `impl PubSubManager` from a frame named
 * `x0x::gossip::pubsub::PubSubManager::handle_incoming::{{closure}}`.
 *
 * Handles what `perf script`, `cargo flamegraph` and inferno print: already-demangled paths with
 * `::h<16 hex>` hashes, `{{closure}}`/`{{closure}}#1`, `<T as Trait>::method`, `<impl …>`
 * generics; and legacy-mangled `_ZN…E` symbols (Rust RFC 2603 predates v0 `_R`, which we leave).
 * Reference: rustc_demangle `legacy.rs` (escapes `$LT$`, `$GT$`, `$u20$`, `..` → `::`).
 */
export interface NativeName {
  /** The name as given. */
  readonly raw: string;
  /** e.g. `x0x::gossip::pubsub`. Empty when the name has no path. */
  readonly modulePath: string;
  /** The type the function is defined on (`PubSubManager`), if any. */
  readonly owner?: string;
  /** For `<T as Trait>::f`: the trait. */
  readonly trait?: string;
  /** The function name (`handle_incoming`). */
  readonly name: string;
  /** True when the frame is a closure inside `name`. */
  readonly closure: boolean;
}

const LEGACY_ESCAPES: Record<string, string> = {
  SP: '@',
  BP: '*',
  RF: '&',
  LT: '<',
  GT: '>',
  LP: '(',
  RP: ')',
  C: ',',
};

/**
 * Legacy Rust mangling `_ZN3foo3bar17h0123456789abcdefE` → `foo::bar::h0123456789abcdef`; other
 * input unchanged.
 */
export function demangleLegacy(sym: string): string {
  const m = /^_?_ZN(.*)E(\.llvm\.\d+)?$/.exec(sym);
  if (!m) return sym;
  const body = m[1];
  const parts: string[] = [];
  let i = 0;
  while (i < body.length) {
    const len = /^\d+/.exec(body.slice(i));
    if (!len) return sym;
    i += len[0].length;
    const n = Number(len[0]);
    if (i + n > body.length) return sym;
    parts.push(unescapeLegacy(body.slice(i, i + n)));
    i += n;
  }
  return parts.join('::');
}

function unescapeLegacy(s: string): string {
  let out = s.startsWith('_$') ? s.slice(1) : s;
  out = out.replace(/\$([A-Z]{1,2}|u[0-9a-f]+)\$/g, (all, code: string) => {
    if (code.startsWith('u')) return String.fromCodePoint(parseInt(code.slice(1), 16));
    return LEGACY_ESCAPES[code] ?? all;
  });
  return out.replace(/\.\./g, '::');
}

/**
 * Demangled C++ names carry their parameter list and clone suffixes
 * (`relay::AckTracker::record(std::vector<int> const&) [clone .isra.0]`); the `::` inside the
 * parameters would split the path, so for parsing the name ends at its first top-level `(`
 * (not `(anonymous namespace)`, which follows `::` or starts the name).
 */
export function withoutCppSignature(s: string): string {
  const t = s.replace(/(?:\s*\[clone [^\]]*\])+$/, '');
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '<') depth++;
    else if (c === '>' && t[i - 1] !== '-') depth = Math.max(0, depth - 1);
    else if (
      c === '(' &&
      depth === 0 &&
      i > 0 &&
      !t.endsWith('::', i) &&
      !t.endsWith('operator', i)
    )
      return t.slice(0, i);
  }
  return t;
}

/** Splits `a::b<C::D>::e` on top-level `::` only (not inside `<…>`). */
function splitPath(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '<') depth++;
    else if (c === '>' && s[i - 1] !== '-') depth = Math.max(0, depth - 1);
    else if (c === ':' && s[i + 1] === ':' && depth === 0) {
      out.push(s.slice(start, i));
      i++;
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

const stripGenerics = (s: string): string => {
  const i = s.indexOf('<');
  return i > 0 ? s.slice(0, i) : s;
};

/** Whether a path segment names a type (Rust convention: UpperCamelCase). */
const isTypeName = (s: string): boolean => /^[A-Z]/.test(stripGenerics(s));

/**
 * Parses a native frame name, or returns undefined for names that are not paths (`main`,
 * `[unknown]`, JavaScript names). Function names that are JS-like (`foo.bar`, spaces) are left
 * alone.
 */
export function parseNativeName(input: string): NativeName | undefined {
  let s = withoutCppSignature(demangleLegacy(input.trim()));
  // perf appends `+0x1f` offsets; drop them.
  s = s.replace(/\+0x[0-9a-f]+$/i, '');
  if (!s.includes('::')) return undefined;
  let segs = splitPath(s).filter((x) => x !== '');
  // Drop the legacy hash segment `h0123456789abcdef`.
  if (segs.length > 1 && /^h[0-9a-f]{16}$/.test(segs[segs.length - 1])) segs = segs.slice(0, -1);
  let closure = false;
  while (
    segs.length > 1 &&
    /^(\{\{(closure|constant|constructor)\}\}(#\d+)?|\{(closure|constant|constructor)#\d+\})$/.test(
      segs[segs.length - 1],
    )
  ) {
    if (/^\{\{?closure/.test(segs[segs.length - 1])) closure = true;
    segs = segs.slice(0, -1);
  }
  if (segs.length === 0) return undefined;
  const name = stripGenerics(segs[segs.length - 1]);
  const before = segs.slice(0, -1);
  let owner: string | undefined;
  let trait: string | undefined;
  let modulePath = before;
  const last = before[before.length - 1];
  if (last !== undefined && last.startsWith('<') && last.endsWith('>')) {
    // `<T as Trait>` or `<impl Trait for T>` or `<T>`
    const inner = last.slice(1, -1).trim();
    const asM = /^(.*?)\s+as\s+(.*)$/.exec(inner);
    const implFor = /^impl\s+(.*?)\s+for\s+(.*)$/.exec(inner);
    const typePath = asM ? asM[1] : implFor ? implFor[2] : inner;
    const traitPath = asM ? asM[2] : implFor ? implFor[1] : undefined;
    const typeSegs = splitPath(typePath.replace(/^&(mut\s+)?/, ''));
    owner = stripGenerics(typeSegs[typeSegs.length - 1]);
    if (traitPath) trait = stripGenerics(splitPath(traitPath).pop()!);
    modulePath = [...before.slice(0, -1), ...typeSegs.slice(0, -1)];
  } else if (last !== undefined && isTypeName(last)) {
    owner = stripGenerics(last);
    modulePath = before.slice(0, -1);
  }
  return {
    raw: input,
    modulePath: modulePath.join('::'),
    ...(owner ? { owner } : {}),
    ...(trait ? { trait } : {}),
    name,
    closure,
  };
}

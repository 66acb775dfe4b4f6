/**
 * Functions and counter call sites of a Rust file, from a tree-sitter syntax tree (the Rust
 * grammar shipped in `@vscode/tree-sitter-wasm`; the parser is loaded by `rustParser.ts`).
 *
 * Named: `fn` items at file level, inside inline `mod` blocks, in `impl T`, `impl Trait for T`
 * and trait default bodies. Closures are anonymous: listed, never a lens of their own. Counter
 * call sites are `metrics` crate macros (`counter!("name")`, `histogram!("…")`, also
 * `metrics::counter!`) with a string literal name, credited to the innermost named `fn`.
 */
import type { Node, Parser } from '@vscode/tree-sitter-wasm';
import {
  DEFAULT_RUST_COUNTER_MACROS,
  type CounterCallSite,
  type SourceFunction,
} from './sourceFunctions';

export interface RustFunctionOptions {
  /** Macro names (without `!`) whose first argument is a counter name. */
  readonly counterMacros?: readonly string[];
}

interface Mutable {
  name: string;
  owner?: string;
  trait?: string;
  module?: string;
  anonymous: boolean;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  parent?: number;
  counterCalls: CounterCallSite[];
}

/** `Foo`, `Foo<T>`, `crate::a::Foo<T>`, `&'a Foo` → `Foo`. */
function typeName(node: Node | null): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'type_identifier':
    case 'identifier':
      return node.text;
    case 'generic_type':
      return typeName(node.childForFieldName('type'));
    case 'scoped_type_identifier':
    case 'scoped_identifier':
      return typeName(node.childForFieldName('name'));
    case 'reference_type':
    case 'pointer_type':
      return typeName(node.childForFieldName('type'));
    default:
      return node.text;
  }
}

/** The string of a Rust string literal node (escapes other than `\"` and `\\` kept as written). */
function stringValue(node: Node): string | undefined {
  if (node.type === 'string_literal') {
    const content = node.namedChildren.find((c) => c?.type === 'string_content');
    return (content?.text ?? '').replace(/\\(["\\])/g, '$1');
  }
  if (node.type === 'raw_string_literal') {
    const m = /^r#*"([\s\S]*)"#*$/.exec(node.text);
    return m ? m[1] : undefined;
  }
  return undefined;
}

export function findRustFunctions(
  text: string,
  parser: Parser,
  options: RustFunctionOptions = {},
): SourceFunction[] {
  const macros = new Set(options.counterMacros ?? DEFAULT_RUST_COUNTER_MACROS);
  const tree = parser.parse(text);
  if (!tree) return [];
  const out: Mutable[] = [];
  try {
    const add = (
      node: Node,
      name: string | undefined,
      ctx: { owner?: string; trait?: string; module: string[] },
      parent: number | undefined,
    ): number => {
      out.push({
        name: name ?? '(closure)',
        ...(ctx.owner ? { owner: ctx.owner } : {}),
        ...(ctx.trait ? { trait: ctx.trait } : {}),
        ...(ctx.module.length ? { module: ctx.module.join('::') } : {}),
        anonymous: name === undefined,
        line: node.startPosition.row + 1,
        column: node.startPosition.column + 1,
        endLine: node.endPosition.row + 1,
        endColumn: node.endPosition.column + 1,
        ...(parent !== undefined ? { parent } : {}),
        counterCalls: [],
      });
      return out.length - 1;
    };

    type Ctx = { owner?: string; trait?: string; module: string[] };
    const visit = (
      node: Node,
      ctx: Ctx,
      current: number | undefined,
      named: number | undefined,
    ): void => {
      let here = current;
      let namedHere = named;
      let inner = ctx;
      switch (node.type) {
        case 'mod_item': {
          const name = node.childForFieldName('name')?.text;
          inner = { module: name ? [...ctx.module, name] : ctx.module };
          break;
        }
        case 'impl_item': {
          const owner = typeName(node.childForFieldName('type'));
          const trait = typeName(node.childForFieldName('trait'));
          inner = { module: ctx.module, ...(owner ? { owner } : {}), ...(trait ? { trait } : {}) };
          break;
        }
        case 'trait_item': {
          const trait = node.childForFieldName('name')?.text;
          inner = { module: ctx.module, ...(trait ? { trait } : {}) };
          break;
        }
        case 'function_item': {
          here = add(node, node.childForFieldName('name')?.text ?? '(fn)', ctx, current);
          namedHere = here;
          // Items nested in a fn body are not methods of the surrounding impl.
          inner = { module: ctx.module };
          break;
        }
        case 'closure_expression':
          here = add(node, undefined, ctx, current);
          break;
        case 'macro_invocation': {
          if (namedHere === undefined) break;
          const macro = node.childForFieldName('macro');
          const macroName = macro ? (typeName(macro) ?? macro.text) : undefined;
          if (!macroName || !macros.has(macroName)) break;
          const args = node.namedChildren.find((c) => c?.type === 'token_tree');
          const first = args?.namedChildren[0];
          const name = first ? stringValue(first) : undefined;
          if (name !== undefined)
            out[namedHere].counterCalls.push({
              name,
              callee: `${macro!.text}!`,
              line: node.startPosition.row + 1,
            });
          break;
        }
      }
      for (const child of node.namedChildren) if (child) visit(child, inner, here, namedHere);
    };
    visit(tree.rootNode, { module: [] }, undefined, undefined);
  } finally {
    tree.delete();
  }
  return out;
}

/**
 * Functions and counter call sites of a TypeScript or JavaScript file, from the TypeScript
 * compiler's parser (`createSourceFile`: syntax only, no program, no type checking).
 *
 * Named: function declarations, class and object-literal methods, accessors, constructors, and
 * arrow functions / function expressions assigned to a variable, a property or a class field.
 * Overload signatures have no body and are skipped, so an overloaded function has one entry (its
 * implementation). Everything else (callbacks passed as arguments, IIFEs) is anonymous: it is
 * listed, so a CPU frame inside it is not pinned on its parent by mistake, but never gets a lens.
 */
import ts from 'typescript';
import {
  DEFAULT_COUNTER_CALLEES,
  templatePattern,
  type CounterCallSite,
  type SourceFunction,
} from './sourceFunctions';

export interface TsFunctionOptions {
  /**
   * Callee names that record counters (default `incr`, `observe`, `observeMs`, `time`, `timeSync`).
   */
  readonly counterCallees?: readonly string[];
}

interface Mutable {
  name: string;
  owner?: string;
  anonymous: boolean;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  parent?: number;
  counterCalls: CounterCallSite[];
}

function scriptKindOf(fileName: string): ts.ScriptKind {
  if (/\.tsx$/i.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.jsx$/i.test(fileName)) return ts.ScriptKind.JSX;
  if (/\.(js|mjs|cjs)$/i.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function propertyNameText(name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) return `[${name.expression.getText()}]`;
  return undefined;
}

/** The name of the class or object literal a member belongs to. */
function ownerOf(container: ts.Node): string | undefined {
  if (ts.isClassDeclaration(container) || ts.isClassExpression(container)) {
    if (container.name) return container.name.text;
    const p = container.parent;
    if (p && ts.isVariableDeclaration(p)) return propertyNameText(p.name);
    return undefined;
  }
  if (ts.isObjectLiteralExpression(container)) {
    const p = container.parent;
    if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p)))
      return propertyNameText(p.name);
    if (p && ts.isBinaryExpression(p)) return assignedName(p.left)?.name;
  }
  return undefined;
}

/** `x = …` → x; `A.prototype.f = …` → f on A; `this.f = …` / `obj.f = …` → f on obj. */
function assignedName(left: ts.Expression): { name: string; owner?: string } | undefined {
  if (ts.isIdentifier(left)) return { name: left.text };
  if (ts.isPropertyAccessExpression(left)) {
    const target = left.expression;
    let owner: string | undefined;
    if (ts.isPropertyAccessExpression(target) && target.name.text === 'prototype')
      owner = target.expression.getText();
    else if (ts.isIdentifier(target)) owner = target.text;
    return { name: left.name.text, ...(owner ? { owner } : {}) };
  }
  return undefined;
}

/** The name and owner an arrow function or function expression takes from where it is assigned. */
function nameFromContext(fn: ts.ArrowFunction | ts.FunctionExpression): {
  name?: string;
  owner?: string;
} {
  let p: ts.Node = fn.parent;
  // `const f = (async () => {}) as Handler` and friends.
  while (
    ts.isParenthesizedExpression(p) ||
    ts.isAsExpression(p) ||
    ts.isSatisfiesExpression(p) ||
    ts.isTypeAssertionExpression(p)
  )
    p = p.parent;
  if (ts.isVariableDeclaration(p)) return { name: propertyNameText(p.name) };
  if (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p))
    return { name: propertyNameText(p.name), owner: ownerOf(p.parent) };
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return assignedName(p.left) ?? {};
  }
  if (ts.isFunctionExpression(fn) && fn.name) return { name: fn.name.text };
  return {};
}

function counterNameOf(
  arg: ts.Expression | undefined,
): { name: string; pattern?: string } | undefined {
  if (!arg) return undefined;
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return { name: arg.text };
  if (ts.isTemplateExpression(arg)) {
    const parts = [arg.head.text, ...arg.templateSpans.map((s) => s.literal.text)];
    const name =
      arg.head.text +
      arg.templateSpans.map((s) => `\${${s.expression.getText()}}${s.literal.text}`).join('');
    return { name, pattern: templatePattern(parts) };
  }
  return undefined;
}

export function findTsFunctions(
  text: string,
  fileName: string,
  options: TsFunctionOptions = {},
): SourceFunction[] {
  const callees = new Set(options.counterCallees ?? DEFAULT_COUNTER_CALLEES);
  const sf = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    scriptKindOf(fileName),
  );
  const out: Mutable[] = [];
  const pos = (offset: number): { line: number; column: number } => {
    const lc = sf.getLineAndCharacterOfPosition(offset);
    return { line: lc.line + 1, column: lc.character + 1 };
  };

  const add = (
    node: ts.Node,
    name: string | undefined,
    owner: string | undefined,
    parent: number | undefined,
  ): number => {
    const start = pos(node.getStart(sf));
    const end = pos(node.getEnd());
    out.push({
      name: name ?? '(anonymous)',
      ...(owner ? { owner } : {}),
      anonymous: name === undefined,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      ...(parent !== undefined ? { parent } : {}),
      counterCalls: [],
    });
    return out.length - 1;
  };

  /** `current`: innermost function; `named`: innermost named function (gets the call sites). */
  const visit = (node: ts.Node, current: number | undefined, named: number | undefined): void => {
    let here = current;
    let namedHere = named;
    if (
      (ts.isFunctionDeclaration(node) ||
        ts.isMethodDeclaration(node) ||
        ts.isConstructorDeclaration(node) ||
        ts.isGetAccessorDeclaration(node) ||
        ts.isSetAccessorDeclaration(node)) &&
      node.body
    ) {
      const name = ts.isConstructorDeclaration(node)
        ? 'constructor'
        : ts.isFunctionDeclaration(node)
          ? (node.name?.text ?? 'default')
          : propertyNameText(node.name);
      const owner = ts.isFunctionDeclaration(node) ? undefined : ownerOf(node.parent);
      here = add(node, name ?? '(computed)', owner, current);
      namedHere = here;
    } else if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      const { name, owner } = nameFromContext(node);
      here = add(node, name, owner ?? (name ? ownerOfThis(node) : undefined), current);
      if (name !== undefined) namedHere = here;
    } else if (ts.isCallExpression(node) && namedHere !== undefined) {
      const callee = node.expression;
      const calleeName = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : undefined;
      if (calleeName !== undefined && callees.has(calleeName)) {
        const counter = counterNameOf(node.arguments[0]);
        if (counter)
          out[namedHere].counterCalls.push({
            ...counter,
            callee: callee.getText(sf),
            line: pos(node.getStart(sf)).line,
          });
      }
    }
    ts.forEachChild(node, (child) => visit(child, here, namedHere));
  };
  visit(sf, undefined, undefined);
  return out;
}

/** For `this.f = () => …` inside a class: the class. */
function ownerOfThis(fn: ts.Node): string | undefined {
  const p = fn.parent;
  if (
    ts.isBinaryExpression(p) &&
    ts.isPropertyAccessExpression(p.left) &&
    p.left.expression.kind === ts.SyntaxKind.ThisKeyword
  ) {
    for (let n: ts.Node | undefined = p; n; n = n.parent)
      if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) return ownerOf(n);
  }
  return undefined;
}

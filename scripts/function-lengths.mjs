#!/usr/bin/env node
// Lists the longest functions of the tree: name, file:line, lines.
//
//   node scripts/function-lengths.mjs [N] [--under DIR]... [--exclude SUBSTRING]...
//
// Uses the TypeScript compiler API (syntax only, no type-check) so arrow functions, methods,
// accessors and constructors count the same as `function` declarations. A function's length is
// its first to last line inclusive; a function nested in another counts on its own and inside
// its parent, as an editor would show them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const args = process.argv.slice(2);
let limit = 20;
const roots = [];
const excludes = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--under') roots.push(args[++i]);
  else if (args[i] === '--exclude') excludes.push(args[++i]);
  else if (/^\d+$/.test(args[i])) limit = Number(args[i]);
  else {
    console.error(`function-lengths: unknown argument ${args[i]}`);
    process.exit(2);
  }
}

// Tracked sources only: generated bundles and fixtures are not ours to split.
const tracked = execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.mts', '*.mjs'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((file) => file && !file.startsWith('test/fixtures/') && !file.endsWith('.d.ts'))
  .filter((file) => roots.length === 0 || roots.some((root) => file.startsWith(root)))
  .filter((file) => !excludes.some((part) => file.includes(part)));

const functions = [];
for (const file of tracked) {
  const text = readFileSync(file, 'utf8');
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
      functions.push({ name: functionName(node), file, line: start, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

functions.sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file) || a.line - b.line);
for (const fn of functions.slice(0, limit)) {
  console.log(`${String(fn.lines).padStart(5)}  ${fn.name.padEnd(40)} ${fn.file}:${fn.line}`);
}

/**
 * The name a reader would search for: the declared name, or the variable/property it is bound to.
 */
function functionName(node) {
  if (ts.isConstructorDeclaration(node)) return `${className(node.parent)}.constructor`;
  if (node.name && ts.isIdentifier(node.name)) {
    const owner = ts.isClassLike(node.parent) ? `${className(node.parent)}.` : '';
    return owner + node.name.text;
  }
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name.getText();
  }
  if (ts.isCallExpression(parent)) {
    return `(callback of ${parent.expression.getText().slice(0, 30)})`;
  }
  return '(anonymous)';
}

function className(node) {
  return node.name ? node.name.text : '(class)';
}

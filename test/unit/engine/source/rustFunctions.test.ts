/**
 * Function finding in Rust with tree-sitter (the pinned @vscode/tree-sitter-wasm 0.3.1 runtime and
 * grammar). Expected lines are read off test/fixtures/inline/rust-x0x/src/gossip/pubsub.rs.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Parser } from '@vscode/tree-sitter-wasm';
import { findRustFunctions } from '../../../../engine/source/rustFunctions';
import { rustParser } from '../../../../engine/source/rustParser';

const pubsub = resolve(__dirname, '../../../fixtures/inline/rust-x0x/src/gossip/pubsub.rs');

describe('findRustFunctions', () => {
  let parser: Parser;
  before(async () => {
    parser = await rustParser();
  });

  it('finds methods of impl T and impl Trait for T, free fns and fns in inline modules', () => {
    const fns = findRustFunctions(readFileSync(pubsub, 'utf8'), parser).filter((f) => !f.anonymous);
    assert.deepEqual(
      fns.map((f) => [f.module ?? '', f.owner ?? '', f.trait ?? '', f.name, f.line]),
      [
        ['', 'PubSubManager', '', 'handle_incoming', 11],
        ['', 'PubSubManager', 'Verify', 'verify', 24],
        ['', 'TopicRouter', '', 'handle_incoming', 30],
        ['', '', '', 'decode_frame', 35],
        ['tests', '', '', 'handle_incoming', 40],
      ],
    );
  });

  it('lists closures as anonymous and credits metrics macros to the enclosing fn', () => {
    const fns = findRustFunctions(readFileSync(pubsub, 'utf8'), parser);
    // line 36: `|b| *b as u64` inside decode_frame.
    const closures = fns.filter((f) => f.anonymous);
    assert.deepEqual(
      closures.map((f) => f.line),
      [36],
    );
    assert.equal(fns[closures[0].parent!].name, 'decode_frame');
    const h = fns.find((f) => f.name === 'handle_incoming' && f.owner === 'PubSubManager')!;
    assert.deepEqual(
      h.counterCalls.map((c) => `${c.callee}("${c.name}")@${c.line}`),
      ['metrics::counter!("pubsub.incoming")@12', 'histogram!("pubsub.fanout_ms")@16'],
    );
  });

  it('parses a 3,000-line file: every generated fn found, generic impls by their type', () => {
    const lines = ['impl<T: Clone> Cache<T> {'];
    // 1 + 999 methods × 3 lines + `}` + a free fn = 3,000 lines.
    for (let i = 0; i < 999; i++)
      lines.push(`    pub async fn m${i}(&self) -> u32 {`, `        ${i}`, '    }');
    lines.push('}', 'fn tail() {}');
    const fns = findRustFunctions(lines.join('\n'), parser);
    assert.equal(lines.length, 3000);
    assert.equal(fns.length, 1000);
    assert.equal(fns[0].owner, 'Cache');
    assert.equal(fns[998].name, 'm998');
    assert.equal(fns[998].line, 2 + 998 * 3);
  });
});

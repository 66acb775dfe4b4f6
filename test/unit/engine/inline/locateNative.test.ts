/**
 * engine/inline/locateNative.ts on the hand-written crate test/fixtures/inline/rust-x0x: each
 * frame lands on the `fn` the fixture's comments and line numbers say (read off pubsub.rs).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { locateNative } from '../../../../engine/inline/locateNative';
import { findRustFunctions } from '../../../../engine/source/rustFunctions';
import { rustParser } from '../../../../engine/source/rustParser';

const crate = resolve(__dirname, '../../../fixtures/inline/rust-x0x/src');

async function parsed(rel: string) {
  const path = resolve(crate, rel).replace(/\\/g, '/');
  const functions = findRustFunctions(readFileSync(path, 'utf8'), await rustParser());
  return { path, functions };
}

describe('locateNative', () => {
  it('finds a Rust frame by module path, impl owner and trait, like the CodeLens matcher', async () => {
    const files = [
      await parsed('lib.rs'),
      await parsed('gossip/mod.rs'),
      await parsed('gossip/pubsub.rs'),
    ];
    const at = (frame: Parameters<typeof locateNative>[0]) =>
      locateNative(frame, files).map((l) => `${l.path.split('/').pop()}:${l.line}`);
    // pubsub.rs line 11: `pub async fn handle_incoming` in `impl PubSubManager`
    assert.deepEqual(
      at({ modulePath: 'x0x::gossip::pubsub', owner: 'PubSubManager', name: 'handle_incoming' }),
      ['pubsub.rs:11'],
    );
    // line 30: the other `handle_incoming`, in `impl TopicRouter`
    assert.deepEqual(
      at({ modulePath: 'x0x::gossip::pubsub', owner: 'TopicRouter', name: 'handle_incoming' }),
      ['pubsub.rs:30'],
    );
    // line 24: `fn verify` in `impl Verify for PubSubManager` (not the trait's declaration in
    // mod.rs)
    assert.deepEqual(
      at({
        modulePath: 'x0x::gossip::pubsub',
        owner: 'PubSubManager',
        trait: 'Verify',
        name: 'verify',
      }),
      ['pubsub.rs:24'],
    );
    // line 35: the free function
    assert.deepEqual(at({ modulePath: 'x0x::gossip::pubsub', name: 'decode_frame' }), [
      'pubsub.rs:35',
    ]);
    // no such function: nothing (the caller says so)
    assert.deepEqual(at({ modulePath: 'x0x::gossip', name: 'nowhere' }), []);
  });
});

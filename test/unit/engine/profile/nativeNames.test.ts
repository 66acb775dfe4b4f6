/** Rust / native frame names → module path, owner, name. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demangleLegacy, parseNativeName } from '../../../../engine/profile/nativeNames';

const cases: [
  string,
  { modulePath: string; owner?: string; trait?: string; name: string; closure: boolean },
][] = [
  [
    'x0x::gossip::pubsub::PubSubManager::handle_incoming::{{closure}}',
    {
      modulePath: 'x0x::gossip::pubsub',
      owner: 'PubSubManager',
      name: 'handle_incoming',
      closure: true,
    },
  ],
  [
    'x0x::gossip::pubsub::PubSubManager::handle_incoming::h0123456789abcdef',
    {
      modulePath: 'x0x::gossip::pubsub',
      owner: 'PubSubManager',
      name: 'handle_incoming',
      closure: false,
    },
  ],
  [
    '<x0x::gossip::pubsub::PubSubManager as x0x::gossip::pubsub::Verify>::verify',
    {
      modulePath: 'x0x::gossip::pubsub',
      owner: 'PubSubManager',
      trait: 'Verify',
      name: 'verify',
      closure: false,
    },
  ],
  [
    '<alloc::vec::Vec<T,A> as core::ops::drop::Drop>::drop+0x1f',
    { modulePath: 'alloc::vec', owner: 'Vec', trait: 'Drop', name: 'drop', closure: false },
  ],
  ['x0x::main', { modulePath: 'x0x', name: 'main', closure: false }],
  [
    'std::rt::lang_start::{{closure}}#1',
    { modulePath: 'std::rt', name: 'lang_start', closure: true },
  ],
  [
    'std::rt::lang_start_internal::{closure#0}',
    { modulePath: 'std::rt', name: 'lang_start_internal', closure: true },
  ],
  [
    'hashbrown::raw::RawTable<T,A>::reserve_rehash',
    { modulePath: 'hashbrown::raw', owner: 'RawTable', name: 'reserve_rehash', closure: false },
  ],
];

for (const [raw, expected] of cases) {
  test(`parses ${raw}`, () => {
    const n = parseNativeName(raw)!;
    assert.ok(n);
    const { raw: _raw, ...rest } = n;
    assert.deepEqual(rest, expected);
  });
}

test('names that are not paths are left alone', () => {
  for (const s of ['main', '[unknown]', 'Module._compile', '(garbage collector)', 'fib'])
    assert.equal(parseNativeName(s), undefined);
});

test('legacy _ZN…E mangling is demangled, escapes included', () => {
  assert.equal(
    demangleLegacy('_ZN3x0x6gossip6pubsub13PubSubManager15handle_incoming17h0123456789abcdefE'),
    'x0x::gossip::pubsub::PubSubManager::handle_incoming::h0123456789abcdef',
  );
  assert.equal(
    demangleLegacy(
      '_ZN4core3ptr85drop_in_place$LT$std..rt..lang_start$LT$$LP$$RP$$GT$..$u7b$$u7b$closure$u7d$$u7d$$GT$17h0000000000000000E',
    ),
    'core::ptr::drop_in_place<std::rt::lang_start<()>::{{closure}}>::h0000000000000000',
  );
  const n = parseNativeName(
    '_ZN3x0x6gossip6pubsub13PubSubManager15handle_incoming17h0123456789abcdefE',
  )!;
  assert.equal(n.owner, 'PubSubManager');
  assert.equal(n.name, 'handle_incoming');
  assert.equal(demangleLegacy('not_mangled'), 'not_mangled');
});

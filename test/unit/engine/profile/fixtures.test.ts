/** Every profile fixture, one line each, through the shared snapshot helper. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkProfileSnapshot } from './snapshot';

const ok = async (rel: string): Promise<void> => {
  const r = await checkProfileSnapshot(rel);
  assert.ok(r.profiles.length > 0, `${rel}: no profile loaded`);
  assert.ok(
    r.profiles.every((p) => p.sampleStack.length > 0),
    `${rel}: a profile has no samples`,
  );
};

test('v8-cpuprofile/node-20/hot-loop', () => ok('v8-cpuprofile/node-20/hot-loop/hot.cpuprofile'));
test('v8-cpuprofile/node-20/esbuild-sourcemap-inline', () =>
  ok('v8-cpuprofile/node-20/esbuild-sourcemap-inline/app.cpuprofile'));
test('v8-cpuprofile/node-20/esbuild-sourcemap-file', () =>
  ok('v8-cpuprofile/node-20/esbuild-sourcemap-file/app.cpuprofile'));
test('v8-cpuprofile/node-20/esbuild-minified-sourcemap', () =>
  ok('v8-cpuprofile/node-20/esbuild-minified-sourcemap/app.cpuprofile'));
test('v8-cpuprofile/hand-made/recursion', () =>
  ok('v8-cpuprofile/hand-made/recursion/recursion.cpuprofile'));
test('v8-cpuprofile/hand-made/wrapped (inspector Profiler.stop result, .json name)', () =>
  ok('v8-cpuprofile/hand-made/wrapped/inspector-profile-stop.json'));
test('v8-cpuprofile/hand-made/missing-nodes', () =>
  ok('v8-cpuprofile/hand-made/missing-nodes/missing-nodes.cpuprofile'));
test('v8-cpuprofile/hand-made/negative-deltas', () =>
  ok('v8-cpuprofile/hand-made/negative-deltas/negative-deltas.cpuprofile'));
test('v8-cpuprofile/hand-made/truncated-in-samples', () =>
  ok('v8-cpuprofile/hand-made/truncated/truncated-in-samples.cpuprofile'));
test('0x/6.0.0/hot-loop (folder)', () => ok('0x/6.0.0/hot-loop'));
test('run-folder/node-20/two-processes', () => ok('run-folder/node-20/two-processes'));
test('speedscope/hand-made/sampled', () =>
  ok('speedscope/hand-made/sampled/sampled.speedscope.json'));
test('speedscope/hand-made/evented', () =>
  ok('speedscope/hand-made/evented/evented.speedscope.json'));
test('folded/flamegraph-stackcollapse-perf/vertx', () =>
  ok('folded/flamegraph-stackcollapse-perf/vertx/perf-vertx-stacks-01-collapsed-all.txt'));
test('folded/perf-6.1-stackcollapse/rust-dwarf', () =>
  ok('folded/perf-6.1-stackcollapse/rust-dwarf/x0x.folded'));
test('folded/hand-made/missing-count', () =>
  ok('folded/hand-made/missing-count/missing-count.folded'));
test('perf-script/perf-6.1/rust-dwarf', () => ok('perf-script/perf-6.1/rust-dwarf/x0x.perf.txt'));
test('perf-script/perf-6.1/rust-legacy-mangled (perf script --no-demangle)', () =>
  ok('perf-script/perf-6.1/rust-legacy-mangled/x0x.perf.txt'));
test('perf-script/perf-6.1/rust-v0-mangled (perf script --no-demangle)', () =>
  ok('perf-script/perf-6.1/rust-v0-mangled/x0x.perf.txt'));
test('perf-script/perf-6.1/cpp-mangled (perf script --no-demangle)', () =>
  ok('perf-script/perf-6.1/cpp-mangled/relay.perf.txt'));

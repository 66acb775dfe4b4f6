// 0x's collection step alone, bundled by esbuild.js into dist/0x/bin/collect.js.
//
// 0x 6 (`0x --collect-only`) runs the target with `--prof`, moves the V8 isolate log into the
// output folder, preprocesses it into `…-v8.log.json` and writes meta.json — the files PerfLens
// reads. Its flame-graph step (browserify at run time, thousands of files) is left out, which is
// why this is not `0x/cmd.js`: this file is 0x's index.js on its collect-only path
// (platform/v8.js + meta.json + tidy), with cmd.js's handling of `-- node …`.
// 0x passes its preload scripts to the target by path (`-r <dir>/../lib/preload/…`), so
// esbuild.js copies them to dist/0x/lib/preload/ beside this bundle.
//
//   node dist/0x/bin/collect.js --output-dir DIR -- node [nodeFlags] script.js [args]
'use strict';
const fs = require('fs');
const v8 = require('0x/platform/v8.js');
const { tidy, pathTo } = require('0x/lib/util.js');

async function collect(argv) {
  const dash = argv.indexOf('--');
  const out = argv.indexOf('--output-dir');
  if (dash < 0 || argv.length <= dash + 1 || out < 0 || out > dash)
    throw new Error('usage: collect.js --output-dir DIR -- node [nodeFlags] script.js [args]');
  const [node, ...subprocessArgv] = argv.slice(dash + 1);
  const args = {
    argv: subprocessArgv,
    pathToNodeBinary: node === 'node' ? pathTo('node') : node,
    outputDir: argv[out + 1],
    workingDir: process.cwd(),
    name: 'flamegraph',
    title: `node ${subprocessArgv.join(' ')}`,
    collectOnly: true,
    collectDelay: 0,
    status: () => {},
    onProcessExit: () => {},
  };
  const { folder, inlined } = await v8(args);
  fs.writeFileSync(`${folder}/meta.json`, JSON.stringify({ ...args, inlined }));
  tidy();
  return folder;
}

collect(process.argv.slice(2)).catch((err) => {
  console.error(`0x collect: ${err.message}`);
  process.exit(typeof err.code === 'number' ? err.code : 1);
});

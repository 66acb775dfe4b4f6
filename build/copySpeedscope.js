// Copies speedscope's prebuilt app (the npm package's dist/release) into dist/speedscope/ under
// stable names, and checks that the one hook PerfLens drives is still there.
//
// Why drive a hook rather than patch the bundle: speedscope's `#localProfilePath=` mode defines
// `window.speedscope.loadFileFromBase64(name, base64)`; the webview sets that hash before the
// bundle runs and then calls the function with data it received by postMessage. The bundle is
// copied unmodified. If an update renames the hook, this build fails loudly instead of shipping
// a blank flame graph.
const fs = require('node:fs');
const path = require('node:path');

const HOOKS = ['localProfilePath', 'loadFileFromBase64', 'window.speedscope='];

function copySpeedscope(outDir) {
  const pkgDir = path.dirname(require.resolve('speedscope/package.json'));
  const release = path.join(pkgDir, 'dist', 'release');
  const version = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  const files = fs.readdirSync(release);
  const pick = (re) => {
    const found = files.filter((f) => re.test(f));
    if (found.length !== 1)
      throw new Error(
        `speedscope ${version}: expected one file matching ${re} in ${release}, found ${found.join(', ') || 'none'}`,
      );
    return found[0];
  };
  const js = pick(/^speedscope-[A-Z0-9]+\.js$/);
  const css = pick(/^speedscope-[A-Z0-9]+\.css$/);
  const source = fs.readFileSync(path.join(release, js), 'utf8');
  const missing = HOOKS.filter((h) => !source.includes(h));
  if (missing.length)
    throw new Error(
      `speedscope ${version}: the bundle no longer contains ${missing.join(', ')}; the flame-graph bridge needs updating`,
    );
  fs.mkdirSync(outDir, { recursive: true });
  fs.copyFileSync(path.join(release, js), path.join(outDir, 'speedscope.js'));
  fs.copyFileSync(path.join(release, css), path.join(outDir, 'speedscope.css'));
  for (const f of files.filter((f) => f.endsWith('.woff2') || f.endsWith('.LICENSE.md')))
    fs.copyFileSync(path.join(release, f), path.join(outDir, f));
  fs.copyFileSync(path.join(pkgDir, 'LICENSE'), path.join(outDir, 'LICENSE'));
  fs.writeFileSync(
    path.join(outDir, 'version.json'),
    JSON.stringify({ speedscope: version, bundle: js }) + '\n',
  );
  return version;
}

module.exports = { copySpeedscope };

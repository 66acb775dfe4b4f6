/**
 * PerfLens's version, as `package.json` declares it. The build puts it in (esbuild `define` of
 * `__PERFLENS_VERSION__`, see esbuild.js); code run from source (tests through tsx) has no build
 * step and says so with `0.0.0-dev`. Both ends of every channel stamp it: the language server's
 * `serverInfo`, `run.json`'s `perflensVersion`, `perflens --version`.
 */
declare const __PERFLENS_VERSION__: string | undefined;

export const PERFLENS_VERSION: string =
  typeof __PERFLENS_VERSION__ === 'string' ? __PERFLENS_VERSION__ : '0.0.0-dev';

/**
 * dependency-cruiser: no import circles anywhere in the source (the layers themselves are held
 * by ESLint's no-restricted-imports in eslint.config.mjs). Type-only imports count: a circle of
 * types is still two modules that cannot be understood one without the other.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: split out what both sides need (ARCHITECTURE.md, the layers).',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|out|test/fixtures)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};

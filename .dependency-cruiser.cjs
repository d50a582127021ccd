/** Arrows point inward: web, server and cli use app; app uses core; adapters implement app's ports. */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core imports nothing of ours outside core, and no I/O modules.',
      severity: 'error',
      from: { path: '^src/core', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['local'], pathNot: '^src/core' },
    },
    {
      name: 'core-no-io',
      severity: 'error',
      from: { path: '^src/core', pathNot: '\\.test\\.ts$' },
      to: { path: ['^(node:)?(fs|net|http|https|child_process|dgram|tls|os)$', 'node_modules/(better-sqlite3|pg|kysely|fastify|pino|nodemailer)'] },
    },
    {
      name: 'app-uses-core-only',
      comment: "Use cases see storage only through ports; their tests may run against the real store.",
      severity: 'error',
      from: { path: '^src/app', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(adapters|server|cli)' },
    },
    {
      name: 'adapters-do-not-use-entry-points',
      severity: 'error',
      from: { path: '^src/adapters' },
      to: { path: '^src/(server|cli)' },
    },
    {
      name: 'server-does-not-use-cli',
      comment: 'The CLI starts the server, never the other way round.',
      severity: 'error',
      from: { path: '^src/server' },
      to: { path: '^src/cli' },
    },
    {
      name: 'prom-client-in-its-adapter',
      comment: 'Metrics go through the Metrics port (app/ports/metrics.ts); only adapters/metrics knows prom-client.',
      severity: 'error',
      from: { pathNot: '^src/adapters/metrics' },
      to: { path: 'node_modules/prom-client' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};

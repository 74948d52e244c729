/** Dependencies point one way (DESIGN.md, "Layout"); `npm test` fails when one points back. */
const only = (from, allowed) => ({
  name: `${from.replace(/[^a-z]/g, '-')}-imports-only-${allowed.length ? 'allowed' : 'itself'}`,
  severity: 'error',
  from: { path: `^${from}/` },
  to: { path: '^(src|graph|connectors|viz|bench|test|samples)/', pathNot: [`^${from}/`, ...allowed.map((a) => `^${a}/`)] },
});

module.exports = {
  forbidden: [
    only('src/lang', []),
    only('src/model', []),
    only('src/sigma', ['src/model']),
    only('src/ir', ['src/lang', 'src/model']),
    only('src/engine', ['src/lang', 'src/ir', 'src/model', 'src/sigma', 'graph', 'connectors', 'viz']),
    only('graph', ['src/model']),
    only('connectors', ['src/model']),
    only('viz', ['src/model', 'graph']),
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};

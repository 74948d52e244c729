// Bundles the CLI from the TypeScript sources (ES module imports tree-shake) into dist/kestrel.js: one file
// loads in a fraction of the time that hundreds of CommonJS modules take. Client libraries for servers and
// native addons stay outside, loaded on first use.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
const EXTERNAL = ['@dsnp/parquetjs', '@elastic/elasticsearch', 'sql.js', 'avsc', 'cytoscape', 'neo4j-driver', 'pg', 'pg-cursor', 'playwright-core', 'zeromq'];

/** Each module keeps its own __dirname (it finds its grammar, mappings and workers beside it). */
const ownDirname = {
  name: 'own-dirname',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = fs.readFileSync(args.path, 'utf8');
      if (!text.includes('__dirname')) return undefined;
      const dir = JSON.stringify(path.relative(root, path.dirname(args.path)));
      return { contents: text.replace(/\b__dirname\b/g, `require("node:path").join(__dirname, ${dir})`), loader: 'ts' };
    });
  },
};

/** Runs a small hunt through bin/kestrel.js, which then writes the V8 code cache of what it compiled. */
function writeCodeCache() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-cache-'));
  try {
    const hunt = path.join(dir, 'warm.hf');
    fs.writeFileSync(hunt, "x = NEW process [{'name': 'a.exe', 'pid': 1}]\ny = GET process FROM x WHERE pid = 1\nDISP y\n");
    execFileSync(process.execPath, [path.join(root, 'bin', 'kestrel.js'), 'run', hunt], {
      env: { ...process.env, KESTREL_WRITE_CODE_CACHE: '1' },
      stdio: 'ignore',
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

esbuild
  .build({
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    outfile: path.join(dist, 'kestrel.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    external: EXTERNAL,
    plugins: [ownDirname],
    logLevel: 'warning',
  })
  .then(writeCodeCache)
  .catch((error) => {
    console.error(error.message);
    process.exit(1);
  });

#!/usr/bin/env node
'use strict';
// Starts the bundled CLI (dist/kestrel.js) with the V8 code cache the build wrote beside it, so that
// start-up skips compiling what a hunt runs. A cache that does not fit this Node is ignored by V8.
const fs = require('node:fs');
const path = require('node:path');

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${require('../package.json').version}\n`);
  return;
}

const vm = require('node:vm');
const Module = require('node:module');
const bundle = path.join(__dirname, '..', 'dist', 'kestrel.js');
const cacheFile = `${bundle}.cache`;
const writeCache = process.env.KESTREL_WRITE_CODE_CACHE === '1';

const cachedData = !writeCache && fs.existsSync(cacheFile) ? fs.readFileSync(cacheFile) : undefined;
const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
const cli = { exports: {} };
script.runInThisContext()(cli.exports, Module.createRequire(bundle), cli, bundle, path.dirname(bundle));

cli.exports.main(process.argv).then((code) => {
  process.exitCode = code;
  if (writeCache) fs.writeFileSync(cacheFile, script.createCachedData());
});

#!/usr/bin/env node
'use strict';
// Starts the bundled CLI (dist/kestrel.js) with the V8 code cache the build wrote beside it, so that
// start-up skips compiling what a hunt runs. A cache that does not fit this Node is ignored by V8.
const fs = require('node:fs');
const path = require('node:path');
const { isMainThread, Worker, workerData } = require('node:worker_threads');

const args = process.argv.slice(2);
const writeCache = process.env.KESTREL_WRITE_CODE_CACHE === '1';
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${require('../package.json').version}\n`);
  return;
}

// A hunt runs in a worker thread, its output passed through: a hunt that exhausts the JavaScript heap ends
// that thread, and this one reports E_OUT_OF_MEMORY, where V8 would abort the whole process.
if (isMainThread && ['run', 'view', 'export'].includes(args[0])) {
  const terminal = { columns: process.stdout.columns, stderrColumns: process.stderr.columns, stderrIsTTY: process.stderr.isTTY };
  const hunt = new Worker(__filename, { argv: args, workerData: terminal });
  hunt.on('error', (e) => {
    if (e.code !== 'ERR_WORKER_OUT_OF_MEMORY') throw e;
    process.exitCode = loadCli().cli.exports.reportOutOfMemory(args);
  });
  if (args[0] === 'run' && args.includes('--follow')) {
    // A followed hunt stops on Ctrl-C: the worker is told, prints its final counts and ends.
    const stop = () => hunt.postMessage('stop');
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
  hunt.on('exit', (code) => {
    if (process.exitCode === undefined) process.exitCode = code;
  });
  return;
}
if (!isMainThread) {
  // What the hunt would learn from the terminal on the main thread.
  process.stdout.columns = workerData.columns;
  process.stderr.columns = workerData.stderrColumns;
  process.stderr.isTTY = workerData.stderrIsTTY;
}

const { cli, script, cacheFile } = loadCli();
cli.exports.main(process.argv).then((code) => {
  process.exitCode = code;
  if (writeCache) fs.writeFileSync(cacheFile, script.createCachedData());
});

function loadCli() {
  const vm = require('node:vm');
  const Module = require('node:module');
  const bundle = path.join(__dirname, '..', 'dist', 'kestrel.js');
  const cacheFile = `${bundle}.cache`;
  const cachedData = !writeCache && fs.existsSync(cacheFile) ? fs.readFileSync(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
  const cli = { exports: {} };
  script.runInThisContext()(cli.exports, Module.createRequire(bundle), cli, bundle, path.dirname(bundle));
  return { cli, script, cacheFile };
}

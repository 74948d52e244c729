/**
 * The script of the worker thread that runs one analytics. It is plain JavaScript run with
 * `new Worker(WORKER_SOURCE, { eval: true })`, so it works the same under ts-jest and from dist/, and its
 * `import()` stays a native dynamic import (TypeScript would rewrite one written in a .ts file to require).
 *
 * workerData: { modulePath, uri, baseDir, inputs, params }.
 * It posts exactly one message: { kind: 'result', result } or { kind: 'error', stage, message }, where
 * stage is 'load' (the module did not load), 'export' (it has no analytics function), 'run' (the function
 * threw or its promise rejected) or 'send' (the result cannot be copied back, e.g. it holds a function).
 */
export const WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');

function describe(e) {
  let text;
  try {
    if (e instanceof Error || (e && typeof e === 'object' && typeof e.message === 'string')) {
      const name = typeof e.name === 'string' && e.name && e.name !== 'Error' ? e.name + ': ' : '';
      text = name + e.message;
    } else if (e && typeof e === 'object') {
      text = JSON.stringify(e);
    } else {
      text = String(e);
    }
  } catch (_) {
    text = 'an unprintable value was thrown';
  }
  return text.length > 2000 ? text.slice(0, 2000) + '…' : text;
}

function fail(stage, e) {
  parentPort.postMessage({ kind: 'error', stage, message: typeof e === 'string' ? e : describe(e) });
}

(async () => {
  let mod;
  try {
    mod = await import(pathToFileURL(workerData.modulePath).href);
  } catch (e) {
    return fail('load', e);
  }
  const dflt = mod.default;
  const fn = typeof dflt === 'function' ? dflt
    : typeof mod.analytics === 'function' ? mod.analytics
    : dflt && typeof dflt.analytics === 'function' ? dflt.analytics
    : undefined;
  if (!fn) {
    return fail('export', 'the module exports no analytics function (expected a default export or a named export "analytics")');
  }
  let result;
  try {
    const context = { baseDir: workerData.baseDir, uri: workerData.uri, module: workerData.modulePath };
    result = await fn(workerData.inputs, workerData.params, context);
  } catch (e) {
    return fail('run', e);
  }
  try {
    parentPort.postMessage({ kind: 'result', result });
  } catch (e) {
    fail('send', e);
  }
})();
`;

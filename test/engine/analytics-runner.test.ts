import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runAnalytics, type AnalyticsInput, type AnalyticsRequest } from '../../src/engine/analytics';
import { isKestrelError } from '../../src/model/errors';

const FIXTURES = path.resolve(__dirname, '../fixtures/analytics');

const procs: AnalyticsInput = {
  variable: 'procs',
  entityType: 'process',
  rows: [
    { id: 'process--a', pid: 6792, name: 'cmd.exe', command_line: 'C:\\TEMP\\cmd.exe /c echo hi' },
    { id: 'process--b', pid: 1380, name: 'svchost.exe', command_line: 'C:\\Windows\\system32\\svchost.exe -k netsvcs' },
  ],
};

function request(uri: string, over: Partial<AnalyticsRequest> = {}): AnalyticsRequest {
  return { uri, baseDir: FIXTURES, profiles: {}, inputs: [procs], params: {}, timeoutMs: 5000, ...over };
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; hint?: string }> {
  try {
    await p;
  } catch (e) {
    if (!isKestrelError(e)) throw e;
    return { code: e.code, message: e.message, hint: e.hint };
  }
  throw new Error('expected the analytics to fail');
}

describe('runAnalytics: loading', () => {
  it('runs a js:// profile and a relative path to the same module alike', async () => {
    const byName = await runAnalytics(request('js://echo', { profiles: { echo: 'echo-params.mjs' } }));
    const byPath = await runAnalytics(request('./echo-params.mjs'));
    expect(byName.module).toBe(path.join(FIXTURES, 'echo-params.mjs'));
    expect(byPath.module).toBe(byName.module);
    expect(byName.updates).toEqual(byPath.updates);
  });

  it('lists the known names for an unknown js:// name', async () => {
    const e = await failure(runAnalytics(request('js://suspicious', { profiles: { 'ip-enrich': 'x.mjs', 'suspicious-cmdline': 'y.mjs' } })));
    expect(e.code).toBe('E_ANALYTICS_NOT_FOUND');
    expect(e.message).toBe('unknown analytics js://suspicious: known js:// analytics are ip-enrich, suspicious-cmdline');
  });

  it('says when no js:// analytics are configured', async () => {
    const e = await failure(runAnalytics(request('js://anything')));
    expect(e).toMatchObject({ code: 'E_ANALYTICS_NOT_FOUND', message: expect.stringContaining('(none configured)') });
  });

  it('reports a missing file, a non-module file and a python:// analytics no profile names as not found', async () => {
    const missing = await failure(runAnalytics(request('./nope.mjs')));
    expect(missing.code).toBe('E_ANALYTICS_NOT_FOUND');
    expect(missing.message).toContain(path.join(FIXTURES, 'nope.mjs'));
    const data = await failure(runAnalytics(request('ranges-test.json')));
    expect(data).toMatchObject({ code: 'E_ANALYTICS_NOT_FOUND', message: expect.stringContaining('is not a JavaScript module') });
    const python = await failure(runAnalytics(request('python://domain-enrichment')));
    expect(python).toMatchObject({ code: 'E_ANALYTICS_NOT_FOUND', message: expect.stringContaining('unknown analytics python://domain-enrichment') });
  });

  it('finds index.mjs in a folder', async () => {
    const r = await runAnalytics(request('js://cmd', {
      baseDir: path.resolve(__dirname, '../..'),
      profiles: { cmd: 'samples/analytics/suspicious-cmdline' },
    }));
    expect(r.module).toBe(path.resolve(__dirname, '../../samples/analytics/suspicious-cmdline/index.mjs'));
  });

  it('runs a profile naming an installed package (ESM exports, CommonJS main, scoped)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-analytics-'));
    try {
      const pkg = (name: string, manifest: object, file: string, code: string) => {
        const folder = path.join(dir, 'node_modules', name);
        fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
        fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name, ...manifest }));
        fs.writeFileSync(path.join(folder, file), code);
      };
      pkg('kestrel-analytics-esm', { type: 'module', exports: { '.': { import: './lib/main.js' } } }, 'lib/main.js',
        "export default () => ({ display: { html: 'esm package' } });");
      pkg('kestrel-analytics-cjs', { main: 'main.js' }, 'main.js', "module.exports = () => ({ display: { html: 'cjs package' } });");
      pkg('@acme/hunt', { exports: './index.mjs' }, 'index.mjs', "export const analytics = () => ({ display: { html: 'scoped package' } });");
      const profiles = { esm: 'kestrel-analytics-esm', cjs: 'kestrel-analytics-cjs', scoped: '@acme/hunt', missing: 'kestrel-analytics-nope' };
      // The huntflow's folder is below the node_modules folder, as in a project.
      const baseDir = path.join(dir, 'hunts');
      fs.mkdirSync(baseDir);
      for (const [name, html] of [['esm', 'esm package'], ['cjs', 'cjs package'], ['scoped', 'scoped package']]) {
        const r = await runAnalytics(request(`js://${name}`, { baseDir, profiles }));
        expect(r.display).toEqual({ kind: 'html', html });
      }
      const e = await failure(runAnalytics(request('js://missing', { baseDir, profiles })));
      expect(e.code).toBe('E_ANALYTICS_NOT_FOUND');
      expect(e.message).toContain('kestrel-analytics-nope is neither a file');
      expect(e.hint).toContain('npm install kestrel-analytics-nope');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes a named export "analytics" and a CommonJS module.exports function', async () => {
    const named = await runAnalytics(request('named-export.mjs'));
    expect(named.display).toEqual({ kind: 'html', html: '<p>1 input(s)</p>' });
    expect(named.updates).toEqual([[]]);
    const cjs = await runAnalytics(request('commonjs.cjs'));
    expect(cjs.updates).toEqual([[{ id: 'process--a', x_cjs: 1 }, { id: 'process--b', x_cjs: 1 }]]);
  });

  it('reports a module without an analytics function, and one that does not parse', async () => {
    const none = await failure(runAnalytics(request('no-function.mjs')));
    expect(none).toMatchObject({ code: 'E_ANALYTICS_NOT_FOUND', message: expect.stringContaining('exports no analytics function') });
    const syntax = await failure(runAnalytics(request('syntax-error.mjs')));
    expect(syntax.code).toBe('E_ANALYTICS_FAILED');
    expect(syntax.message).toMatch(/^analytics syntax-error\.mjs failed: could not be loaded: SyntaxError: /);
  });
});

describe('runAnalytics: inputs and parameters', () => {
  it('passes params as the second argument and as environment variables, and inputs in order', async () => {
    const hosts = { variable: 'hosts', entityType: 'ipv4-addr', rows: [{ id: 'ipv4-addr--1', value: '192.168.1.156' }] };
    const r = await runAnalytics(request('echo-params.mjs', {
      inputs: [procs, hosts],
      params: { threshold: '0.5', pids: '4,1380', KESTREL_ANALYTICS_TEST_ONLY: 'yes' },
    }));
    expect(r.display).toEqual({
      kind: 'table',
      columns: ['name', 'argument', 'env'],
      rows: [
        ['KESTREL_ANALYTICS_TEST_ONLY', 'yes', 'yes'],
        ['pids', '4,1380', '4,1380'],
        ['threshold', '0.5', '0.5'],
        ['@inputs', 'procs:process:2 hosts:ipv4-addr:1', null],
        ['@baseDir', FIXTURES, null],
      ],
    });
    expect(r.updates).toEqual([
      [
        { id: 'process--a', x_seen_by: 'echo-params', x_keys: ['command_line', 'id', 'name', 'pid'] },
        { id: 'process--b', x_seen_by: 'echo-params', x_keys: ['command_line', 'id', 'name', 'pid'] },
      ],
      [{ id: 'ipv4-addr--1', x_seen_by: 'echo-params', x_keys: ['id', 'value'] }],
    ]);
    // The worker's environment is its own: the host's is untouched.
    expect(process.env.KESTREL_ANALYTICS_TEST_ONLY).toBeUndefined();
  });

  it('captures what the module prints instead of letting it reach stdout', async () => {
    const write = jest.spyOn(process.stdout, 'write');
    const r = await runAnalytics(request('echo-params.mjs'));
    expect(r.output).toContain('echo-params ran');
    expect(write.mock.calls.some(([chunk]) => String(chunk).includes('echo-params ran'))).toBe(false);
    write.mockRestore();
  });

  it('runs analytics side by side in separate workers', async () => {
    const results = await Promise.all(
      ['a', 'b', 'c'].map((v) => runAnalytics(request('echo-params.mjs', { params: { which: v } }))),
    );
    expect(results.map((r) => r.display?.kind === 'table' && r.display.rows[0])).toEqual([
      ['which', 'a', 'a'],
      ['which', 'b', 'b'],
      ['which', 'c', 'c'],
    ]);
  });
});

describe('runAnalytics: failures never reach the host', () => {
  it('turns a throw into E_ANALYTICS_FAILED with the message, not the stack', async () => {
    const e = await failure(runAnalytics(request('throws.mjs')));
    expect(e.code).toBe('E_ANALYTICS_FAILED');
    expect(e.message).toBe('analytics throws.mjs failed: TypeError: no command_line column in input 0');
    expect(e.message).not.toMatch(/\n\s+at /);
  });

  it('reports a rejected non-Error value as it is', async () => {
    const e = await failure(runAnalytics(request('rejects-string.mjs')));
    expect(e).toMatchObject({ code: 'E_ANALYTICS_FAILED', message: 'analytics rejects-string.mjs failed: remote lookup refused' });
  });

  it('stops a synchronous endless loop at the time limit', async () => {
    const started = Date.now();
    const e = await failure(runAnalytics(request('loops.mjs', { timeoutMs: 300 })));
    const elapsed = Date.now() - started;
    expect(e.code).toBe('E_ANALYTICS_TIMEOUT');
    expect(e.message).toBe('analytics loops.mjs did not finish within 0.3 s and was stopped');
    expect(e.hint).toContain('analytics.timeout_seconds in kestrel.yaml');
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1000);
  });

  it('stops a promise that waits forever at the time limit', async () => {
    const started = Date.now();
    const e = await failure(runAnalytics(request('waits-forever.mjs', { timeoutMs: 300 })));
    expect(e.code).toBe('E_ANALYTICS_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('fails at once, without waiting for the limit, when a promise can never settle', async () => {
    const started = Date.now();
    const e = await failure(runAnalytics(request('never-settles.mjs', { timeoutMs: 20000 })));
    expect(e.code).toBe('E_ANALYTICS_FAILED');
    expect(e.message).toContain('its promise never settled');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports process.exit, an exception thrown from a timer, and running out of memory', async () => {
    expect(await failure(runAnalytics(request('exits.mjs')))).toMatchObject({
      code: 'E_ANALYTICS_FAILED', message: 'analytics exits.mjs failed: exited with code 3 before returning a result',
    });
    expect(await failure(runAnalytics(request('throws-later.mjs')))).toMatchObject({
      code: 'E_ANALYTICS_FAILED', message: 'analytics throws-later.mjs failed: threw outside its analytics function: RangeError: late failure',
    });
    expect(await failure(runAnalytics(request('hogs-memory.mjs', { memoryLimitMb: 32, timeoutMs: 20000 })))).toMatchObject({
      code: 'E_ANALYTICS_FAILED', message: 'analytics hogs-memory.mjs failed: ran out of memory (limit 32 MB) and was stopped',
    });
    // … and the host carries on.
    expect((await runAnalytics(request('commonjs.cjs'))).updates[0]).toHaveLength(2);
  });

  it('does not wait for timers a module leaves behind', async () => {
    const started = Date.now();
    const r = await runAnalytics(request('leaves-timer.mjs', { timeoutMs: 10000 }));
    expect(r.updates).toEqual([[]]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('rejects a bad time limit before starting anything', async () => {
    const e = await failure(runAnalytics(request('throws.mjs', { timeoutMs: 0 })));
    expect(e).toMatchObject({ code: 'E_ANALYTICS_FAILED', message: expect.stringContaining('positive number of milliseconds') });
  });
});

describe('runAnalytics: output checks', () => {
  it('rejects updates for an id that is not in the input', async () => {
    const e = await failure(runAnalytics(request('unknown-id.mjs')));
    expect(e.code).toBe('E_ANALYTICS_BAD_OUTPUT');
    expect(e.message).toBe(
      'analytics unknown-id.mjs returned a result kestrel-ts cannot use: updates[0][0].id "process--not-in-the-input" is not an entity of input 0 (procs)',
    );
  });

  const shapes: [string, string][] = [
    ['too-few-lists', 'updates has 0 entries but there is 1 input'],
    ['overwrite-type', 'updates[0][0] sets "type", which an analytics cannot change'],
    ['bad-name', 'updates[0][0] has attribute name "x score", which is not a valid attribute name'],
    ['nested', 'updates[0][0].x_obj is an object; a value is a string, a finite number, a boolean, null or a list of them'],
    ['nan', 'updates[0][0].x_score is NaN (not a JSON number)'],
    ['duplicate', 'updates[0][1].id "process--a" appears more than once in updates[0]'],
    ['typo', 'unknown key "update" (expected updates and/or display)'],
    ['ragged-table', 'display.rows[0] is not an array of 2 cells (one per column)'],
    ['both-displays', 'display has keys {html, columns, rows}; expected { html } or { columns, rows }'],
    ['not-object', 'it returned 42, not an object { updates?, display? }'],
  ];
  it.each(shapes)('rejects %s', async (shape, text) => {
    const e = await failure(runAnalytics(request('bad-shapes.mjs', { params: { shape } })));
    expect(e.code).toBe('E_ANALYTICS_BAD_OUTPUT');
    expect(e.message).toContain(text);
  });

  it('rejects a result that cannot be copied out of the worker', async () => {
    const e = await failure(runAnalytics(request('bad-shapes.mjs', { params: { shape: 'function' } })));
    expect(e.code).toBe('E_ANALYTICS_BAD_OUTPUT');
    expect(e.message).toContain('cannot be copied back');
  });

  it('treats undefined as nothing to update and nothing to show', async () => {
    const r = await runAnalytics(request('bad-shapes.mjs', { params: { shape: 'nothing' } }));
    expect(r.updates).toEqual([[]]);
    expect(r.display).toBeUndefined();
  });
});

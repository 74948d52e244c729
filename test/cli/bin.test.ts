/** The built command, as a user runs it (`npm test` builds first): the README's hunt and the JSON contract. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

function kestrel(...args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin', 'kestrel.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** The schtask recording repeated to about `bytes`, each copy with its own process GUIDs (new processes). */
function bigEventLog(file: string, bytes: number): void {
  const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'event-logs', 'schtask_create.ecs.ndjson'), 'utf8');
  const copies = Math.ceil(bytes / text.length);
  fs.writeFileSync(file, Array.from({ length: copies }, (_, i) => text.replaceAll('-000000000700}', `-${i.toString(16).padStart(12, '0')}}`)).join('\n'));
}

describe('bin/kestrel.js', () => {
  it('runs the README hunt and prints its tables and the execution summary', () => {
    const r = kestrel('run', 'samples/scheduled-tasks/hunt.hf');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('DISP tasks (1 row)');
    expect(r.stdout).toMatch(/13044\s+GoogleUpdate\.exe/);
    expect(r.stdout).toMatch(/\[SUMMARY\] block executed in [\d.]+ seconds/);
    expect(r.stdout).toMatch(/VARIABLE\s+TYPE\s+#\(ENTITIES\)\s+#\(RECORDS\)/);
    expect(r.stdout).toMatch(/svchost\s+process\s+5\s+704/);
  });

  it('prints one JSON document with --json', () => {
    const r = kestrel('run', 'samples/process-tree-from-ip/hunt.hf', '--json');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['outputs', 'variables', 'errors', 'warnings']);
    expect(doc.errors).toEqual([]);
    expect(doc.variables[0]).toEqual({ name: 'ip', type: 'ipv4-addr', entities: 1, records: 16 });
    expect(doc.outputs[0]).toMatchObject({ kind: 'disp', variable: 'ipnt', columns: ['src_ref.value', 'src_port', 'dst_ref.value', 'dst_port', 'protocols'] });
  });

  it('exits non-zero with a coded error and its position', () => {
    const r = kestrel('run', 'test/fixtures/errors/misspelled-find.hf');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error[E_SYNTAX]');
    expect(r.stderr).toContain('misspelled-find.hf:2:');
    expect(r.stderr).toContain('did you mean FIND?');
  });

  it('starts from one bundled file whose V8 code cache the build wrote and this Node accepts', () => {
    const check = `const fs = require('fs'), vm = require('vm'), Module = require('module');
      const bundle = ${JSON.stringify(path.join(ROOT, 'dist', 'kestrel.js'))};
      const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'utf8')), { filename: bundle, cachedData: fs.readFileSync(bundle + '.cache') });
      process.stdout.write(String(script.cachedDataRejected));`;
    expect(spawnSync(process.execPath, ['-e', check], { encoding: 'utf8' }).stdout).toBe('false');
  });

  it('answers --version from package.json', () => {
    const r = kestrel('--version');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${require('../../package.json').version}\n`);
  });

  it('reports a hunt that exhausts the heap as E_OUT_OF_MEMORY (text and --json), where V8 would abort', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-oom-'));
    try {
      bigEventLog(path.join(dir, 'big.ndjson'), 20e6);
      const hunt = path.join(dir, 'hunt.hf');
      fs.writeFileSync(hunt, 'x = GET process FROM file://big.ndjson WHERE pid > 0\nDISP x LIMIT 1\n');
      const env = { ...process.env, NODE_OPTIONS: '--max-old-space-size=16' };
      const run = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'kestrel.js'), 'run', ...args, hunt], { env, encoding: 'utf8' });
      const text = run();
      expect(text.stderr).not.toContain('FATAL ERROR');
      expect(text.status).toBe(1);
      expect(text.stderr).toMatch(/^error\[E_OUT_OF_MEMORY\]: the hunt ran out of memory: it needed more than the JavaScript heap holds \(\d+ MB\)\n  hint: .*--max-old-space-size/);
      const json = run('--json');
      expect(json.status).toBe(1);
      expect(JSON.parse(json.stdout).errors).toEqual([expect.objectContaining({ code: 'E_OUT_OF_MEMORY' })]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

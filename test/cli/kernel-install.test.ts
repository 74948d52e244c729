/** `kestrel kernel install` writes a kernelspec Jupyter lists, with kernel.js highlighting huntflows. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeWithPart } from '../optional-part';
import { PYTHON, pythonMissing } from '../python';
import { kestrel } from './run-cli';

const ROOT = path.join(__dirname, '..', '..');

/** A fresh folder for each test, and the environment as it was. */
function tempPrefix(): () => string {
  let tmp: string;
  const saved = { ...process.env };
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-kernelspec-'));
  });
  afterEach(() => {
    process.env = { ...saved };
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  return () => tmp;
}

describeWithPart('kestrel kernel install, as Jupyter reads it', pythonMissing(['jupyter_client'], 'apt-get install -y python3-jupyter-client'), () => {
  const prefix = tempPrefix();

  it('Jupyter lists the kernel installed under --prefix', async () => {
    const tmp = prefix();
    await kestrel(['kernel', 'install', '--prefix', tmp]);
    const probe = spawnSync(PYTHON, ['-c', 'from jupyter_client.kernelspec import KernelSpecManager as M; import json; print(json.dumps(M().find_kernel_specs()))'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: tmp, JUPYTER_PATH: path.join(tmp, 'share', 'jupyter'), JUPYTER_DATA_DIR: path.join(tmp, 'data') },
    });
    expect(probe.stderr).toBe('');
    expect(JSON.parse(probe.stdout)['kestrel-ts']).toBe(path.join(tmp, 'share', 'jupyter', 'kernels', 'kestrel-ts'));
  });
});

describe('kestrel kernel install', () => {
  const prefix = tempPrefix();
  let tmp: string;
  beforeEach(() => {
    tmp = prefix();
  });

  it('writes kernel.json and kernel.js under --prefix', async () => {
    const r = await kestrel(['kernel', 'install', '--prefix', tmp]);
    expect(r.code).toBe(0);
    const dir = path.join(tmp, 'share', 'jupyter', 'kernels', 'kestrel-ts');
    expect(r.stdout).toBe(`installed the kestrel-ts kernel in ${dir}\n`);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'kernel.json'), 'utf8'))).toEqual({
      argv: [process.execPath, path.join(ROOT, 'bin', 'kestrel.js'), 'kernel', 'run', '-f', '{connection_file}'],
      display_name: 'Kestrel (kestrel-ts)',
      language: 'kestrel',
      interrupt_mode: 'message',
      metadata: { debugger: false },
    });
  });

  it('installs for the user into the Jupyter data folder with --user, under another --name', async () => {
    process.env.JUPYTER_DATA_DIR = path.join(tmp, 'jupyter');
    const r = await kestrel(['kernel', 'install', '--user', '--name', 'hunting']);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(tmp, 'jupyter', 'kernels', 'hunting', 'kernel.json'))).toBe(true);
  });

  it('fails with E_KERNEL where it cannot write, and on a connection file it cannot read', async () => {
    fs.writeFileSync(path.join(tmp, 'share'), 'a file where a folder should be');
    const r = await kestrel(['kernel', 'install', '--prefix', tmp]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[E_KERNEL]: cannot write the kernelspec to');
    const run = await kestrel(['kernel', 'run', '-f', path.join(tmp, 'missing.json')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error[E_KERNEL]: cannot use connection file ${path.join(tmp, 'missing.json')}: ENOENT`);
  });

  it('ships a CodeMirror mode for huntflows in kernel.js', async () => {
    await kestrel(['kernel', 'install', '--prefix', tmp]);
    const script = fs.readFileSync(path.join(tmp, 'share', 'jupyter', 'kernels', 'kestrel-ts', 'kernel.js'), 'utf8');
    const modes: Record<string, () => { token: (s: Stream) => string | null }> = {};
    const mimes: Record<string, string> = {};
    const CodeMirror = { defineMode: (n: string, f: () => never) => (modes[n] = f), defineMIME: (m: string, n: string) => (mimes[m] = n) };
    let loaded: { onload: () => void } | undefined;
    new Function('define', script)((deps: string[], factory: (cm: unknown) => { onload: () => void }) => {
      expect(deps).toEqual(['codemirror/lib/codemirror']);
      loaded = factory(CodeMirror);
    });
    loaded!.onload();
    expect(mimes).toEqual({ 'text/x-kestrel': 'kestrel' });
    const line = "procs = get process FROM file://data.json WHERE pid > 4 START t'2021-04-03T00:00:00Z' # note";
    const stream = new Stream(line);
    const tokens: [string, string | null][] = [];
    while (!stream.eol()) {
      stream.start = stream.pos;
      const style = modes.kestrel().token(stream);
      if (stream.current().trim()) tokens.push([stream.current(), style]);
    }
    expect(tokens).toEqual([
      ['procs', 'variable'], ['=', 'operator'], ['get', 'keyword'], ['process', 'variable'], ['FROM', 'keyword'],
      ['file://data.json', 'link'], ['WHERE', 'keyword'], ['pid', 'variable'], ['>', 'operator'], ['4', 'number'],
      ['START', 'keyword'], ["t'2021-04-03T00:00:00Z'", 'string-2'], ['# note', 'comment'],
    ]);
  });
});

/** The part of CodeMirror 5's StringStream a mode uses. */
class Stream {
  pos = 0;
  start = 0;
  constructor(private readonly text: string) {}
  eol() { return this.pos >= this.text.length; }
  next() { return this.text[this.pos++]; }
  current() { return this.text.slice(this.start, this.pos); }
  eatSpace() {
    const from = this.pos;
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
    return this.pos > from;
  }
  match(re: RegExp) {
    const m = re.exec(this.text.slice(this.pos));
    if (!m || m.index !== 0) return null;
    this.pos += m[0].length;
    return m;
  }
}

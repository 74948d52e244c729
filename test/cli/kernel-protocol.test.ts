/**
 * The kernel over the wire, as Jupyter drives it: a small signed-message client on ZeroMQ against
 * `node bin/kestrel.js kernel run` (dist/: `npm test` builds first). Bad input: a syntax error, an
 * interrupted cell, a restart, a message with a bad signature.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zmq from 'zeromq';
import { decode, encode, header, type Message } from '../../src/cli/kernel/wire';

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, '..', '..');
const KEY = 'a-test-key';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A Jupyter-like client: DEALER on shell and control, SUB on iopub; signs what it sends. */
class Client {
  private readonly shell = new zmq.Dealer({ linger: 0 });
  private readonly control = new zmq.Dealer({ linger: 0 });
  private readonly iopub = new zmq.Subscriber({ linger: 0 });
  private readonly replies = new Map<string, (m: Message) => void>();
  /** iopub messages by the msg_id of the request they answer. */
  readonly published = new Map<string, Message[]>();

  constructor(conn: Record<string, number | string>) {
    this.shell.connect(`tcp://127.0.0.1:${conn.shell_port}`);
    this.control.connect(`tcp://127.0.0.1:${conn.control_port}`);
    this.iopub.connect(`tcp://127.0.0.1:${conn.iopub_port}`);
    this.iopub.subscribe();
    for (const s of [this.shell, this.control]) void this.receive(s, (m) => this.replies.get(m.parent_header.msg_id!)?.(m));
    void this.receive(this.iopub, (m) => {
      const id = m.parent_header.msg_id!;
      this.published.set(id, [...(this.published.get(id) ?? []), m]);
    });
  }

  private async receive(socket: zmq.Dealer | zmq.Subscriber, on: (m: Message) => void): Promise<void> {
    try {
      for await (const frames of socket) {
        const m = decode(KEY, frames);
        if (m) on(m);
      }
    } catch {
      // closed
    }
  }

  /** Sends a request; resolves with its reply, or undefined after `waitMs`. */
  async request(channel: 'shell' | 'control', type: string, content: Record<string, unknown>, options: { key?: string; waitMs?: number } = {}) {
    const m: Message = { identities: [], header: header(type, 'test-session', 'tester'), parent_header: {}, metadata: {}, content, buffers: [] };
    let timer: NodeJS.Timeout | undefined;
    const answered = new Promise<Message | undefined>((resolve) => {
      this.replies.set(m.header.msg_id, resolve);
      timer = setTimeout(() => resolve(undefined), options.waitMs ?? 90_000);
    }).finally(() => clearTimeout(timer));
    await this[channel].send(encode(options.key ?? KEY, m));
    const reply = await answered;
    return { id: m.header.msg_id, reply };
  }

  /** The reply to an execute_request and what the kernel published for it, once it is idle again. */
  async execute(code: string) {
    const { id, reply } = await this.request('shell', 'execute_request', { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false });
    const until = Date.now() + 30_000;
    while (!this.idle(id) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    return { reply: reply!, published: this.published.get(id) ?? [] };
  }

  private idle(id: string): boolean {
    return (this.published.get(id) ?? []).some((m) => m.header.msg_type === 'status' && m.content.execution_state === 'idle');
  }

  /** kernel_info until iopub carries its status too (a PUB socket drops what it sends before we subscribed). */
  async ready(): Promise<Message> {
    for (;;) {
      const { id, reply } = await this.request('shell', 'kernel_info_request', {}, { waitMs: 2000 });
      if (reply && this.idle(id)) return reply;
    }
  }

  close(): void {
    for (const s of [this.shell, this.control, this.iopub]) s.close();
  }
}

describe('kestrel kernel run over the Jupyter protocol', () => {
  let dir: string;
  let connectionFile: string;
  let conn: Record<string, number | string>;
  let kernel: ChildProcess | undefined;
  let client: Client | undefined;
  let stderr = '';

  const start = async () => {
    kernel = spawn(process.execPath, [path.join(ROOT, 'bin', 'kestrel.js'), 'kernel', 'run', '-f', connectionFile], {
      cwd: dir, env: { ...process.env, HOME: dir, KESTREL_CONFIG: path.join(dir, 'none.yaml') }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    kernel.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    client = new Client(conn);
    return client.ready();
  };
  const exited = (p: ChildProcess) => new Promise<number | null>((resolve) => (p.exitCode !== null ? resolve(p.exitCode) : p.once('exit', resolve)));

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-kernel-'));
    conn = { transport: 'tcp', ip: '127.0.0.1', key: KEY, signature_scheme: 'hmac-sha256', kernel_name: 'kestrel-ts' };
    for (const p of ['shell_port', 'control_port', 'iopub_port', 'stdin_port', 'hb_port']) conn[p] = await freePort();
    connectionFile = path.join(dir, 'kernel.json');
    fs.writeFileSync(connectionFile, JSON.stringify(conn));
    stderr = '';
  });

  afterEach(async () => {
    client?.close();
    client = undefined;
    if (kernel && kernel.exitCode === null) {
      kernel.kill('SIGKILL');
      await exited(kernel);
    }
    kernel = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers kernel_info with the kestrel language, and completes, inspects and checks completeness', async () => {
    const info = await start();
    expect(info.content).toMatchObject({
      status: 'ok', protocol_version: '5.3', implementation: 'kestrel-ts',
      language_info: { name: 'kestrel', mimetype: 'text/x-kestrel', file_extension: '.hf', codemirror_mode: 'kestrel' },
    });
    const run = await client!.execute('procs = NEW process [{"name": "cmd.exe", "pid": 4}, {"name": "<b>evil</b>", "pid": 5}]\nDISP procs ATTR pid, name');
    expect(run.reply.content).toMatchObject({ status: 'ok', execution_count: 1 });
    const types = run.published.map((m) => m.header.msg_type);
    expect(types[0]).toBe('status');
    // the first view of the session comes after the one copy of cytoscape.js the notebook's views share
    expect(types.slice(1)).toEqual(['execute_input', 'display_data', 'display_data', 'display_data', 'execute_result', 'status']);
    const [disp, library, view, summary] = run.published.filter((m) => m.header.msg_type === 'display_data' || m.header.msg_type === 'execute_result');
    expect((library.content.data as Record<string, string>)['text/html']).toMatch(/^<script type="text\/plain" id="kestrel-cytoscape-js">/);
    const data = disp.content.data as Record<string, string>;
    expect(data['text/html']).toContain('<td>&#60;b&#62;evil&#60;/b&#62;</td>');
    expect(data['text/html']).not.toContain('<b>evil');
    expect(data['text/plain']).toMatch(/DISP procs \(2 rows\)\npid\s+name\n4\s+cmd\.exe\n5\s+<b>evil<\/b>/);
    const viewHtml = (view.content.data as Record<string, string>)['text/html'];
    expect(viewHtml).toMatch(/^<details><summary>provenance view: procs<\/summary>\n<iframe sandbox="allow-scripts" srcdoc="/);
    expect(viewHtml.length).toBeLessThan(100_000);
    // later views come alone: the notebook holds one copy of cytoscape.js
    const again = await client!.execute('more = NEW process [{"name": "a.exe", "pid": 6}]');
    const shown = again.published.filter((m) => m.header.msg_type === 'display_data').map((m) => (m.content.data as Record<string, string>)['text/html']);
    expect(shown.map((h) => h.slice(0, 9))).toEqual(['<details>']);
    expect((summary.content.data as Record<string, string>)['text/plain']).toMatch(/^\[SUMMARY\] block executed in [\d.]+ seconds\nVARIABLE\s+TYPE\s+#\(ENTITIES\)\s+#\(RECORDS\)\nprocs\s+process\s+2\s+2$/);

    const code = 'DISP pr';
    const completion = await client!.request('shell', 'complete_request', { code, cursor_pos: 7 });
    expect(completion.reply!.content).toMatchObject({ status: 'ok', matches: ['procs'], cursor_start: 5, cursor_end: 7 });
    // positions count code points: an emoji before the cursor is one
    const wide = await client!.request('shell', 'complete_request', { code: '# 🦅\nDISP pr', cursor_pos: 11 });
    expect(wide.reply!.content).toMatchObject({ matches: ['procs'], cursor_start: 9, cursor_end: 11 });
    const attributes = await client!.request('shell', 'complete_request', { code: 'DISP procs ATTR na', cursor_pos: 18 });
    expect(attributes.reply!.content.matches).toContain('name');
    const inspected = await client!.request('shell', 'inspect_request', { code: 'DISP procs', cursor_pos: 7, detail_level: 0 });
    expect(inspected.reply!.content).toMatchObject({ found: true, data: { 'text/plain': 'procs: process variable, 2 entities, 2 records' } });
    const keyword = await client!.request('shell', 'inspect_request', { code: 'find', cursor_pos: 2, detail_level: 0 });
    expect((keyword.reply!.content.data as Record<string, string>)['text/plain']).toMatch(/^x = FIND type RELATION/);
    const incomplete = await client!.request('shell', 'is_complete_request', { code: 'x = GET process FROM procs WHERE' });
    expect(incomplete.reply!.content).toEqual({ status: 'incomplete', indent: '' });
    const complete = await client!.request('shell', 'is_complete_request', { code: 'DISP procs' });
    expect(complete.reply!.content).toEqual({ status: 'complete' });
  });

  it('reports a syntax error with its code and caret, and runs the next cell', async () => {
    await start();
    const bad = await client!.execute("procs = GETT process FROM file://data.json WHERE name = 'cmd.exe'");
    expect(bad.reply.content).toMatchObject({ status: 'error', ename: 'E_SYNTAX' });
    const error = bad.published.find((m) => m.header.msg_type === 'error')!;
    expect(error.content.ename).toBe('E_SYNTAX');
    const traceback = (error.content.traceback as string[]).join('\n');
    expect(traceback).toContain('--> In[1]:1:14');
    expect(traceback).toContain("  1 | procs = GETT process FROM file://data.json WHERE name = 'cmd.exe'\n    |              ^");
    expect(traceback).toContain('hint: did you mean GET?');
    // no summary for a block that changed nothing
    expect(bad.published.some((m) => m.header.msg_type === 'execute_result')).toBe(false);
    const next = await client!.execute('x = NEW process [{"name": "cmd.exe", "pid": 4}]');
    expect(next.reply.content).toMatchObject({ status: 'ok', execution_count: 2 });
  });

  it('interrupts a running cell: the cell changes nothing, the kernel stays up with the variables from before', async () => {
    fs.writeFileSync(path.join(dir, 'slow.mjs'), 'export default async function () { await new Promise((r) => setTimeout(r, 100000)); return {}; }\n');
    await start();
    expect((await client!.execute('before = NEW process [{"name": "cmd.exe", "pid": 4}]')).reply.content.status).toBe('ok');
    const slow = client!.execute('during = NEW process [{"name": "a.exe", "pid": 5}]\nAPPLY ./slow.mjs ON during');
    const running = () => [...client!.published.values()].flat().some((m) => m.header.msg_type === 'execute_input' && String(m.content.code).includes('slow.mjs'));
    while (!running()) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 1000));
    const interrupt = await client!.request('control', 'interrupt_request', {});
    expect(interrupt.reply!.content).toEqual({ status: 'ok' });
    const stopped = await slow;
    expect(stopped.reply.content).toMatchObject({ status: 'error', ename: 'E_INTERRUPTED' });
    expect(stopped.published.find((m) => m.header.msg_type === 'error')!.content.evalue).toMatch(/interrupted/);
    const after = await client!.execute('DISP before ATTR pid');
    expect(after.reply.content.status).toBe('ok');
    expect((after.published.find((m) => m.header.msg_type === 'display_data')!.content.data as Record<string, string>)['text/plain']).toMatch(/\n4$/);
    const gone = await client!.execute('DISP during');
    expect(gone.reply.content).toMatchObject({ status: 'error', ename: 'E_UNDEFINED_VARIABLE' });
  });

  it('restarts: shutdown with restart=true ends the process, and a new one on the same connection file answers', async () => {
    await start();
    const first = kernel!;
    const shutdown = await client!.request('control', 'shutdown_request', { restart: true });
    expect(shutdown.reply!.content).toEqual({ status: 'ok', restart: true });
    expect(await exited(first)).toBe(0);
    client!.close();
    const info = await start();
    expect(info.content.implementation).toBe('kestrel-ts');
    expect((await client!.execute('x = NEW process [{"name": "cmd.exe", "pid": 4}]')).reply.content).toMatchObject({ status: 'ok', execution_count: 1 });
  });

  it('ignores a message whose signature does not verify', async () => {
    await start();
    const forged = await client!.request('shell', 'execute_request', { code: 'forged = NEW process [{"name": "x", "pid": 1}]', silent: false }, { key: 'wrong-key', waitMs: 3000 });
    expect(forged.reply).toBeUndefined();
    expect(client!.published.get(forged.id)).toBeUndefined();
    const check = await client!.execute('DISP forged');
    expect(check.reply.content).toMatchObject({ status: 'error', ename: 'E_UNDEFINED_VARIABLE', execution_count: 1 });
    expect(stderr).toContain('ignored a message that is malformed or not signed with the connection key');
  });
});

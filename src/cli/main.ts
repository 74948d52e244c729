import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { version as VERSION } from '../../package.json';
import type { BlockResult, Session } from '../engine/session';
import { isKestrelError } from '../model/errors';
import { openSession } from './open-session';
import { printable, terminalWidth } from './format-table';
import { formatBlock, formatError } from './format-text';
import { exportHunt } from './export-command';
import { runFollow } from './follow-command';
import { viewHunt } from './view-command';
import { serveExplorer } from './serve';
import { SessionHost } from './session-host';
import { loadSources } from './load-command';
import { openStore, type StoreOptions } from './open-store';
import { readHuntflow } from './read-huntflow';
import { runRepl } from './repl';
import { sigmaCommand, type SigmaOptions } from './sigma-command';
import { outOfMemory } from './stopped-block';
import { DEFAULT_KERNEL_NAME, installKernelspec, type InstallOptions } from './kernelspec/install-kernelspec';

interface RunOptions {
  json?: boolean;
  wide?: boolean;
  collapse?: boolean;
  backend: string;
  neo4jUri?: string;
  neo4jTimeout?: string;
  follow?: boolean;
  poll?: number;
}

function fail(code: string, message: string, hint: string, json: boolean | undefined, file?: string): number {
  const error = { code, message, hint, ...(file ? { file } : {}) };
  if (json) process.stdout.write(`${JSON.stringify({ outputs: [], variables: [], errors: [error], warnings: [] }, null, 2)}\n`);
  else process.stderr.write(`${formatError(error)}\n`);
  return 1;
}

/** Runs a command on the store the options name, closing it afterwards; start-up errors become a coded failure. */
async function onStore(opts: StoreOptions & { json?: boolean }, command: (session: Session) => Promise<number>): Promise<number> {
  let opened: Awaited<ReturnType<typeof openStore>> | undefined;
  try {
    opened = await openStore(opts);
    return await command(openSession({ collapse: (opts as RunOptions).collapse, store: opened.store }).session);
  } catch (e) {
    if (!isKestrelError(e)) throw e;
    return fail(e.code, e.message, e.hint ?? '', opts.json, e.file);
  } finally {
    await opened?.close();
  }
}

async function run(file: string, opts: RunOptions): Promise<number> {
  let read: ReturnType<typeof readHuntflow>;
  try {
    read = readHuntflow(file);
  } catch (e) {
    if (!isKestrelError(e)) throw e;
    return fail(e.code, e.message, e.hint ?? '', opts.json, file);
  }
  return onStore(opts, async (session) => {
    const result = await session.execute(read.source, file);
    result.warnings.unshift(...read.warnings);
    print(result, opts);
    return result.errors.length ? 1 : 0;
  });
}

/**
 * A hunt (`kestrel run`, `view` or `export`) whose thread ran out of heap: bin/kestrel.js runs hunts in a worker
 * thread and calls this when it died, so the user gets E_OUT_OF_MEMORY (in the --json document with --json)
 * instead of V8 aborting the process.
 */
export function reportOutOfMemory(args: readonly string[]): number {
  const e = outOfMemory('hunt');
  return fail(e.code, e.message, e.hint, args[0] === 'run' && args.includes('--json'));
}

function print(r: BlockResult, opts: RunOptions): void {
  if (opts.json) {
    const { outputs, variables, errors, warnings } = r;
    process.stdout.write(`${JSON.stringify({ outputs, variables, errors, warnings }, null, 2)}\n`);
    return;
  }
  const width = opts.wide ? Infinity : terminalWidth(process.stdout);
  for (const w of r.warnings) process.stderr.write(`warning: ${printable(w)}\n`);
  const text = formatBlock(r, width);
  if (text) process.stdout.write(`${text}\n`);
  for (const e of r.errors) process.stderr.write(`${formatError(e)}\n`);
}

async function viewCommand(file: string, names: readonly string[], opts: StoreOptions & { out?: string }): Promise<number> {
  return onStore(opts, async (session) => {
    const done = await viewHunt(session, file, names, opts.out);
    for (const w of done.result.warnings) process.stderr.write(`warning: ${printable(w)}\n`);
    for (const e of done.result.errors) process.stderr.write(`${formatError(e)}\n`);
    if (!('file' in done)) return 1;
    for (const n of done.notices!) process.stderr.write(`note: ${n}\n`);
    process.stdout.write(`${printable(done.file!)}: ${done.nodes} nodes, ${done.edges} edges\n`);
    return 0;
  });
}

async function exportCommand(file: string, names: readonly string[], opts: StoreOptions & { format: string; out?: string }): Promise<number> {
  return onStore(opts, async (session) => {
    const done = await exportHunt(session, file, names, opts);
    for (const w of done.result.warnings) process.stderr.write(`warning: ${printable(w)}\n`);
    for (const e of done.result.errors) process.stderr.write(`${formatError(e)}\n`);
    if (done.result.errors.length) return 1;
    for (const f of done.files) process.stdout.write(`${printable(f.path)}: ${f.bytes} bytes\n`);
    process.stdout.write(`${done.nodes} nodes, ${done.edges} edges\n`);
    return 0;
  });
}

type ServeCommandOptions = StoreOptions & { host: string; port: string; exposeFileAccess?: boolean };

/** The explorer's session lives in a worker thread (the session host), so that a long block does not hold up its requests. */
async function serveCommand(opts: ServeCommandOptions): Promise<number> {
  const { host, port, exposeFileAccess, ...store } = opts;
  const runner = new SessionHost(store);
  try {
    const explorer = await serveExplorer(runner, { host, port, exposeFileAccess });
    const problem = await runner.opened;
    if (problem) {
      await explorer.close();
      return fail(problem.code, problem.message, problem.hint ?? '', false, problem.file);
    }
    if (!['127.0.0.1', '::1', 'localhost'].includes(host)) {
      process.stderr.write(`warning: listening on ${printable(host)}: anyone who can reach it can run hunts with your data sources\n`);
    }
    process.stdout.write(`kestrel explorer at ${explorer.url} (Ctrl+C stops it)\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await explorer.close();
    return 0;
  } catch (e) {
    if (!isKestrelError(e)) throw e;
    return fail(e.code, e.message, e.hint ?? '', false, e.file);
  } finally {
    await runner.close();
  }
}

async function loadCommand(sources: readonly string[], opts: StoreOptions): Promise<number> {
  return onStore(opts, async (session) => {
    for (const done of await loadSources(session.store, sources)) {
      process.stdout.write(`${printable(done.source)}: ${done.records} records${done.alreadyLoaded ? ' (already in the store)' : ''}\n`);
    }
    return 0;
  });
}

/** `kestrel kernel install` and `kestrel kernel run`: E_KERNEL failures are reported like any coded error. */
async function kernelCommand(command: () => Promise<string | void>): Promise<number> {
  try {
    const said = await command();
    if (said) process.stdout.write(`${said}\n`);
    return 0;
  } catch (e) {
    if (!isKestrelError(e)) throw e;
    return fail(e.code, e.message, e.hint ?? '', false, e.file);
  }
}

/** `--poll 0.5` as milliseconds. */
function seconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('give a positive number of seconds, e.g. 0.5');
  return Math.round(n * 1000);
}

const BACKEND_HELP = 'graph store: memory (embedded) or neo4j';
const NEO4J_HELP = 'bolt://, neo4j:// (cluster, Aura) or their +s TLS forms: the Neo4j server (with --backend neo4j; default $NEO4J_URI)';
const NEO4J_TIMEOUT_HELP = 'seconds to wait for the Neo4j server to connect or answer again before saying so (default 5)';

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('kestrel')
    .description('Hunt with the Kestrel language: huntflows over a property graph of your security telemetry')
    .version(VERSION)
    .exitOverride();
  program
    .command('run')
    .description('run a huntflow and print its outputs and execution summary')
    .argument('<huntflow>', 'a .hf file')
    .option('--json', 'print one JSON document (outputs, variables, errors) on stdout')
    .option('--wide', 'do not cut long cells to fit the terminal')
    .option('--collapse', 'merge identical DISP rows, as Kestrel 1.x does')
    .option('--backend <backend>', BACKEND_HELP, 'memory')
    .option('--neo4j-uri <uri>', NEO4J_HELP)
    .option('--neo4j-timeout <seconds>', NEO4J_TIMEOUT_HELP)
    .option('--follow', 'keep running: follow growing logs and polled servers, print new and changed rows until Ctrl-C (--json: one object per line)')
    .option('--poll <seconds>', 'with --follow, how often a source is looked at again (default: files 0.1, servers 1)', seconds)
    .action(async (file: string, opts: RunOptions) => {
      code = opts.follow ? await runFollow(file, { ...opts, pollMs: opts.poll }) : await run(file, opts);
    });
  program
    .command('view')
    .description('run a huntflow and write the provenance view of its variables (all, or those named): one offline HTML page')
    .argument('<huntflow>', 'a .hf file')
    .argument('[variables...]', 'variables to draw (default: every variable the hunt assigns)')
    .option('-o, --out <file>', 'the HTML file (default: next to the huntflow, named after it)')
    .option('--backend <backend>', BACKEND_HELP, 'memory')
    .option('--neo4j-uri <uri>', NEO4J_HELP)
    .option('--neo4j-timeout <seconds>', NEO4J_TIMEOUT_HELP)
    .action(async (file: string, names: string[], opts: StoreOptions & { out?: string }) => {
      code = await viewCommand(file, names, opts);
    });
  program
    .command('export')
    .description('run a huntflow and write the graph behind its variables (all, or those named) for reports and other tools')
    .argument('<huntflow>', 'a .hf file')
    .argument('[variables...]', 'variables to export (default: every variable the hunt assigns)')
    .requiredOption('--format <format>', 'graphml, gexf, cytoscape, dot, mermaid, stix or csv')
    .option('-o, --out <path>', 'output path without suffix (default: next to the huntflow, named after it)')
    .option('--backend <backend>', BACKEND_HELP, 'memory')
    .option('--neo4j-uri <uri>', NEO4J_HELP)
    .option('--neo4j-timeout <seconds>', NEO4J_TIMEOUT_HELP)
    .action(async (file: string, names: string[], opts: StoreOptions & { format: string; out?: string }) => {
      code = await exportCommand(file, names, opts);
    });
  program
    .command('load')
    .description('load data sources into the graph store once (with --backend neo4j, later hunts query them without reading them again)')
    .argument('<sources...>', 'data-source URIs or paths, as after FROM')
    .option('--backend <backend>', BACKEND_HELP, 'memory')
    .option('--neo4j-uri <uri>', NEO4J_HELP)
    .option('--neo4j-timeout <seconds>', NEO4J_TIMEOUT_HELP)
    .action(async (sources: string[], opts: StoreOptions) => {
      code = await loadCommand(sources, opts);
    });
  program
    .command('sigma')
    .description('scan Windows event logs (.evtx, evtx JSON, OTRF/ECS JSON lines, folders) with Sigma rules')
    .argument('<rules...>', 'Sigma rule files (.yml) or folders of them')
    .requiredOption('--on <sources...>', 'the event logs to scan')
    .option('--json', 'print one JSON document (rules, errors) on stdout')
    .option('--wide', 'do not cut long cells to fit the terminal')
    .action(async (rules: string[], opts: SigmaOptions) => {
      code = await sigmaCommand(rules, opts);
    });
  program
    .command('serve')
    .description('a local web explorer: run huntflow blocks in one session and see the provenance view update')
    .option('--host <host>', 'address to listen on (loopback unless you choose otherwise)', '127.0.0.1')
    .option('--port <port>', 'port (0: any free one)', '8642')
    .option('--expose-file-access', 'allow a --host beyond loopback: whoever reaches it can read your files and data sources')
    .option('--backend <backend>', BACKEND_HELP, 'memory')
    .option('--neo4j-uri <uri>', NEO4J_HELP)
    .option('--neo4j-timeout <seconds>', NEO4J_TIMEOUT_HELP)
    .action(async (opts: ServeCommandOptions) => {
      code = await serveCommand(opts);
    });
  program
    .command('repl')
    .description('hunt interactively: each entry runs as one block of one session (what `kestrel` alone does)')
    .option('--wide', 'do not cut long cells to fit the terminal')
    .option('--collapse', 'merge identical DISP rows, as Kestrel 1.x does')
    .action(async (opts: { wide?: boolean; collapse?: boolean }) => {
      code = await runRepl({ wide: opts.wide, collapse: opts.collapse });
    });
  const kernel = program.command('kernel').description('the Jupyter kernel: hunt in notebooks (huntbooks), one block per cell');
  kernel
    .command('install')
    .description('register the kernel with Jupyter (kernel.json and the huntflow syntax highlighting)')
    .option('--user', "into your Jupyter data folder (~/.local/share/jupyter)")
    .option('--prefix <prefix>', 'into PREFIX/share/jupyter (default /usr/local)')
    .option('--name <name>', 'the kernel name Jupyter lists', DEFAULT_KERNEL_NAME)
    .action(async (opts: InstallOptions) => {
      code = await kernelCommand(async () => `installed the kestrel-ts kernel in ${printable(installKernelspec(opts))}`);
    });
  kernel
    .command('run')
    .description('serve Jupyter (it runs this, with the connection file it wrote)')
    .requiredOption('-f, --connection-file <file>', "Jupyter's connection file")
    .action(async (opts: { connectionFile: string }) => {
      code = await kernelCommand(async () => (await import('./kernel/kernel')).runKernel(opts.connectionFile, (line) => process.stderr.write(`kestrel kernel: ${line}\n`)));
    });
  try {
    await program.parseAsync(argv.length > 2 ? argv : [...argv, 'repl']);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  return code;
}

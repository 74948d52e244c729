import { KestrelError } from '../../src/model/errors';
import * as path from 'node:path';
import type { Observation } from '../../src/model/observation';
import type { Connector, ReadContext } from '../connector';
import { readSysFlowFile } from './avro-reader';
import { EntityTables } from './entity-tables';
import { POLICY_ENV, POLICY_FILE_NAME, policyFor } from './policy-location';
import { checkUri, isDirectory, resolveTrace, traceFiles, type TraceSource } from './sysflow-uri';
import { TraceMapper } from './to-observation';
import { loadTtpPolicy, type TtpPolicy } from './ttp-policy';

export { compilePolicy, loadTtpPolicy, unsupportedConstructs, type UnsupportedConstruct } from './ttp-policy';

const PROGRESS_EVERY = 10_000;

/**
 * Reads SysFlow traces (Avro object-container files): one Observation per event or flow, with the process
 * (its parent, binary, user), the file or connection, an x-oca-event and the host or container, and the
 * MITRE ATT&CK tags of the TTP policy rules the record matches.
 */
export const sysflowConnector: Connector = {
  name: 'sysflow',
  canRead: checkUri,
  locate: (uri, ctx) => resolveTrace(uri, ctx.baseDir).uri,
  async *read(uri, ctx) {
    const verdict = checkUri(uri);
    if (!verdict.ok) throw new KestrelError('E_DATA_SOURCE', verdict.reason, { file: uri });
    const trace = resolveTrace(uri, ctx.baseDir);
    const policy = await policyOf(trace, ctx);
    const files = isDirectory(trace.path) ? traceFiles(trace) : [trace];
    let records = 0;
    for (const file of files) yield* readTrace(file, trace.uri, policy, ctx, () => ++records);
  },
};

/** The TTP policy of a trace or a directory of traces (`?policy=`, the environment, or the file beside them), warned about once. */
export async function policyOf(trace: TraceSource, ctx: ReadContext): Promise<TtpPolicy | undefined> {
  const warn = ctx.onWarning ?? (() => undefined);
  const beside = isDirectory(trace.path) ? { ...trace, path: path.join(trace.path, POLICY_FILE_NAME) } : trace;
  const policyFile = policyFor(beside, ctx.baseDir);
  const policy = policyFile === undefined ? undefined : await loadTtpPolicy(policyFile);
  if (policy) warnUnsupported(policy, warn);
  else warn(`${trace.path}: no TTP policy (?policy=, $${POLICY_ENV}, or ${POLICY_FILE_NAME} beside the trace): records carry no x_ttp_tags`);
  return policy;
}

/**
 * The records of one trace file, with `source` as their source (the file's URI, or that of the directory read);
 * `counted` is called per record read (for progress).
 */
export async function* readTrace(trace: TraceSource, source: string, policy: TtpPolicy | undefined, ctx: ReadContext, counted: () => number): AsyncGenerator<Observation> {
  const tables = new EntityTables();
  const mapper = new TraceMapper(source, tables, policy, ctx.onWarning ?? (() => undefined), trace.uri);
  let index = 0;
  for await (const { type, value } of readSysFlowFile(trace.path)) {
    if (!tables.add(type, value)) yield mapper.map(type, value, index);
    index++;
    const read = counted();
    if (read % PROGRESS_EVERY === 0) ctx.onProgress?.(read);
  }
}

/** One warning per rule, naming everything in it that cannot be evaluated as written. */
function warnUnsupported(policy: TtpPolicy, warn: (message: string) => void): void {
  const byRule = new Map<string, string[]>();
  for (const u of policy.unsupported) {
    const list = byRule.get(u.rule) ?? [];
    byRule.set(u.rule, [...list, `${u.construct} (${u.reason})`]);
  }
  for (const [rule, items] of byRule) warn(`${policy.file}: rule "${rule}" cannot be evaluated as written: ${items.join('; ')}`);
}

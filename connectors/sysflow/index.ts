import { KestrelError } from '../../src/model/errors';
import type { Connector } from '../connector';
import { readSysFlowFile } from './avro-reader';
import { EntityTables } from './entity-tables';
import { POLICY_ENV, POLICY_FILE_NAME, policyFor } from './policy-location';
import { checkUri, resolveTrace } from './sysflow-uri';
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
    const warn = ctx.onWarning ?? (() => undefined);
    const policyFile = policyFor(trace, ctx.baseDir);
    const policy = policyFile === undefined ? undefined : await loadTtpPolicy(policyFile);
    if (policy) warnUnsupported(policy, warn);
    else warn(`${trace.path}: no TTP policy (?policy=, $${POLICY_ENV}, or ${POLICY_FILE_NAME} beside the trace): records carry no x_ttp_tags`);
    const tables = new EntityTables();
    const mapper = new TraceMapper(trace.uri, tables, policy, warn);
    let index = 0;
    for await (const { type, value } of readSysFlowFile(trace.path)) {
      if (!tables.add(type, value)) yield mapper.map(type, value, index);
      index++;
      if (index % PROGRESS_EVERY === 0) ctx.onProgress?.(index);
    }
  },
};

/** One warning per rule, naming everything in it that cannot be evaluated as written. */
function warnUnsupported(policy: TtpPolicy, warn: (message: string) => void): void {
  const byRule = new Map<string, string[]>();
  for (const u of policy.unsupported) {
    const list = byRule.get(u.rule) ?? [];
    byRule.set(u.rule, [...list, `${u.construct} (${u.reason})`]);
  }
  for (const [rule, items] of byRule) warn(`${policy.file}: rule "${rule}" cannot be evaluated as written: ${items.join('; ')}`);
}

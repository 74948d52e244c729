import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { TraceSource } from './sysflow-uri';

export const POLICY_ENV = 'KESTREL_SYSFLOW_POLICY';
export const POLICY_FILE_NAME = 'ttps-policy.yaml';

/**
 * The TTP policy for a trace: the URI's `?policy=`, else $KESTREL_SYSFLOW_POLICY, else `ttps-policy.yaml` next to
 * the trace if there is one (the first two must exist; reading them says so).
 */
export function policyFor(trace: TraceSource, baseDir: string): string | undefined {
  if (trace.policy) return trace.policy;
  const env = process.env[POLICY_ENV];
  if (env) return path.resolve(baseDir, env);
  const beside = path.join(path.dirname(trace.path), POLICY_FILE_NAME);
  return existsSync(beside) ? beside : undefined;
}

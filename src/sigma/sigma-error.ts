import { KestrelError } from '../model/errors';

/**
 * E_SIGMA_UNSUPPORTED: the rule is valid Sigma but uses a construct kestrel-ts cannot evaluate exactly
 * (`construct` names it: `aggregation`, `modifier expand`, `logsource product linux`); the rule is refused
 * rather than widened or narrowed. E_SIGMA_RULE: the file is not a Sigma rule (bad YAML, no condition,
 * a condition naming a selection that does not exist).
 */
export function unsupported(construct: string, detail: string, file?: string): KestrelError {
  const err = new KestrelError('E_SIGMA_UNSUPPORTED', `Sigma ${construct}: ${detail}`, { ...(file && { file }), hint: 'the rule is left out; the other rules still run' });
  (err as KestrelError & { construct: string }).construct = construct;
  return err;
}

export function badRule(detail: string, file?: string): KestrelError {
  return new KestrelError('E_SIGMA_RULE', `not a Sigma rule: ${detail}`, { ...(file && { file }), hint: 'a Sigma rule is YAML with a title, a logsource and a detection with a condition (sigmahq.io)' });
}

/** The construct an E_SIGMA_UNSUPPORTED names, or the code of any other error. */
export function constructOf(e: KestrelError): string {
  return (e as KestrelError & { construct?: string }).construct ?? e.code;
}

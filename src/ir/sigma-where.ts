import type { Loc, SigmaCondition, Where } from '../lang/ast';
import { semanticError } from './semantic-error';

type At = (loc: Loc) => Parameters<typeof semanticError>[2];

/**
 * A GET's WHERE as its SIGMA condition and the rest: SIGMA is read on the events of the data source, so it
 * may only be ANDed with the rest at the top of the WHERE, once (a folder gives several rules).
 */
export function splitSigma(w: Where, at: At): { sigma?: SigmaCondition; rest?: Where } {
  const found: SigmaCondition[] = [];
  const split = (x: Where): Where | undefined => {
    if (x.kind === 'sigma') {
      found.push(x);
      return undefined;
    }
    if (x.kind !== 'and') return x;
    const left = split(x.left);
    const right = split(x.right);
    return left && right ? { ...x, left, right } : left ?? right;
  };
  const rest = split(w);
  if (found.length > 1) {
    throw semanticError('E_SIGMA_WHERE', 'a GET takes one SIGMA', at(found[1].loc), 'put the rules in one folder and write SIGMA \'folder\'');
  }
  return { sigma: found[0], rest };
}

/** SIGMA anywhere but ANDed at the top of a GET's WHERE (under OR, in FIND, in a WHERE on a variable). */
export function misplacedSigma(w: SigmaCondition, at: At): Error {
  return semanticError('E_SIGMA_WHERE', 'SIGMA selects events of a data source: it goes in GET … FROM <event log> WHERE, ANDed with the rest', at(w.loc),
    "write x = GET process FROM file://logs/ WHERE SIGMA 'rules/' AND name = 'cmd.exe'");
}

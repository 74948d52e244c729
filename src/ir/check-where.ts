import type { Loc, Value, Where } from '../lang/ast';
import { suggest } from '../lang/did-you-mean';
import { semanticError } from './semantic-error';

type At = (loc: Loc) => Parameters<typeof semanticError>[2];

const LIST_OPS = new Set(['IN', 'NOT IN']);

/**
 * Checks a WHERE before it runs: attributes exist for the type (custom `x_` attributes and custom types
 * always pass), IN takes a list, MATCHES takes a valid regular expression.
 */
export function checkWhere(w: Where, centerType: string, known: (type: string) => string[], at: At): void {
  if (w.kind === 'sigma') return;
  if (w.kind !== 'comparison') {
    checkWhere(w.left, centerType, known, at);
    checkWhere(w.right, centerType, known, at);
    return;
  }
  checkAttribute(w.attribute, w.entityType ?? centerType, known, at(w.loc));
  if (LIST_OPS.has(w.op) && w.value.kind === 'literal') {
    throw semanticError('E_INVALID_PATTERN', `${w.op} needs a list or a variable reference, not a single value`, at(w.value.loc),
      `write ${w.attribute} ${w.op} (${JSON.stringify(w.value.value)}, ...) or use =`);
  }
  if (!LIST_OPS.has(w.op) && w.value.kind === 'list') {
    throw semanticError('E_INVALID_PATTERN', `${w.op} cannot compare with a list`, at(w.value.loc), 'use IN (...) to match any of several values');
  }
  if (w.op.endsWith('MATCHES')) checkRegex(w.value, at);
}

function checkRegex(v: Value, at: At): void {
  if (v.kind !== 'literal' || typeof v.value !== 'string') return;
  try {
    new RegExp(v.value);
  } catch (e) {
    throw semanticError('E_INVALID_PATTERN', (e as Error).message, at(v.loc),
      "use a raw string r'…' so backslashes reach the regular expression unchanged");
  }
}

/** The first segment of an attribute path must be an attribute of the type (custom ones always pass). */
export function checkAttribute(path: string, type: string, known: (type: string) => string[], at: ReturnType<At>): void {
  const head = path.split('.')[0].replace('[*]', '');
  const candidates = known(type);
  if (type.startsWith('x-') || head.startsWith('x_') || candidates.includes(head)) return;
  const hint = suggest(head, candidates);
  throw semanticError('E_UNKNOWN_ATTRIBUTE', `${type} has no attribute "${head}"`, at,
    hint ? `did you mean ${hint}?` : `known attributes: ${[...new Set(candidates)].slice(0, 12).join(', ')}`);
}

import type { Huntflow } from './ast';
import type { Diagnostic } from './diagnostic';
import { grammar } from './grammar';
import { syntaxError } from './syntax-error';
import { toStatements } from './to-ast';

export { KEYWORDS, RELATIONS } from './keywords';

export type ParseResult = { ok: true; huntflow: Huntflow } | { ok: false; diagnostic: Diagnostic };

/** Parses a huntflow. Bad input gives an E_SYNTAX diagnostic, never an exception. */
export function parse(source: string, file?: string): ParseResult {
  const match = grammar.match(source);
  if (match.failed()) return { ok: false, diagnostic: syntaxError(match, source, file) };
  return { ok: true, huntflow: { file: file ?? '<input>', source, statements: toStatements(match) } };
}

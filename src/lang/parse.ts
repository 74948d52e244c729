import type { Huntflow } from './ast';
import type { Diagnostic } from './diagnostic';
import { excerpt } from './excerpt';
import { grammar } from './grammar';
import { deepestNesting, SAFE_NESTING } from './nesting';
import { position } from './position';
import { syntaxError } from './syntax-error';
import { toStatements } from './to-ast';

export { KEYWORDS, RELATIONS } from './keywords';

export type ParseResult = { ok: true; huntflow: Huntflow } | { ok: false; diagnostic: Diagnostic };

/** Parses a huntflow. Bad input gives an E_SYNTAX diagnostic, never an exception. */
export function parse(source: string, file?: string): ParseResult {
  try {
    const match = grammar.match(source);
    if (match.failed()) return { ok: false, diagnostic: syntaxError(match, source, file) };
    return { ok: true, huntflow: { file: file ?? '<input>', source, statements: toStatements(match) } };
  } catch (error) {
    // Ohm recurses once per nesting level: thousands of nested parentheses overflow the stack.
    if (!(error instanceof RangeError)) throw error;
    return { ok: false, diagnostic: tooDeep(source, file) };
  }
}

function tooDeep(source: string, file?: string): Diagnostic {
  const { line, column } = position(source, deepestNesting(source));
  return {
    code: 'E_SYNTAX',
    message: 'nested too deeply to parse',
    file,
    line,
    column,
    excerpt: excerpt(source, line, column),
    hint: `nest parentheses or brackets at most ${SAFE_NESTING} levels deep: drop redundant ones, or split the statement`,
  };
}

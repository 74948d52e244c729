import type { Huntflow, Statement } from './ast';
import type { Diagnostic } from './diagnostic';
import { excerpt } from './excerpt';
import { grammar } from './grammar';
import { cutLongLists, restoreLongLists, type ToSource } from './long-lists';
import { SAFE_NESTING, tooDeepAt } from './nesting';
import { position } from './position';
import { statementLines } from './statement-lines';
import { syntaxError } from './syntax-error';
import { toStatements } from './to-ast';

export { KEYWORDS, RELATIONS } from './keywords';

/** Statements matched at once: fewer matches cost more each, more make Ohm's memo tables grow (5 was fastest). */
const STATEMENTS_A_MATCH = 5;

export type ParseResult = { ok: true; huntflow: Huntflow } | { ok: false; diagnostic: Diagnostic };

/** Parses a huntflow. Bad input gives an E_SYNTAX diagnostic, never an exception. */
export function parse(source: string, file?: string): ParseResult {
  // Ohm recurses once per nesting level: deep nesting would overflow the stack.
  const deep = tooDeepAt(source);
  if (deep !== undefined) return { ok: false, diagnostic: tooDeep(source, deep, file) };
  try {
    // Long lists of literals are read aside, Ohm matching their first item only; errors are told from the whole text.
    const cut = cutLongLists(source);
    if (!cut.lists.length) return parseStatements(source, source, file);
    const result = parseStatements(source, cut.text, file, cut.toSource);
    if (result.ok && restoreLongLists(result.huntflow.statements, source, cut.lists)) return result;
    return parseStatements(source, source, file);
  } catch (error) {
    // Bracket depth is checked above; whatever else exhausts the stack gets the same advice.
    if (!(error instanceof RangeError)) throw error;
    return {
      ok: false,
      diagnostic: { ...tooDeep(source, 0, file), message: 'too complex to parse', hint: 'split the statement into smaller ones' },
    };
  }
}

/** Matches `text` (the source, or the source with long lists cut out, its offsets mapped back by `toSource`) a run of statements at a time. */
function parseStatements(source: string, text: string, file: string | undefined, toSource?: ToSource): ParseResult {
  const statements: Statement[] = [];
  // Ohm's time and memory grow with the text matched at once, and each match has a cost of its own: match runs of a
  // few statements at a time.
  let from = 0;
  const cuts = statementLines(text).filter((_, i) => i % STATEMENTS_A_MATCH === STATEMENTS_A_MATCH - 1);
  for (const cut of [...cuts, text.length]) {
    if (cut <= from) continue;
    let to = cut;
    let match = grammar.match(text.slice(from, to));
    // Failing at its end, the run may go on further down (a bracket closed on a later line): match the rest at once.
    if (match.failed() && to < text.length && match.getRightmostFailurePosition() >= text.slice(from, to).trimEnd().length) {
      to = text.length;
      match = grammar.match(text.slice(from));
    }
    if (match.failed()) return { ok: false, diagnostic: syntaxError(match, source, file, from) };
    statements.push(...toStatements(match, source, from, toSource));
    from = to;
  }
  return { ok: true, huntflow: { file: file ?? '<input>', source, statements } };
}

function tooDeep(source: string, offset: number, file?: string): Diagnostic {
  const { line, column } = position(source, offset);
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

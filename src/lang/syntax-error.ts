import type { FailedMatchResult, MatchResult } from 'ohm-js';
import type { Diagnostic } from './diagnostic';
import { suggest } from './did-you-mean';
import { excerpt } from './excerpt';
import { COMMANDS, KEYWORDS, RELATIONS } from './keywords';
import { position } from './position';
import { TIMESTAMP_FORMATS } from './timestamp';

/** Ohm keeps the failures behind `getExpectedText`; their text is a rule description or a quoted terminal. */
interface Failure {
  toString(): string;
}
type FailedMatch = FailedMatchResult & { getRightmostFailures(): Failure[] };

const WORD_CHAR = /[A-Za-z0-9_-]/;
const KNOWN_WORDS = new Set([...KEYWORDS, ...RELATIONS]);

/** The E_SYNTAX diagnostic of a failed match of `source` from `from` on, at Ohm's rightmost failure position. */
export function syntaxError(match: MatchResult, source: string, file: string | undefined, from: number): Diagnostic {
  const failed = match as FailedMatch;
  const rightmost = from + failed.getRightmostFailurePosition();
  const atEnd = rightmost >= source.length;
  // At the end of input, point right after the last token rather than past trailing blank lines.
  const offset = atEnd ? source.trimEnd().length : rightmost;
  // Ohm lists the failures last-tried first; reversed, they follow the grammar.
  const failures = unique(failed.getRightmostFailures().map(String).reverse());
  const expected = summarize(failures);
  const quote = unterminatedQuote(source, offset);
  const at = quote === undefined ? position(source, offset) : position(source, quote);
  return {
    code: 'E_SYNTAX',
    message: quote !== undefined ? 'unterminated string' : `unexpected ${atEnd ? 'end of input' : found(source, offset)}, expected ${orList(expected)}`,
    file,
    ...at,
    excerpt: excerpt(source, at.line, at.column),
    expected,
    hint: quote !== undefined
      ? `close it with ${source[quote]} before the end of the line (write \\${source[quote]} for a quote inside it)`
      : hint(source, offset, failures.filter((failure) => KNOWN_WORDS.has(failure))) ??
        (expected.includes('a timestamp') ? TIMESTAMP_FORMATS : undefined),
  };
}

/**
 * The offset of the opening quote of a string that starts at `offset` (after an `r` or `t` prefix) and is not
 * closed before the end of its line, if there is one.
 */
function unterminatedQuote(source: string, offset: number): number | undefined {
  const quote = /^[rt]?(['"])/.exec(source.slice(offset, offset + 2));
  if (!quote) return undefined;
  const start = offset + quote[0].length - 1;
  for (let i = start + 1; i < source.length && source[i] !== '\n' && source[i] !== '\r'; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === quote[1]) return undefined;
  }
  return start;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** Many command keywords at once read better as "a command". */
function summarize(failures: string[]): string[] {
  const commands = failures.filter((failure) => COMMANDS.includes(failure));
  if (commands.length < 3) return failures;
  return unique(failures.map((failure) => (COMMANDS.includes(failure) ? 'a command' : failure)));
}

function orList(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Longer words are cut in messages: the excerpt shows where they are. */
const MAX_QUOTED_WORD = 40;

function found(source: string, offset: number): string {
  const word = wordAt(source, offset) || source[offset];
  return JSON.stringify(word.length > MAX_QUOTED_WORD ? `${word.slice(0, MAX_QUOTED_WORD)}…` : word);
}

function wordAt(source: string, offset: number): string {
  let end = offset;
  while (end < source.length && WORD_CHAR.test(source[end])) end++;
  return source.slice(offset, end);
}

/** The word that ends just before `offset` on the same line, if any. */
function wordBefore(source: string, offset: number): string {
  let end = offset;
  while (end > 0 && (source[end - 1] === ' ' || source[end - 1] === '\t')) end--;
  let start = end;
  while (start > 0 && WORD_CHAR.test(source[start - 1])) start--;
  return source.slice(start, end);
}

/** "did you mean X?" when the word at, or else just before, the failure looks like a misspelt keyword. */
function hint(source: string, offset: number, expectedKeywords: string[]): string | undefined {
  for (const word of [wordAt(source, offset), wordBefore(source, offset)]) {
    if (!word || KNOWN_WORDS.has(word.toUpperCase())) continue;
    const suggestion = suggest(word, expectedKeywords) ?? suggest(word, KNOWN_WORDS);
    if (suggestion) return `did you mean ${suggestion}?`;
  }
  return undefined;
}

import { COMMANDS, KEYWORDS } from './keywords';

/** A line break, then the first word of the next line and whether `=` (not `==`) follows it. */
const LINE_START = /(?:\r\n?|\n)([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_-])(?=([ \t]*=(?!=))?)/g;
const KEYWORD_SET = new Set(KEYWORDS);
// SORT also goes on a statement (`x = y` then `SORT BY pid` on the next line).
const STARTS_ONLY = new Set(COMMANDS.filter((command) => command !== 'SORT'));

/**
 * The offsets of the lines that start with what only begins a statement: a command keyword other than SORT, or
 * `name =` where name is no keyword. No complete statement goes on onto such a line, so the text before it
 * parses on its own; a statement left incomplete there (`WHERE (` before `name = 'a')`) does not.
 */
export function statementLines(source: string): number[] {
  const starts: number[] = [];
  for (const match of source.matchAll(LINE_START)) {
    const word = match[1].toUpperCase();
    if (match[2] === undefined ? STARTS_ONLY.has(word) : !KEYWORD_SET.has(word)) starts.push(match.index + match[0].length - match[1].length);
  }
  return starts;
}

/**
 * The JSON documents of an evtx JSON export: objects one after another, pretty-printed or one a line, as
 * `evtx_dump -o json` and its kind write them (also a JSON array of them). Yields each with its 1-based line.
 * A document that does not parse gives `{ error }` with its line, and reading goes on with the next.
 */
export function* jsonDocuments(text: string): Generator<{ line: number; doc?: Record<string, unknown>; error?: string }> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let startLine = 1;
  let line = 1;
  let arrayDepth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 92) escaped = true;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123) {
      if (depth++ === 0) {
        start = i;
        startLine = line;
      }
    } else if (c === 125 && depth > 0) {
      if (--depth === 0) {
        const piece = text.slice(start, i + 1);
        try {
          const doc = JSON.parse(piece) as unknown;
          if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) yield { line: startLine, doc: doc as Record<string, unknown> };
        } catch (e) {
          yield { line: startLine, error: (e as Error).message };
        }
      }
    } else if (c === 91 && depth === 0) arrayDepth++;
    else if (c === 93 && depth === 0) arrayDepth--;
    else if (depth === 0 && arrayDepth <= 1 && c > 32 && c !== 44) {
      yield { line, error: `unexpected ${JSON.stringify(text[i])} between documents` };
      const next = text.indexOf('\n', i);
      if (next < 0) return;
      i = next - 1;
    }
  }
  if (depth > 0) yield { line: startLine, error: 'the last document is cut short' };
}

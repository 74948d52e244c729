import { KestrelError } from '../../src/model/errors';
import { jsonErrorOffset } from './json-error-offset';

const POSITION = / in JSON at position (\d+)/;
const EXCERPT_RADIUS = 60;

/** JSON.parse, or E_BAD_INPUT_FILE naming `file` and the 1-based line and column of the first syntax error. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const reported = POSITION.exec(message);
    const offset = reported ? Number(reported[1]) : jsonErrorOffset(text);
    const reason = reported
      ? message.slice(0, reported.index)
      : offset >= text.length
        ? 'Unexpected end of JSON input'
        : `Unexpected character ${JSON.stringify(text[offset])}`;
    const { line, column, excerpt } = locate(text, offset);
    throw new KestrelError('E_BAD_INPUT_FILE', `${file}:${line}:${column}: invalid JSON: ${reason}`, {
      file,
      line,
      column,
      excerpt,
      hint: 'the file is truncated or not JSON; a STIX bundle is one JSON object',
    });
  }
}

function locate(text: string, offset: number): { line: number; column: number; excerpt: string } {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const from = Math.max(lineStart, offset - EXCERPT_RADIUS);
  const to = Math.min(lineEnd === -1 ? text.length : lineEnd, offset + EXCERPT_RADIUS);
  const excerpt = `${text.slice(from, to).replace(/\r$/, '')}\n${' '.repeat(offset - from)}^`;
  return { line, column: offset - lineStart + 1, excerpt };
}

import { KestrelError } from '../../src/model/errors';
import { jsonErrorOffset, locate } from './json-error-offset';

const POSITION = / in JSON at position (\d+)/;

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

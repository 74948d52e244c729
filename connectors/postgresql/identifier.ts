/** A PostgreSQL identifier as SQL text: double-quoted, inner double quotes doubled. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** PostgreSQL truncates identifiers longer than this many bytes. */
const MAX_IDENTIFIER_BYTES = 63;

/** Why a table name from a URI cannot be used, or undefined when it can. Any character but NUL and controls is fine once quoted. */
export function tableNameProblem(name: string): string | undefined {
  if (name === '') return 'the table name is empty';
  if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) return `the table name is longer than ${MAX_IDENTIFIER_BYTES} bytes`;
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'the table name holds a control character';
  return undefined;
}

const UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * JSON to put inside `<script type="application/json">`: `<`, `>`, `&`, U+2028 and U+2029 become `\u003c` and
 * so on (the same string to JSON.parse), so no data can close the tag or open a comment.
 */
export function jsonIsland(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

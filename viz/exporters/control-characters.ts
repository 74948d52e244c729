/** C0 controls, DEL and C1 controls: never written raw by an exporter. */
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** A character as visible text: `\u001b`. */
export function unicodeEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

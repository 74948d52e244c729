import { unicodeEscape } from './control-characters';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;',
};

/**
 * Text for XML 1.0 content or a quoted attribute value. Markup characters become entities; tab, newline and
 * carriage return become character references (an attribute value keeps them); characters XML 1.0 does not
 * allow (other C0 controls, U+FFFE, U+FFFF, lone surrogates) become the visible text `\u001b`.
 */
export function xmlText(s: string): string {
  return s.replace(
    /[&<>"'\t\n\r]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (ch) => ESCAPES[ch] ?? unicodeEscape(ch),
  );
}

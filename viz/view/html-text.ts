const SPECIAL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '\0': '\uFFFD' };

/** Text for HTML content or a quoted attribute; NUL, which HTML drops, becomes U+FFFD. */
export function htmlText(s: string): string {
  return s.replace(/[&<>"'\0]/g, (c) => SPECIAL[c]);
}

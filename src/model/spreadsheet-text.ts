/**
 * The one rule for text in every CSV the project writes: NUL bytes are dropped, and a value a spreadsheet
 * would run as a formula (starting with = + - @, tab or CR, e.g. `=cmd|' /C calc'!A0`) gets a leading `'`.
 */
export function spreadsheetText(value: string): string {
  const text = value.replace(/\0/g, '');
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

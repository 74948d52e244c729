/** Jupyter counts cursor positions in Unicode code points; JavaScript strings index UTF-16 units. */
export function toUtf16(text: string, codePoints: number): number {
  let units = 0;
  for (let n = 0; n < codePoints && units < text.length; n++) units += text.codePointAt(units)! > 0xffff ? 2 : 1;
  return units;
}

export function toCodePoints(text: string, units: number): number {
  return [...text.slice(0, units)].length;
}

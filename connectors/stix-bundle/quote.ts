const MAX = 60;

/** A name from the data (a record id, a property) as messages show it: cut short. */
export function clip(text: string): string {
  return text.length > MAX ? `${text.slice(0, MAX)}…` : text;
}

/** A value as messages show it: JSON-quoted, cut short, so hostile content cannot flood a message. */
export function quote(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(clip(value));
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}

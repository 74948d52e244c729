/**
 * The values a statement sends beside its text: each value added becomes `$n`. PostgreSQL rejects a parameter
 * the text does not use, so a translation that is given up drops what it added with `truncate`.
 */
export class Parameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  truncate(length: number): void {
    this.values.length = length;
  }
}

declare module 'pg-cursor' {
  import type { Submittable } from 'pg';

  /** pg-cursor 2.x: a portal read `rows` at a time; pg has no types for it. */
  export default class Cursor<Row = Record<string, unknown>> implements Submittable {
    constructor(text: string, values?: unknown[]);
    submit: Submittable['submit'];
    read(rows: number): Promise<Row[]>;
    close(): Promise<void>;
  }
}

/** The part of sql.js (SQLite compiled to WebAssembly; the package ships no types) that the sqlalchemy connector uses. */
declare module 'sql.js' {
  interface Statement {
    bind(values: unknown[]): boolean;
    step(): boolean;
    getAsObject(): Record<string, unknown>;
    free(): void;
  }
  interface Database {
    prepare(sql: string): Statement;
    close(): void;
  }
  interface SqlJs {
    Database: new (data?: Uint8Array) => Database;
  }
  export default function initSqlJs(): Promise<SqlJs>;
}

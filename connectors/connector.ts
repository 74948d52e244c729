import type { Observation } from '../src/model/observation';

/** Where a read happens: relative paths resolve against `baseDir` (the huntflow's folder). */
export interface ReadContext {
  baseDir: string;
  /** Told about each skipped or dropped piece of a source (an object without type, a dangling ref); reading goes on. */
  onWarning?: (message: string) => void;
}

/** A connector says whether it can read a URI, and why not when it cannot. */
export type CanRead = { ok: true } | { ok: false; reason: string };

export interface Connector {
  readonly name: string;
  canRead(uri: string): CanRead;
  /** The canonical name of the source a URI names (every spelling of one file gives one name). */
  locate(uri: string, ctx: ReadContext): string;
  /** Yields every record of the source. Throws KestrelError (E_DATA_SOURCE, E_BAD_INPUT_FILE). */
  read(uri: string, ctx: ReadContext): AsyncIterable<Observation>;
}

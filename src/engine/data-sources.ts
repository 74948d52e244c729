import type { Connector } from '../../connectors/connector';
import type { GraphStore } from '../../graph/graph-store';
import { KestrelError } from '../model/errors';
import type { Observation } from '../model/observation';

/**
 * Loads each data source into the store once per session. A source is read completely before anything is
 * ingested, so a read that fails leaves the store as it was.
 */
export class DataSources {
  private readonly loaded = new Map<string, Promise<string[]>>();
  readonly used: string[] = [];

  constructor(
    private readonly store: GraphStore,
    private readonly connectors: readonly Connector[],
    private readonly onWarning: (message: string) => void = () => undefined,
  ) {}

  /** Returns the canonical source names the URI's records carry. */
  load(uri: string, baseDir: string): Promise<string[]> {
    const key = `${baseDir}\u0000${uri}`;
    let p = this.loaded.get(key);
    if (!p) {
      p = this.read(uri, baseDir);
      this.loaded.set(key, p);
      p.catch(() => this.loaded.delete(key));
    }
    return p;
  }

  private async read(uri: string, baseDir: string): Promise<string[]> {
    const reasons: string[] = [];
    const connector = this.connectors.find((c) => {
      const can = c.canRead(uri);
      if (!can.ok) reasons.push(`${c.name}: ${can.reason}`);
      return can.ok;
    });
    if (!connector) {
      throw new KestrelError('E_DATA_SOURCE', `no connector can read "${uri}"`, {
        hint: reasons.join('; '),
      });
    }
    const observations: Observation[] = [];
    for await (const o of connector.read(uri, { baseDir, onWarning: this.onWarning })) observations.push(o);
    await this.store.ingest(observations);
    const sources = [...new Set(observations.map((o) => o.source))];
    this.used.push(uri);
    return sources.length ? sources : [uri];
  }
}

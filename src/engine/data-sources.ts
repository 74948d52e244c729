import type { Connector, ReadContext } from '../../connectors/connector';
import type { GraphStore } from '../../graph/graph-store';
import { KestrelError } from '../model/errors';
import type { Observation } from '../model/observation';

/**
 * Loads each data source into the store once per session. A source is read completely before anything is
 * ingested, so a read that fails leaves the store as it was.
 */
export class DataSources {
  private readonly loaded = new Map<string, Promise<string[]>>();

  constructor(
    private readonly store: GraphStore,
    private readonly connectors: readonly Connector[],
    private readonly onWarning: (message: string) => void = () => undefined,
  ) {}

  /** Returns the canonical source names the URI's records carry; each source is read once however it is spelt. */
  load(uri: string, baseDir: string): Promise<string[]> {
    const connector = this.connectorFor(uri);
    const ctx = { baseDir, onWarning: this.onWarning };
    const key = connector.locate(uri, ctx);
    let p = this.loaded.get(key);
    if (!p) {
      p = this.read(connector, uri, ctx);
      this.loaded.set(key, p);
      p.catch(() => this.loaded.delete(key));
    }
    return p;
  }

  private connectorFor(uri: string): Connector {
    const reasons: string[] = [];
    const connector = this.connectors.find((c) => {
      const can = c.canRead(uri);
      if (!can.ok) reasons.push(`${c.name}: ${can.reason}`);
      return can.ok;
    });
    if (!connector) throw new KestrelError('E_DATA_SOURCE', `no connector can read "${uri}"`, { hint: reasons.join('; ') });
    return connector;
  }

  private async read(connector: Connector, uri: string, ctx: ReadContext): Promise<string[]> {
    const observations: Observation[] = [];
    for await (const o of connector.read(uri, ctx)) observations.push(o);
    await this.store.ingest(observations);
    const sources = [...new Set(observations.map((o) => o.source))];
    return sources.length ? sources : [uri];
  }
}

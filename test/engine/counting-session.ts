import * as path from 'node:path';
import type { Connector } from '../../connectors/connector';
import { stixBundleConnector } from '../../connectors/stix-bundle';
import { MemoryStore } from '../../graph/memory-store';
import { Session, type BlockResult, type Output, type SessionOptions } from '../../src/engine/session';
import { FIXTURES } from '../hunt';

/** The huntflow every test block claims to come from: data paths resolve against test/fixtures. */
export const HUNT_FILE = path.join(FIXTURES, 'hunt.hf');

/** The STIX bundle connector, recording every data-source URI it is asked to read. */
export function countingConnector(): Connector & { reads: string[] } {
  const reads: string[] = [];
  return {
    name: 'counting-stix-bundle',
    reads,
    canRead: (uri) => stixBundleConnector.canRead(uri),
    locate: (uri, ctx) => stixBundleConnector.locate(uri, ctx),
    async *read(uri, ctx) {
      reads.push(uri);
      yield* stixBundleConnector.read(uri, ctx);
    },
  };
}

/** A session over the embedded store whose only connector counts its reads. */
export function countingSession(options: Partial<Omit<SessionOptions, 'store' | 'connectors'>> = {}) {
  const connector = countingConnector();
  const session = new Session({ store: new MemoryStore(), connectors: [connector], ...options });
  return { session, reads: connector.reads, run: (hf: string): Promise<BlockResult> => session.execute(hf, HUNT_FILE) };
}

export function outputOf<K extends Output['kind']>(r: BlockResult, kind: K, i = 0): Extract<Output, { kind: K }> {
  const o = r.outputs.filter((x) => x.kind === kind)[i];
  if (!o) throw new Error(`no ${kind} output #${i} in ${JSON.stringify(r.outputs.map((x) => x.kind))}`);
  return o as Extract<Output, { kind: K }>;
}

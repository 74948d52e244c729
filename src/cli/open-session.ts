import { defaultConnectors } from '../../connectors/registry';
import { MemoryStore } from '../../graph/memory-store';
import { loadConfig, sessionSettings, type KestrelConfig } from '../engine/config';
import { Session } from '../engine/session';

/**
 * A session as the user configured it (kestrel.yaml, data-source profiles) over the embedded store.
 * Throws E_CONFIG when the configuration file is broken.
 */
export function openSession(options: { collapse?: boolean } = {}): { session: Session; config: KestrelConfig } {
  const config = loadConfig();
  const session = new Session({
    store: new MemoryStore(),
    connectors: defaultConnectors(),
    ...sessionSettings(config),
    display: { collapse: options.collapse },
  });
  return { session, config };
}

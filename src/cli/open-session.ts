import * as fs from 'node:fs';
import * as path from 'node:path';
import { withFollow } from '../../connectors/follow';
import { defaultConnectors } from '../../connectors/registry';
import type { GraphStore } from '../../graph/graph-store';
import { MemoryStore } from '../../graph/memory-store';
import { loadConfig, sessionSettings, type KestrelConfig } from '../engine/config';
import type { ProgressListener } from '../engine/data-sources';
import { Session } from '../engine/session';
import { progressLine } from './progress';

/** The analytics shipped in samples/analytics, by name (`APPLY js://suspicious-cmdline ON procs`). */
export function shippedAnalytics(): Record<string, string> {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const folder = path.join(dir, 'samples', 'analytics');
    if (!fs.existsSync(folder)) continue;
    const names = fs.readdirSync(folder).filter((n) => fs.existsSync(path.join(folder, n, 'index.mjs')));
    return Object.fromEntries(names.map((n) => [n, path.join(folder, n)]));
  }
  return {};
}

/**
 * A session as the user configured it (kestrel.yaml, data-source profiles) over the embedded store, showing
 * progress on stderr when it is a terminal unless told where else. Throws E_CONFIG when the configuration file is broken.
 */
export function openSession(options: { collapse?: boolean; store?: GraphStore; onProgress?: ProgressListener } = {}): { session: Session; config: KestrelConfig } {
  const config = loadConfig();
  const session = new Session({
    store: options.store ?? new MemoryStore(),
    // A connector that can follow its sources does so only in a followed block.
    connectors: withFollow(defaultConnectors()),
    ...sessionSettings(config),
    analytics: { profiles: { ...shippedAnalytics(), ...config.analytics.profiles }, timeoutMs: config.analytics.timeoutSeconds * 1000 },
    display: { collapse: options.collapse },
    onProgress: options.onProgress ?? (process.stderr.isTTY ? progressLine(process.stderr) : undefined),
  });
  return { session, config };
}

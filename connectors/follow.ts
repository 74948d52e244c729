import type { Connector, FollowBatch, FollowContext } from './connector';
import type { SourceQuery } from '../src/model/source-query';
import { followElasticsearch } from './elasticsearch';
import { followEventLog } from './event-logs/follow';
import { followPostgresql } from './postgresql/follow';
import { followSysflow } from './sysflow/follow';

type Follow = (uri: string, ctx: FollowContext, query?: SourceQuery) => AsyncIterable<FollowBatch>;

/** The connectors whose sources can be followed (`kestrel run --follow`), by connector name. */
const FOLLOWERS: Record<string, Follow> = {
  'event-logs': followEventLog,
  elasticsearch: followElasticsearch,
  postgresql: followPostgresql,
  sysflow: followSysflow,
};

/**
 * The connectors as given, those that can follow their sources with `follow` (docs/DECISIONS.md 43); the others
 * are read once, as in a one-shot hunt.
 */
export function withFollow(connectors: readonly Connector[]): Connector[] {
  return connectors.map((c) => {
    const follow = c.follow ?? FOLLOWERS[c.name];
    if (!follow || c.follow) return c;
    const followed: Connector = Object.create(c) as Connector;
    return Object.assign(followed, { follow });
  });
}

/** Whether a connector can follow (for EXPLAIN and warnings). */
export function canFollow(c: Connector): boolean {
  return !!(c.follow ?? FOLLOWERS[c.name]);
}

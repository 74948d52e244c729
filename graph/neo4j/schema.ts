/** Attributes hunts filter on most: copied to top-level node properties (when scalar) so that they are indexed. */
export const INDEXED_ATTRIBUTES = ['name', 'pid', 'command_line', 'value'] as const;

/**
 * Range indexes refuse keys over about 8 KB; a longer value (a huge command line) is left out of its index
 * copy rather than failing the write. The JSON `attrs` property keeps every value exactly.
 */
export const MAX_INDEXED_LENGTH = 2000;

/**
 * Created on first use by `Neo4jStore.connect`; `IF NOT EXISTS` makes it safe for every process to run them.
 * An index is created empty and filled in the background: the last statement waits until every index is online,
 * so that the first load's MERGEs are planned on them (a plan made without them scans, and is reused).
 */
export const SCHEMA: readonly string[] = [
  'CREATE CONSTRAINT kestrel_entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE',
  'CREATE CONSTRAINT kestrel_record_id IF NOT EXISTS FOR (r:Record) REQUIRE r.id IS UNIQUE',
  'CREATE CONSTRAINT kestrel_entity_type_name IF NOT EXISTS FOR (t:EntityType) REQUIRE t.name IS UNIQUE',
  'CREATE CONSTRAINT kestrel_data_source_uri IF NOT EXISTS FOR (s:DataSource) REQUIRE s.uri IS UNIQUE',
  'CREATE INDEX kestrel_entity_seq IF NOT EXISTS FOR (e:Entity) ON (e.seq)',
  ...INDEXED_ATTRIBUTES.map((a) => `CREATE INDEX kestrel_entity_${a} IF NOT EXISTS FOR (e:Entity) ON (e.${a})`),
  'CREATE INDEX kestrel_record_first_observed IF NOT EXISTS FOR (r:Record) ON (r.firstObserved)',
  'CALL db.awaitIndexes(300)',
];

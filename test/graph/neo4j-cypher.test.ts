import * as cypher from '../../graph/neo4j/cypher';
import type { CypherQuery } from '../../graph/neo4j/cypher';
import { edgeType, typeLabel } from '../../graph/neo4j/names';

const HOSTILE = "'}) DETACH DELETE n //";
const TICK = 'x`]->() DETACH DELETE n //\\u0060';

const row = { id: HOSTILE, type: HOSTILE, seq: 1, attrs: HOSTILE, variants: null, name: HOSTILE, pid: HOSTILE, command_line: HOSTILE, value: HOSTILE };
const queries: [string, CypherQuery][] = [
  ['entityIds', cypher.entityIdsQuery(HOSTILE, { sources: [HOSTILE] })],
  ['entityIds in a scope', cypher.entityIdsQuery('process', { sources: [HOSTILE], start: 1, stop: 2, records: new Set([HOSTILE]) })],
  ['entities', cypher.entitiesQuery([HOSTILE])],
  ['neighbors out', cypher.neighborsQuery([HOSTILE], HOSTILE, 'out')],
  ['neighbors in', cypher.neighborsQuery([HOSTILE], TICK, 'in')],
  ['recordsOf', cypher.recordsOfQuery([HOSTILE], { sources: [HOSTILE] })],
  ['records', cypher.recordsQuery([HOSTILE])],
  ['mentionedBy', cypher.mentionedByQuery([HOSTILE], TICK)],
  ['type catalogue', cypher.typeCatalogueQuery(HOSTILE)],
  ['hasSource', cypher.hasSourceQuery(HOSTILE)],
  ['existing records', cypher.existingRecordsQuery([HOSTILE])],
  ['types', cypher.upsertTypesQuery([{ name: HOSTILE, seq: 0, attributes: [HOSTILE], edges: [HOSTILE] }])],
  ['entities upsert', cypher.upsertEntitiesQuery(HOSTILE, [row])],
  ['attributes update', cypher.updateAttributesQuery([row])],
  ['records upsert', cypher.upsertRecordsQuery([{ id: HOSTILE, source: HOSTILE, firstObserved: null, lastObserved: null, numberObserved: 1, seq: 0 }])],
  ['mentions upsert', cypher.upsertMentionsQuery([{ record: HOSTILE, entity: HOSTILE, pos: 0 }])],
  ['edges upsert', cypher.upsertEdgesQuery(TICK, [{ from: HOSTILE, to: HOSTILE, seq: 0 }])],
  ['record sources added', cypher.addRecordSourcesQuery([{ id: HOSTILE, source: HOSTILE }])],
  ['stored edges', cypher.pairSeqsQuery([{ from: HOSTILE, to: HOSTILE }])],
  ['sources marked loaded', cypher.markSourcesLoadedQuery([{ uri: HOSTILE, warnings: [HOSTILE] }])],
  ['source warnings', cypher.sourceWarningsQuery(HOSTILE)],
  ['walk', cypher.walkEdgesQuery([HOSTILE], HOSTILE, 'in', 4)],
];

describe('Cypher builders', () => {
  it.each(queries)('%s: values travel as $parameters, never in the query text', (_name, q) => {
    expect(q.text).not.toContain(HOSTILE);
    expect(q.text).not.toContain('DETACH DELETE');
    expect(q.text).not.toContain('//');
    expect(JSON.stringify(q.params)).toContain('DETACH DELETE');
  });

  it('puts only checked names in backticks: plain STIX names as they are, anything else in hex', () => {
    expect(typeLabel('process')).toBe('`process`');
    expect(typeLabel('network-traffic')).toBe('`network-traffic`');
    expect(edgeType('parent_ref')).toBe('`parent_ref`');
    for (const name of [HOSTILE, TICK, 'Entity', 'Record', 'a b']) {
      expect(typeLabel(name)).toMatch(/^`T_[0-9A-F]+`$/);
      expect(edgeType(name)).toMatch(/^`R_[0-9A-F]+`$/);
    }
    expect(typeLabel('a-b')).not.toBe(typeLabel('a_b'));
    expect(edgeType('x-ref')).not.toBe(edgeType('x_ref'));
  });

  it('adds a scope condition only for what the scope holds', () => {
    expect(cypher.entityIdsQuery('process', { sources: ['s'] }).text).toMatch(/^UNWIND \$sources AS src MATCH \(:DataSource \{uri: src\}\)<-\[:IN_SOURCE\]-\(r:Record\)/);
    expect(cypher.recordsOfQuery(['e'], { sources: ['s'] }).text).toContain('WHERE any(s IN r.sources WHERE s IN $sources)');
    expect(cypher.entityIdsQuery('process').text).not.toContain('WHERE');
    const q = cypher.recordsOfQuery(['e'], { start: 5 });
    expect(q.text).toContain('r.firstObserved >= $start');
    expect(q.text).not.toContain('$stop');
    expect(q.params).toEqual({ ids: ['e'], start: 5 });
    expect(cypher.recordsOfQuery(['e']).text).not.toContain('WHERE');
  });

  it('writes edges from their two nodes found by id, never by matching relationships of unbound nodes', () => {
    const q = cypher.upsertEdgesQuery('parent_ref', [{ from: 'a', to: 'b', seq: 3 }]);
    expect(q.text).toBe('UNWIND $rows AS row MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to}) MERGE (a)-[r:`parent_ref`]->(b) ON CREATE SET r.seq = row.seq');
    expect(cypher.pairSeqsQuery([{ from: 'a', to: 'b' }]).text).toContain('MATCH (a:Entity {id: p.from}) USING INDEX a:Entity(id) MATCH (a)-[old]->(b:Entity) WHERE b.id = p.to');
  });

  it('counts entity edges apart from mentions and source links, so a re-run numbers on where the load stopped', () => {
    expect(cypher.countsQuery().text).toContain('all - mentions - links AS edges');
  });

  it('answers hasSource only for a source marked loaded after its last batch', () => {
    expect(cypher.hasSourceQuery('s').text).toBe('OPTIONAL MATCH (s:DataSource {uri: $source}) RETURN coalesce(s.loaded, false) AS found');
    expect(cypher.markSourcesLoadedQuery([{ uri: 's', warnings: [] }]).text).toContain('SET s.loaded = true');
    expect(cypher.upsertRecordsQuery([]).text).not.toContain('loaded');
  });

  it('bounds a walk by a checked integer literal, or not at all', () => {
    expect(cypher.walkEdgesQuery(['a'], 'parent_ref', 'out', 3).text).toContain('-[:`parent_ref`*1..3]->');
    expect(cypher.walkEdgesQuery(['a'], 'parent_ref', 'in').text).toContain('<-[:`parent_ref`*1..]-');
    expect(() => cypher.walkEdgesQuery(['a'], 'parent_ref', 'out', 1.5)).toThrow(RangeError);
    expect(() => cypher.walkEdgesQuery(['a'], 'parent_ref', 'out', 0)).toThrow(RangeError);
  });
});

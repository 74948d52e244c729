import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { interfaceSource } from '../../../connectors/ocsf/interface-source';
import { opensearchConnector } from '../../../connectors/opensearch';
import { endpointOf } from '../../../connectors/opensearch/endpoint';
import type { QueryComparison, QueryFilter, QueryOp, SourceQuery } from '../../../src/model/source-query';
import { tempHome } from '../../temp-home';

/*
 * Kestrel 2's own OpenSearch interface tests (kestrel-lang develop, packages/kestrel_interface_opensearch/tests):
 * test_config.py's config, and test_ossql.py's simplified data model map, whose SQL cases are here the query DSL the
 * same comparisons become. Kestrel 2 refuses MATCHES on OpenSearch (UnsupportedOperatorError); kestrel-ts sends a regexp.
 */
const { tmp, configDir } = tempHome('kestrel-os2-');
const saved = process.env.KESTREL_OPENSEARCH_CONFIG;
beforeAll(() => {
  writeFileSync(path.join(configDir, 'mapping.yaml'), 'some.field: other.field\n');
  writeFileSync(path.join(configDir, 'ossql_map.yaml'), [
    'process:',
    '  cmd_line: CommandLine',
    '  file:',
    '    path: Image',
    '  pid: ProcessId',
    '  parent_process:',
    '    pid: ParentProcessId',
    '',
  ].join('\n'));
  // test_config.py's config, as yaml.dump writes it.
  writeFileSync(path.join(configDir, 'opensearch.yaml'), `connections:
  localhost:
    auth:
      password: admin
      username: admin
    url: https://localhost:9200
    verify_certs: false
  some-cloud-thing:
    auth:
      password: super_secret
      username: hunter
    url: https://www.example.com:9200
    verify_certs: true
datasources:
  some_ds:
    connection: some-cloud-thing
    data_model_map: mapping.yaml
    index_pattern: logs-*
    timestamp: '@timestamp'
    timestamp_format: '%Y-%m-%d %H:%M:%S.%f'
  my_table:
    connection: localhost
    data_model_map: ossql_map.yaml
    index_pattern: my_table
    timestamp: timestamp
    timestamp_format: '%Y-%m-%dT%H:%M:%S.%fZ'
`);
  process.env.KESTREL_OPENSEARCH_CONFIG = path.join(configDir, 'opensearch.yaml');
});
afterAll(() => {
  if (saved === undefined) delete process.env.KESTREL_OPENSEARCH_CONFIG;
  else process.env.KESTREL_OPENSEARCH_CONFIG = saved;
  rmSync(tmp, { recursive: true, force: true });
});

const source = (name: string) => interfaceSource('opensearch', 'KESTREL_OPENSEARCH_CONFIG', 'opensearch.yaml', 'index_pattern', name);

test('test_load_config: connections, the index pattern and a data model map file', () => {
  const ds = source('some_ds');
  expect(ds.url).toBe('https://www.example.com:9200');
  expect(ds.collection).toBe('logs-*');
  expect(ds.map.nativeOf('some.field')).toEqual([{ field: 'other.field' }]);
  const ep = endpointOf(ds);
  expect(ep).toEqual({ location: 'opensearch://some_ds', node: 'https://www.example.com:9200', authorization: `Basic ${Buffer.from('hunter:super_secret').toString('base64')}`, rejectUnauthorized: true });
  expect(endpointOf(source('my_table')).rejectUnauthorized).toBe(false);
});

test('test_opensearch_translator: comparisons through the map, the time range in the timestamp format', () => {
  const explain = (where: QueryFilter, window: Partial<SourceQuery> = {}) =>
    JSON.parse(opensearchConnector.nativeQuery!('opensearch://my_table', { entityType: 'process', where, ...window }, { baseDir: tmp })!.statement) as { index: string; query: unknown };
  const cmp = (attribute: string, op: QueryOp, value: QueryComparison['value']): QueryComparison => ({ kind: 'comparison', entityType: 'process', attribute, op, value });
  // ProjectEntity('process') with cmd_line = 'foo bar', and pid ORed across the process and its parent (prefetch).
  const p = explain({ kind: 'and', left: cmp('command_line', '=', 'foo bar'), right: cmp('pid', 'IN', [1, 2]) }, { start: Date.parse('2023-12-06T08:17:00Z'), stop: Date.parse('2023-12-07T08:17:00Z') });
  expect(p).toEqual({
    index: 'my_table',
    query: { bool: { filter: [
      { bool: { filter: [
        { term: { CommandLine: 'foo bar' } },
        { bool: { should: [{ terms: { ProcessId: [1, 2] } }, { terms: { ParentProcessId: [1, 2] } }], minimum_should_match: 1 } },
      ] } },
      { range: { timestamp: { gte: '2023-12-06T08:17:00.000000Z', lt: '2023-12-07T08:17:00.000000Z' } } },
    ] } },
    sort: ['_doc'],
    size: 1000,
  });
  const q = explain({ kind: 'or', left: cmp('command_line', 'NOT IN', ['abc', 'def']), right: cmp('command_line', 'MATCHES', 'abc') });
  expect(q.query).toEqual({ bool: { should: [
    { bool: { must_not: [{ terms: { CommandLine: ['abc', 'def'] } }] } },
    { regexp: { CommandLine: { value: '.*abc.*' } } },
  ], minimum_should_match: 1 } });
});

/**
 * Kestrel 2's parser tests (kestrel-lang develop, packages/kestrel_core/tests/test_parser.py) that pin names and
 * projections, ported to kestrel-ts's IR. Kestrel 2 turns every name into OCSF; kestrel-ts keeps entities as STIX
 * objects, so where Kestrel 2 asserts an OCSF field (`reg_key.path`) this asserts the STIX path it is stored at
 * (`key`), and the type the summary shows (decision 40).
 */
import { compile } from '../../src/ir/compile';
import type { FindNode, IRNode, IRWhere, SourceNode, VariableNode } from '../../src/ir/nodes';
import { parse } from '../../src/lang/parse';

function compiled(hf: string): Map<string, VariableNode> {
  const parsed = parse(hf, 'k2.hf');
  if (!parsed.ok) throw new Error(parsed.diagnostic.message);
  return compile(parsed.huntflow, {
    symbols: new Map(), now: Date.parse('2024-01-01T00:00:00Z'), seenAttributes: new Map(), timeOffsets: { startMs: 0, stopMs: 0 },
  }).symbols;
}

/** The nodes from the variable down to its data source. */
function chain(node: IRNode): IRNode[] {
  const input = 'input' in node ? node.input : undefined;
  return [node, ...(input ? chain(input) : [])];
}

const fields = (w: IRWhere): string[] => (w.kind === 'comparison' ? [w.attribute] : [...fields(w.left), ...fields(w.right)]);

describe('test_parser_entity_and_proj_and_field_mapping', () => {
  test.each([
    ["x = GET registry FROM if://ds WHERE key = 'bar'", 'reg_key', 'windows-registry-key', [], 'key'],
    ["x = GET user-account FROM if://ds WHERE user_id = '123'", 'user-account', 'user-account', [], 'user_id'],
    ["x = GET host FROM if://ds WHERE name = 'bar'", 'endpoint', 'x-oca-asset', [], 'hostname'],
    ["x = GET destination FROM if://ds WHERE mac = '22:33:44:55'", 'network_endpoint', 'ipv4-addr', ['dst_ref'], 'dst_ref.resolves_to_refs.value'],
    ["x = GET process.parent.user FROM if://ds WHERE name = 'alice'", 'user', 'user-account', ['parent_ref', 'creator_user_ref'],
      'parent_ref.creator_user_ref.account_login'],
    ["x = GET process:parent_ref FROM if://ds WHERE command_line = 'cmd.exe -abc'", 'process', 'process', ['parent_ref'], 'parent_ref.command_line'],
  ])('%s', (hf, shown, type, hops, sourceField) => {
    const x = compiled(hf).get('x')!;
    expect([x.shownType, x.entityType]).toEqual([shown, type]);
    const nodes = chain(x.input);
    const finds = nodes.filter((n): n is FindNode => n.kind === 'find').reverse();
    expect(finds.map((f) => [f.relation, f.reversed])).toEqual(hops.map((h) => [h, true]));
    const source = nodes.find((n): n is SourceNode => n.kind === 'source')!;
    expect(fields(source.where!)).toEqual([sourceField]);
  });
});

describe('test_parser_mapping_*: STIX and OCSF names in WHERE', () => {
  test.each([
    ["x = GET process FROM if://ds WHERE binary_ref.name = 'foo'", ['binary_ref.name']],
    ["x = GET process FROM if://ds WHERE file.name = 'foo'", ['binary_ref.name']],
    ["x = GET ipv4-addr FROM if://ds WHERE value = '192.168.22.3'", ['value']],
    ["x = GET network-traffic FROM if://ds WHERE src_ref.value = '192.168.22.3'", ['src_ref.value']],
    ["x = GET process FROM if://ds WHERE binary_ref.name = 'foo' OR name = 'bam' AND parent_ref.name = 'boom'", ['binary_ref.name', 'name', 'parent_ref.name']],
    ["x = GET process FROM if://ds WHERE file.name = 'foo' OR name = 'bam' AND parent_process.name = 'boom'", ['binary_ref.name', 'name', 'parent_ref.name']],
    ["x = GET process FROM if://ds WHERE parent.name = 'boom' AND entity_id = 'x'", ['parent_ref.name', 'x_unique_id']],
  ])('%s', (hf, expected) => {
    const source = compiled(hf).get('x')!.input as SourceNode;
    expect(fields(source.where!)).toEqual(expected);
  });
});

describe('test_parser_find_*', () => {
  const ES = "es = NEW event [ {'id': 1} ]";

  it('test_parser_find_event_to_entity: a FIND of the role, no filter', () => {
    const procs = compiled(`${ES}\nprocs = FIND process RESPONDED es`).get('procs')!;
    expect(procs.input).toMatchObject({ kind: 'find', relation: 'responded', reversed: false, entityType: 'process' });
    expect((procs.input as FindNode).where).toBeUndefined();
  });

  it('test_parser_find_entity_to_event: events ORIGINATED BY the processes', () => {
    const eves = compiled(`${ES}\nprocs = FIND process RESPONDED es\neves = FIND event ORIGINATED BY procs`).get('eves')!;
    expect(eves.input).toMatchObject({ kind: 'find', relation: 'originated', reversed: true, entityType: 'x-oca-event' });
    expect(eves.shownType).toBe('event');
  });

  it('test_parser_find_entity_to_entity: CREATED from processes found in events', () => {
    const parents = compiled(`${ES}\nprocs = FIND process RESPONDED es\nparents = FIND process CREATED procs`).get('parents')!;
    expect(parents.input).toMatchObject({ kind: 'find', relation: 'created', reversed: false });
    expect(parents.dialect).toBe('ocsf');
  });

  it("FIND event RESPONDED procs (no BY) is refused, as Kestrel 2's UnsupportedObjectRelation", () => {
    expect(() => compiled(`${ES}\nprocs = FIND process RESPONDED es\neves = FIND event RESPONDED procs`)).toThrow(/no relation event RESPONDED process/);
  });
});

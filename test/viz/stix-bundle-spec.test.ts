/** The STIX export as threat-intel platforms read it: a STIX 2.1 bundle that meets the spec (see stix-spec.ts). */
import { toStixBundle } from '../../viz/exporters';
import { buildViewGraph } from '../../viz/build-view-graph';
import type { ViewGraph } from '../../viz/view-graph';
import { fixtureSession } from '../hunt';
import { schtaskGraph } from './schtask-graph';
import { stixProblems } from './stix-spec';

type Sco = Record<string, unknown> & { type: string; id: string };

function objects(g: ViewGraph): Sco[] {
  return JSON.parse(toStixBundle(g)).objects;
}

/** psh_lsass_memory_dump_comsvcs (Mordor): rundll32.exe dumps lsass; its modules, their folder, its user and parent. */
async function lsassGraph(): Promise<ViewGraph> {
  const { session, run } = fixtureSession();
  const r = await run(`procs = GET process FROM file://event-logs/psh_lsass_memory_dump_comsvcs.json WHERE name = 'rundll32.exe'
files = FIND file LOADED BY procs
dirs = FIND directory CONTAINED files
users = FIND user-account OWNED procs
parents = FIND process CREATED procs`);
  if (r.errors.length) throw new Error(JSON.stringify(r.errors));
  const names = ['procs', 'files', 'dirs', 'users', 'parents'];
  return buildViewGraph(session.store, await Promise.all(names.map(async (name) => ({ name, ids: (await session.entitiesOf(name))!.ids }))));
}

describe('the STIX 2.1 export meets the spec', () => {
  it('the validator finds what the spec forbids', () => {
    const v4 = '0a1b2c3d-4e5f-4a6b-8c7d-8e9fa0b1c2d3';
    const bundle = {
      type: 'bundle',
      id: `bundle--${v4}`,
      spec_version: '2.1',
      objects: [
        { type: 'network-traffic', spec_version: '2.1', id: `network-traffic--${v4}`, dst_ref: 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4', src_port: 70000 },
        { type: 'process', id: 'process--1', created: '2020-12-19 12:00:22', pid: '8920', binary_ref: 'file--x', arguments: [] },
        { type: 'relationship', spec_version: '2.1', id: 'relationship--0a1b2c3d-4e5f-4a6b-8c7d-8e9fa0b1c2d4', created: '2020-12-19T12:00:22Z', relationship_type: 'Created', source_ref: 'process--1', target_ref: `network-traffic--${v4}` },
      ],
    };
    const nt = `network-traffic--${v4}`;
    const rel = 'relationship--0a1b2c3d-4e5f-4a6b-8c7d-8e9fa0b1c2d4';
    expect(stixProblems(bundle)).toEqual([
      'bundle: spec_version is not a bundle property',
      `${nt}: required protocols is missing`,
      `${nt}.dst_ref: ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4 is not in the bundle`,
      `${nt}.src_port: 70000 is not a port (0-65535)`,
      `${nt}: id should be network-traffic--8a60809d-5619-5ad2-a48d-16fe9d10ba76 (UUIDv5 of its ID contributing properties)`,
      'process--1: id "process--1" is not process--<RFC 4122 UUID>',
      'process--1: created does not apply to a cyber-observable',
      'process--1.pid: "8920" is not an integer',
      'process--1.binary_ref: file--x is not in the bundle',
      'process--1.arguments: is null or an empty list',
      'process--1: without ID contributing properties, the id must be a UUIDv4',
      `${rel}: required modified is missing`,
      `${rel}: relationship_type is not a-z, 0-9 and -`,
      `${rel}.created: not to the millisecond`,
    ]);
  });

  it('schtask_create: processes, connections, addresses, users and their relationships', async () => {
    const bundle = JSON.parse(toStixBundle((await schtaskGraph()).graph));
    expect(stixProblems(bundle)).toEqual([]);
    expect(new Set(bundle.objects.map((o: Sco) => o.type))).toEqual(new Set(['process', 'network-traffic', 'ipv4-addr', 'user-account', 'relationship']));
  });

  it('psh_lsass_memory_dump_comsvcs: processes, loaded modules, their folder and the user', async () => {
    const bundle = JSON.parse(toStixBundle(await lsassGraph()));
    expect(stixProblems(bundle)).toEqual([]);
    expect(new Set(bundle.objects.map((o: Sco) => o.type))).toEqual(new Set(['process', 'file', 'directory', 'user-account', 'relationship']));
  });

  it('a network-traffic keeps src_ref and dst_ref, with both addresses in the bundle though only one is drawn', async () => {
    const { graph } = await schtaskGraph();
    const all = objects(graph);
    const byId = new Map(all.map((o) => [o.id, o]));
    const traffic = all.filter((o) => o.type === 'network-traffic');
    expect(traffic).toHaveLength(2);
    for (const t of traffic) {
      expect(byId.get(t.src_ref as string)?.value).toBe('172.18.39.5');
      expect(byId.get(t.dst_ref as string)?.value).toBe('172.18.39.6');
    }
    expect(graph.nodes.filter((n) => n.type === 'ipv4-addr').map((n) => n.attrs.value)).toEqual(['172.18.39.6']);
  });

  it('processes carry created_time (STIX 2.1), not Kestrel\'s created', async () => {
    const procs = objects((await schtaskGraph()).graph).filter((o) => o.type === 'process');
    const schtasks = procs.find((p) => p.pid === 8920)!;
    expect(schtasks.created_time).toBe('2020-12-19T12:00:22.190Z');
    for (const p of procs) expect(p).not.toHaveProperty('created');
  });

  it('a process\'s image_ref is its own image, not one of the modules events say it loaded', async () => {
    const all = objects(await lsassGraph());
    const rundll32 = all.find((o) => o.type === 'process' && o.pid === 4824)!;
    expect(all.find((o) => o.id === rundll32.image_ref)?.name).toBe('rundll32.exe');
    expect(rundll32).not.toHaveProperty('binary_ref');
  });

  it('cyber-observable ids are the ones the spec and other producers derive', () => {
    const node = (id: string, type: string, value: string) => ({ id, type, label: value, attrs: { value }, variables: [], records: [], recordCount: 0 });
    const g: ViewGraph = {
      title: 'spec examples',
      nodes: [node('ipv4-addr--a', 'ipv4-addr', '198.51.100.3'), node('domain-name--b', 'domain-name', 'example.com')],
      edges: [],
      notes: { truncated: 0, cycles: [], inferredRoots: [] },
    };
    expect(objects(g).map((o) => o.id)).toEqual(['ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4', 'domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7']);
  });
});

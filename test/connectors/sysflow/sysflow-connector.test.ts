import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sysflowConnector } from '../../../connectors/sysflow';
import type { Observation, ObservedObject } from '../../../src/model/observation';
import { FIXTURES } from '../../hunt';

const DIR = path.join(FIXTURES, 'sysflow');
const ctx = { baseDir: DIR };

async function readAll(uri: string, warnings: string[] = []): Promise<Observation[]> {
  const out: Observation[] = [];
  for await (const o of sysflowConnector.read(uri, { baseDir: DIR, onWarning: (w) => warnings.push(w) })) out.push(o);
  return out;
}

const eventOf = (o: Observation) => o.objects.find((x) => x.type === 'x-oca-event')!;
const refd = (o: Observation, key: string | string[] | undefined) => o.objects.find((x) => x.key === key)!;
const actor = (o: Observation): ObservedObject => refd(o, eventOf(o).refs.process_ref);

describe('sysflow connector: URIs', () => {
  it('reads sysflow:// and .sf paths, declines the rest with what it reads', () => {
    for (const uri of ['sysflow://x/y', 'file://a.sf', 'a.sf', '/abs/B.SF', 'file://./t.sf?policy=p.yaml']) expect(sysflowConnector.canRead(uri)).toEqual({ ok: true });
    for (const uri of ['a.json', 'file://x.ndjson', 'stixshifter://c1', 'https://h/x.sf']) {
      const v = sysflowConnector.canRead(uri);
      expect(v.ok).toBe(false);
      expect(!v.ok && v.reason).toMatch(/sysflow:\/\/.*\.sf/);
    }
  });

  it('locates every spelling of a trace as file:// + its absolute path', () => {
    const want = `file://${path.join(DIR, 'cron.sf')}`;
    for (const uri of ['cron.sf', 'file://cron.sf', 'sysflow://cron.sf', 'file://./cron.sf', `${DIR}/cron.sf`, 'cron.sf?policy=x.yaml']) {
      expect(sysflowConnector.locate(uri, ctx)).toBe(want);
    }
  });
});

describe('sysflow connector: traces', () => {
  it('maps every event and flow of apache.sf (shared README counts) and keeps entities as lookups', async () => {
    const obs = await readAll('apache.sf');
    const types: Record<string, number> = {};
    for (const o of obs) types[eventOf(o).attrs.x_record_type as string] = (types[eventOf(o).attrs.x_record_type as string] ?? 0) + 1;
    expect(types).toEqual({ ProcessEvent: 36, FileFlow: 4390, FileEvent: 27, NetworkFlow: 25 });
    const processes = obs.flatMap((o) => o.objects.filter((x) => x.type === 'process'));
    expect(new Set(processes.map((p) => p.attrs.x_unique_id)).size).toBe(9);
    expect([...new Set(processes.map((p) => p.attrs.name))].sort()).toEqual(['docker-runc', 'httpd', 'httpd-foreground', 'rm']);
    expect(obs[0].firstObserved).toBe('2019-04-11T19:29:45.412Z');
  });

  it('gives stable record ids, and the same output for the same input', async () => {
    const [a, b] = [await readAll('cron.sf'), await readAll('cron.sf')];
    expect(a).toEqual(b);
    expect(new Set(a.map((o) => o.id)).size).toBe(a.length);
    expect(a[0].id).toMatch(/^observed-data--[0-9a-f-]{36}$/);
  });

  it('keeps oids and times exact (64-bit, nanoseconds)', async () => {
    const obs = await readAll('shellshock.sf');
    const cat = obs.map(actor).filter((p) => p.attrs.pid === 35968).pop()!;
    expect(cat.attrs).toMatchObject({
      x_unique_id: 'sysflow-oid:35968:1683705598144460229',
      x_created_ns: '1683705598144460229',
      created: '2023-05-10T07:59:58.144Z',
      name: 'cat',
      command_line: '/bin/cat /etc/passwd',
      cwd: '/usr/lib/cgi-bin/',
      x_container_id: '080bb969ee61',
    });
    const exec = obs.find((o) => eventOf(o).attrs.action === 'exec' && actor(o).attrs.pid === 35968)!;
    expect(eventOf(exec).attrs).toMatchObject({ x_ts_ns: '1683705598145294805', x_record_type: 'ProcessEvent' });
  });

  it('builds the parent from the Process entity its poid names, with binary, user and container', async () => {
    const obs = await readAll('shellshock.sf');
    const o = obs.filter((x) => actor(x).attrs.pid === 35968).pop()!;
    const cat = actor(o);
    expect(refd(o, cat.refs.parent_ref).attrs).toMatchObject({ pid: 35957, name: 'bash', x_unique_id: 'sysflow-oid:35957:1683705588015265771' });
    expect(refd(o, cat.refs.creator_user_ref).attrs).toEqual({ user_id: '33', account_login: 'www-data' });
    const bin = refd(o, cat.refs.binary_ref);
    expect(bin.attrs).toEqual({ name: 'cat' });
    expect(refd(o, bin.refs.parent_directory_ref).attrs).toEqual({ path: '/bin' });
    expect(refd(o, eventOf(o).refs.host_ref).attrs).toMatchObject({ hostname: '080bb969ee61', x_container_name: 'httpd', x_node_id: 'rio' });
  });

  it('maps a network flow to real addresses and ports, opened by the process', async () => {
    const obs = await readAll('shellshock.sf');
    const o = obs.find((x) => eventOf(x).attrs.x_record_type === 'NetworkFlow')!;
    expect(eventOf(o).attrs.action).toBe('connect,close');
    const nt = refd(o, eventOf(o).refs.network_ref);
    expect(nt.attrs).toMatchObject({ src_port: 42188, dst_port: 4444, protocols: ['tcp'] });
    expect(refd(o, nt.refs.src_ref).attrs.value).toBe('172.17.0.3');
    expect(refd(o, nt.refs.dst_ref).attrs.value).toBe('172.17.0.1');
    expect(actor(o).refs.opened_connection_refs).toEqual([nt.key]);
    const loopback = (await readAll('cron.sf')).find((x) => eventOf(x).attrs.x_record_type === 'NetworkFlow')!;
    expect(refd(loopback, refd(loopback, eventOf(loopback).refs.network_ref).refs.dst_ref).attrs.value).toBe('127.0.0.1');
  });

  it('maps a file flow to the file with its directory and the operations', async () => {
    const obs = await readAll('cron.sf');
    const o = obs.find((x) => eventOf(x).attrs.x_record_type === 'FileFlow' && eventOf(x).attrs.x_opflags === 1152 && actor(x).attrs.pid === 752399 && x.objects.some((y) => y.attrs.name === 'rsync'))!;
    const file = refd(o, eventOf(o).refs.file_ref);
    expect(refd(o, file.refs.parent_directory_ref).attrs.path).toBe('/var/www/html/test');
    expect(eventOf(o).attrs.action).toBe('open,close');
  });
});

describe('sysflow connector: TTP tags from ttps-policy.yaml beside the trace', () => {
  it('tags the record a rule matches and accumulates the tags on the process', async () => {
    const obs = await readAll('shellshock.sf');
    const exec = obs.find((o) => eventOf(o).attrs.action === 'exec' && actor(o).attrs.pid === 35968)!;
    expect(eventOf(exec).attrs.x_ttp_rules).toEqual(['Account Discovery: Local Account']);
    expect(eventOf(exec).attrs.x_ttp_tags).toEqual(['mitre:T1087.001']);
    const last = obs.filter((o) => actor(o).attrs.pid === 35968).pop()!;
    expect(actor(last).attrs.x_ttp_tags).toEqual(['mitre:T1087.001', 'mitre:T1087']);
    const bash = obs.filter((o) => actor(o).attrs.pid === 35957).pop()!;
    expect(actor(bash).attrs.x_ttp_rules).toEqual(['Suspicious process spawned']);
  });

  it('warns once per rule it cannot evaluate as written', async () => {
    const warnings: string[] = [];
    await readAll('httpd.sf', warnings);
    const about = (rule: string) => warnings.filter((w) => w.includes(`rule "${rule}"`));
    expect(about('Command and Scripting Interpreter')).toHaveLength(1);
    expect(about('Command and Scripting Interpreter')[0]).toMatch(/attribute sf\.file\.typechar.*attribute sf\.net\.mask.*sf\.net\.proto = udp/);
    expect(about('Interactive shell')).toEqual([]);
  });

  it('reads a policy named by ?policy=, and fails on a missing one', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-'));
    fs.writeFileSync(path.join(tmp, 'p.yaml'), '- rule: any exec\n  condition: sf.opflags = EXEC\n  tags: [mitre:T0000]\n');
    const obs = await readAll(`cron.sf?policy=${tmp}/p.yaml`);
    expect(obs.filter((o) => eventOf(o).attrs.x_ttp_tags).map((o) => actor(o).attrs.name)).toEqual(['vulnerable', 'bash-vulnerable', 'chmod']);
    await expect(readAll(`cron.sf?policy=${tmp}/none.yaml`)).rejects.toMatchObject({ code: 'E_DATA_SOURCE', file: `${tmp}/none.yaml` });
  });
});

describe('sysflow connector: bad input', () => {
  it('E_BAD_INPUT_FILE naming a file that is not Avro', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sf-')), 'not.sf');
    fs.writeFileSync(file, '{"type": "bundle"}');
    await expect(readAll(file)).rejects.toMatchObject({ code: 'E_BAD_INPUT_FILE', file, message: expect.stringContaining('not an Avro') });
  });

  it('E_DATA_SOURCE with a hint for a missing trace', async () => {
    await expect(readAll('missing.sf')).rejects.toMatchObject({ code: 'E_DATA_SOURCE', file: path.join(DIR, 'missing.sf'), hint: expect.any(String) });
  });
});

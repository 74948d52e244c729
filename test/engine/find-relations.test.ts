/** FIND over every relation-table row that the fixtures have data for, in both directions. */
import { column, counts, hunt } from '../hunt';

const WMIC = "wmic = GET process FROM file://doctored-1k.json WHERE name = 'WMIC.exe'";
const SVCHOST = 'p = GET process FROM file://doctored-1k.json WHERE pid = 1380';
const CMD_PIDS = [6792, 7216, 8972, 10468, 10520, 13008, 14076];
const WMIC_PIDS = [8684, 8776, 8940, 9240, 10020, 11692, 12804];

describe('process CREATED process', () => {
  it('finds the parents, then their children, through parent_ref', async () => {
    const r = await hunt(`${WMIC}
      parents = FIND process CREATED wmic
      children = FIND process CREATED BY parents
      DISP parents ATTR pid, name SORT BY pid ASC
      DISP children ATTR pid, parent_ref.pid SORT BY pid ASC`);
    expect(column(r, 'pid', 0)).toEqual(CMD_PIDS);
    expect(new Set(column(r, 'name', 0))).toEqual(new Set(['cmd.exe']));
    expect(column(r, 'pid', 1)).toEqual(WMIC_PIDS);
    expect(new Set(column(r, 'parent_ref.pid', 1))).toEqual(new Set(CMD_PIDS));
  });
});

describe('process CREATED network-traffic', () => {
  it('finds the connections a process opened, and the process back from them', async () => {
    const r = await hunt(`${SVCHOST}
      conns = FIND network-traffic CREATED BY p
      back = FIND process CREATED conns
      DISP back ATTR pid, name`);
    expect(counts(r).conns).toEqual([105, 105]);
    expect(r.outputs[0]).toMatchObject({ rows: [[1380, 'svchost.exe']] });
  });

  it('finds no process for traffic that no process opened', async () => {
    const r = await hunt(`
      conns = GET network-traffic FROM file://test_bundle.json WHERE dst_port = 22
      procs = FIND process CREATED conns`);
    expect(counts(r)).toEqual({ conns: [29, 29], procs: [0, 0] });
  });
});

describe('addresses CREATED and ACCEPTED network-traffic', () => {
  it('finds source and destination addresses, and the traffic they accepted', async () => {
    const r = await hunt(`${SVCHOST}
      conns = FIND network-traffic CREATED BY p
      srcs = FIND ipv4-addr CREATED conns
      dsts = FIND ipv4-addr ACCEPTED conns
      accepted = FIND network-traffic ACCEPTED BY dsts
      created = FIND network-traffic CREATED BY srcs
      DISP srcs ATTR value
      DISP dsts ATTR value SORT BY value ASC
      DISP accepted ATTR dst_ref.value`);
    expect(column(r, 'value', 0)).toEqual(['192.168.1.156']);
    expect(column(r, 'value', 1)).toEqual(['192.168.1.1', '92.242.140.21']);
    expect(counts(r).accepted[0]).toBe(161);
    expect(new Set(column(r, 'dst_ref.value', 2))).toEqual(new Set(['192.168.1.1', '92.242.140.21']));
    expect(counts(r).created[0]).toBe(128);
  });

  it('works for ipv6 addresses', async () => {
    const r = await hunt(`
      ip = GET ipv6-addr FROM file://doctored-1k.json WHERE value = 'fe80:0:0:0:5d67:4a8:1e69:54d8'
      created = FIND network-traffic CREATED BY ip
      accepted = FIND network-traffic ACCEPTED BY ip
      DISP created ATTR src_ref.value
      DISP accepted ATTR dst_ref.value`);
    expect(counts(r).created[0]).toBe(55);
    expect(counts(r).accepted[0]).toBe(83);
    expect(new Set(column(r, 'src_ref.value', 0))).toEqual(new Set(['fe80:0:0:0:5d67:4a8:1e69:54d8']));
    expect(new Set(column(r, 'dst_ref.value', 1))).toEqual(new Set(['fe80:0:0:0:5d67:4a8:1e69:54d8']));
  });
});

describe('process LOADED file', () => {
  it('finds the binary of a process and the processes that run it', async () => {
    const r = await hunt(`${WMIC}
      bin = FIND file LOADED BY wmic
      runners = FIND process LOADED bin
      DISP bin ATTR name
      DISP runners ATTR pid SORT BY pid ASC`);
    expect(column(r, 'name', 0)).toEqual(['WMIC.exe']);
    expect(column(r, 'pid', 1)).toEqual(WMIC_PIDS);
  });
});

describe('user-account OWNED process', () => {
  it('finds the owner of processes and every process it owns', async () => {
    const r = await hunt(`
      ua = GET user-account FROM file://doctored-1k.json WHERE user_id = 'SYSTEM'
      owned = FIND process OWNED BY ua
      owners = FIND user-account OWNED owned
      DISP owned ATTR pid, name SORT BY pid ASC
      DISP owners ATTR user_id`);
    expect(r.outputs[0]).toMatchObject({
      rows: [
        [4, 'System'], [1380, 'svchost.exe'], [1712, 'cb.exe'], [2768, 'vmware-hostd.exe'], [5960, 'taskeng.exe'],
        [12088, 'SearchProtocolHost.exe'], [13044, 'GoogleUpdate.exe'], [13908, 'SearchFilterHost.exe'],
      ],
    });
    expect(column(r, 'user_id', 1)).toEqual(['SYSTEM']);
  });
});

describe('directory CONTAINED file', () => {
  it('finds the directory of a file and the files in a directory', async () => {
    const r = await hunt(`${WMIC}
      bin = FIND file LOADED BY wmic
      dirs = FIND directory CONTAINED bin
      files = FIND file CONTAINED BY dirs
      DISP dirs ATTR path
      DISP files ATTR name`);
    expect(column(r, 'path', 0)).toEqual(['C:\\Windows\\SysWOW64\\wbem']);
    expect(column(r, 'name', 1)).toEqual(['WMIC.exe']);
  });
});

describe('LINKED', () => {
  it('finds entities of a type mentioned by the same records', async () => {
    const r = await hunt(`${SVCHOST}
      ips = FIND ipv4-addr LINKED p
      users = FIND user-account LINKED p
      DISP ips ATTR value SORT BY value ASC
      DISP users ATTR user_id`);
    expect(column(r, 'value', 0)).toEqual(['192.168.1.1', '192.168.1.156', '92.242.140.21']);
    expect(column(r, 'user_id', 1)).toEqual(['SYSTEM']);
  });
});

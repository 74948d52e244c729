/** NEW and LOAD rows: dotted keys name the entities a reference reaches; an id given in the data is the id shown. */
import { column, disp, entities, fixtureSession, hunt } from '../hunt';

describe('dotted keys', () => {
  it('NEW network-traffic with src_ref.value: the addresses are kept, shown, filtered on and found', async () => {
    const r = await hunt(`
      nt = NEW network-traffic [{"src_ref.value": "1.2.3.4", "dst_ref.value": "10.0.0.1", "dst_port": 22},
                                {"src_ref.value": "5.6.7.8", "dst_ref.value": "10.0.0.1", "dst_port": 22}]
      DISP nt ATTR src_ref.value, dst_ref.value, dst_port
      x = nt WHERE src_ref.value = '5.6.7.8'
      DISP x ATTR src_ref.value
      srcs = FIND ipv4-addr CREATED nt
      DISP srcs ATTR value SORT BY value ASC`);
    expect(entities(r, 'nt')).toBe(2);
    expect(disp(r, 0).rows).toEqual([['1.2.3.4', '10.0.0.1', 22], ['5.6.7.8', '10.0.0.1', 22]]);
    expect(disp(r, 1).rows).toEqual([['5.6.7.8']]);
    expect(column(r, 'value', 2)).toEqual(['1.2.3.4', '5.6.7.8']);
  });

  it("LOAD of Kestrel's process table: parent, binary and its directory through the references", async () => {
    const r = await hunt(`
      procs = LOAD tables/test_input_data_procs.csv
      DISP procs ATTR id, pid, name, parent_ref.pid, parent_ref.name, binary_ref.parent_directory_ref.path SORT BY pid ASC
      parents = FIND process CREATED procs
      DISP parents ATTR pid, name SORT BY pid ASC`);
    expect(disp(r, 0).rows[0]).toEqual(['process--c8031c1-2089-4f41-b512-6274cebf78f7_0', 140, 'reg.exe', 2324, 'cmd.exe', 'C:\\Windows\\System32']);
    expect(disp(r, 1).rows).toEqual([[1756, 'cmd.exe'], [2324, 'cmd.exe'], [3140, 'cmd.exe'], [3252, 'cmd.exe'], [3664, 'cmd.exe']]);
  });

  it('a dotted key that is not a reference nests: hashes.MD5 is hashes.MD5', async () => {
    const r = await hunt(`
      f = NEW file [{"name": "a.exe", "hashes.MD5": "0cc175b9c0f1b6a831c399e269772661"}]
      DISP f ATTR name, hashes.MD5`);
    expect(disp(r).rows).toEqual([['a.exe', '0cc175b9c0f1b6a831c399e269772661']]);
  });

  it('a reference kestrel-ts does not know needs its type in the row (E_MISSING_ENTITY_TYPE)', async () => {
    const { run } = fixtureSession();
    const bad = await run('e = NEW x-oca-event [{"action": "connect", "sensor_ref.name": "edr-7"}]');
    expect(bad.errors[0]).toMatchObject({ code: 'E_MISSING_ENTITY_TYPE', line: 1, hint: 'give it in the row: "sensor_ref.type": "<entity type>"' });
    const good = await run(`e = NEW x-oca-event [{"action": "connect", "sensor_ref.name": "edr-7", "sensor_ref.type": "x-oca-asset"}]
DISP e ATTR action, sensor_ref.name`);
    expect(disp(good).rows).toEqual([['connect', 'edr-7']]);
  });
});

describe('ids given in the data', () => {
  it("NEW x-oca-event [{'id': 1}] shows id 1, and WHERE id matches it", async () => {
    const r = await hunt(`
      e = NEW x-oca-event [{'id': 1, 'action': 'created'}]
      DISP e
      one = e WHERE id = 1`);
    expect(disp(r)).toMatchObject({ columns: ['id', 'action'], rows: [[1, 'created']] });
    expect(entities(r, 'one')).toBe(1);
  });
});

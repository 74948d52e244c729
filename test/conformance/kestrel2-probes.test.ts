/**
 * Issue 19's probes of Kestrel 2's language, one test each: GET projections, OCSF entity types and Kestrel 2's
 * aliases, the new relations, OCSF and ECS attribute names, STIX names over OCSF-keyed data. They run on the OCSF
 * connector's fixtures (Kestrel 2's process-creation events and the OCSF project's examples), ECS Sysmon events,
 * and NEW rows in OCSF names where no fixture holds the entity.
 */
import { column, counts, disp, fixtureSession, hunt } from '../hunt';

const K2 = 'ocsf/kestrel2-process-creation.jsonl';
const EXAMPLES = 'ocsf/ocsf-examples.jsonl';
const ECS = 'event-logs/schtask_create.ecs.ndjson';

function typeOf(r: Awaited<ReturnType<typeof hunt>>, name: string): string | undefined {
  return r.variables.find((v) => v.name === name)?.type;
}

describe('GET projection', () => {
  it("x = GET process.parent.user FROM … WHERE name = 'alice': users of parents, not of every process", async () => {
    const r = await hunt(`
      x = GET process.parent.user FROM ${K2} WHERE name = 'user1'
      y = GET process.parent.user FROM ${K2} WHERE name = 'user9'
      DISP x`);
    // user9 runs the Windows processes, whose parent (powershell.exe) has no user in the data.
    expect(counts(r)).toMatchObject({ x: [1, expect.any(Number)], y: [0, 0] });
    expect(typeOf(r, 'x')).toBe('user');
    expect(disp(r).rows).toEqual([['1001', 'user1']]);
  });

  it("GET process:parent_ref FROM …: the parents of the processes the WHERE names", async () => {
    const r = await hunt(`
      p = GET process:parent_ref FROM ${K2} WHERE command_line = 'bash'
      DISP p ATTR pid, command_line`);
    expect(disp(r).rows).toEqual([[1026, 'bash']]);
    expect(typeOf(r, 'p')).toBe('process');
  });
});

describe('OCSF entity types and Kestrel 2 aliases', () => {
  it('event', async () => {
    const r = await hunt(`es = GET event FROM ${K2} WHERE type_uid = 100701`);
    expect(counts(r).es[0]).toBe(9);
    expect(typeOf(r, 'es')).toBe('event');
  });

  it('user', async () => {
    const r = await hunt(`u = GET user FROM ${K2} WHERE name = 'user9'
      DISP u`);
    expect(disp(r).rows).toEqual([['user9@win.com', 'user9']]);
    expect(typeOf(r, 'u')).toBe('user');
  });

  it('endpoint', async () => {
    const r = await hunt(`h = GET endpoint FROM ${K2} WHERE name = 'Host A'
      DISP h ATTR name`);
    expect(disp(r).rows).toEqual([['Host A']]);
    expect(typeOf(r, 'h')).toBe('endpoint');
  });

  it('network_endpoint', async () => {
    const r = await hunt(`n = GET network_endpoint FROM ${EXAMPLES} WHERE ip IN ('192.168.1.10', '192.168.1.20')
      DISP n ATTR ip SORT BY ip ASC`);
    expect(column(r, 'ip')).toEqual(['192.168.1.10', '192.168.1.20']);
    expect(typeOf(r, 'n')).toBe('network_endpoint');
  });

  it('reg_key', async () => {
    const r = await hunt(`k = GET reg_key FROM ${ECS} WHERE path LIKE '%TaskCache%'`);
    expect(counts(r).k[0]).toBeGreaterThan(0);
    expect(typeOf(r, 'k')).toBe('reg_key');
  });

  it('query_info', async () => {
    const r = await hunt(`q = GET query_info FROM ${ECS} WHERE hostname = 'WORKSTATION6'
      DISP q ATTR hostname`);
    expect(disp(r).rows).toEqual([['WORKSTATION6']]);
    expect(typeOf(r, 'q')).toBe('query_info');
  });

  it('managed_entity (no data source yields one: NEW events in OCSF names)', async () => {
    const r = await hunt(`
      es = NEW event [{"type_uid": 300401, "actor.user.name": "alice", "entity.name": "Domain Admins"}]
      m = FIND managed_entity RESPONDED es
      DISP m ATTR name`);
    expect(disp(r).rows).toEqual([['Domain Admins']]);
    expect(typeOf(r, 'm')).toBe('managed_entity');
  });

  it('registry', async () => {
    const r = await hunt(`k = GET registry FROM ${ECS} WHERE key LIKE '%TaskCache%'`);
    expect(counts(r).k[0]).toBeGreaterThan(0);
    expect(typeOf(r, 'k')).toBe('reg_key');
  });

  it('host', async () => {
    const r = await hunt(`h = GET host FROM ${K2} WHERE name = 'Host A'`);
    expect(counts(r).h[0]).toBe(1);
    expect(typeOf(r, 'h')).toBe('endpoint');
  });

  it('destination: the addresses traffic went to, not from', async () => {
    const r = await hunt(`
      d = GET destination FROM ${EXAMPLES} WHERE ip = '192.168.1.20'
      s = GET destination FROM ${EXAMPLES} WHERE ip = '192.168.1.10'`);
    expect(counts(r).d[0]).toBe(1);
    expect(counts(r).s[0]).toBe(0);
    expect(typeOf(r, 'd')).toBe('network_endpoint');
  });
});

describe('new relations', () => {
  it('FIND process RESPONDED es', async () => {
    const r = await hunt(`
      es = GET event FROM ${K2} WHERE device.name = 'Host A'
      procs = FIND process RESPONDED es
      DISP procs ATTR name SORT BY pid ASC`);
    expect(column(r, 'name')).toEqual(['bash', 'uname', 'cat', 'ping', 'curl']);
  });

  it('FIND event ORIGINATED BY procs', async () => {
    const r = await hunt(`
      procs = GET process FROM ${K2} WHERE name = 'bash'
      eves = FIND event ORIGINATED BY procs
      DISP eves ATTR process.name`);
    expect(column(r, 'process.name')).toEqual(['uname', 'cat', 'ping', 'curl']);
  });

  it('UPDATED: the registry keys svchost.exe set (Sysmon 13)', async () => {
    const r = await hunt(`
      p = GET process FROM ${ECS} WHERE name = 'svchost.exe'
      k = FIND reg_key UPDATED BY p
      DISP k ATTR path`);
    expect(column(r, 'path').some((k) => String(k).includes('TaskCache'))).toBe(true);
  });

  it('user CREATED file', async () => {
    const r = await hunt(`
      es = NEW event [{"type_uid": 100101, "actor.user.name": "alice", "actor.process.uid": "p-1", "file.name": "payload.exe"},
                      {"type_uid": 100101, "actor.user.name": "bob", "actor.process.uid": "p-2", "file.name": "notes.txt"}]
      u = FIND user ORIGINATED es WHERE actor.user.name = 'alice'
      f = FIND file CREATED BY u
      DISP f ATTR name`);
    expect(disp(r).rows).toEqual([['payload.exe']]);
  });
});

describe('OCSF and ECS attribute names', () => {
  it("WHERE cmd_line LIKE …", async () => {
    const r = await hunt(`p = GET process FROM ${K2} WHERE cmd_line LIKE 'ping%'
      DISP p ATTR pid, cmd_line SORT BY pid ASC`);
    expect(disp(r).rows).toEqual([[1030, 'ping 8.8.8.8'], [5010, 'ping -a 192.168.5.1']]);
  });

  it('WHERE entity_id = … (ECS)', async () => {
    const r = await hunt(`p = GET process FROM ${K2} WHERE entity_id = '8b769bd5-ef77-4d79-adf7-ea7f7503ea7e'
      DISP p ATTR name`);
    expect(disp(r).rows).toEqual([['ping']]);
  });

  it('NEW process [{"file.name": …}]', async () => {
    const r = await hunt(`p = NEW process [{"file.name": "cmd.exe", "pid": 4}]
      DISP p ATTR file.name
      DISP p ATTR binary_ref.name
      b = FIND file LOADED BY p
      DISP b ATTR name`);
    expect([0, 1, 2].map((i) => disp(r, i).rows)).toEqual([[['cmd.exe']], [['cmd.exe']], [['cmd.exe']]]);
  });
});

describe('STIX names over OCSF data', () => {
  it('WHERE binary_ref.name IN (…) on OCSF events', async () => {
    const r = await hunt(`p = GET process FROM ${K2} WHERE binary_ref.name IN ('curl', 'netstat.exe')
      DISP p ATTR name SORT BY name ASC`);
    expect(column(r, 'name')).toEqual(['curl', 'netstat']);
  });
});

describe("Kestrel 2's rules, where they apply", () => {
  it('a statement in Kestrel 2 names needs an assignment and a FROM; a Kestrel 1 statement does not', async () => {
    const { run } = fixtureSession();
    expect((await run(`GET user FROM ${K2} WHERE name = 'user1'`)).errors[0]).toMatchObject({ code: 'E_SYNTAX', hint: expect.stringContaining('x = GET user') });
    expect((await run(`p = GET process FROM ${K2} WHERE name = 'bash'\nu = GET user WHERE name = 'user1'`)).errors[0])
      .toMatchObject({ code: 'E_MISSING_DATA_SOURCE', line: 2 });
    const k1 = await run(`GET process FROM ${K2} WHERE name = 'bash'\nFIND process CREATED _`);
    expect(k1.errors).toEqual([]);
  });
});

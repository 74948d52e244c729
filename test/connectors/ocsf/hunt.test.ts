import * as path from 'node:path';
import { column, counts, disp, FIXTURES, hunt } from '../../hunt';

const EXAMPLES = path.join(FIXTURES, 'ocsf', 'ocsf-examples.jsonl');
const KESTREL2 = path.join(FIXTURES, 'ocsf', 'kestrel2-process-creation.jsonl');

describe('OCSF JSON lines', () => {
  it('reads the OCSF project examples: a 4688 launch with its parent, its user and host', async () => {
    const r = await hunt(`
      reg = GET process FROM file://${EXAMPLES} WHERE name = 'reg.exe'
      parent = FIND process CREATED reg
      DISP reg ATTR pid, command_line, binary_ref.parent_directory_ref.path, parent_ref.name, first_observed
      DISP parent ATTR pid, name`);
    expect(disp(r, 0).rows).toEqual([[4696, 'reg  save HKLM\\system C:\\Users\\ADMINI~1\\AppData\\Local\\Temp\\system ', 'C:\\Windows\\System32', 'cmd.exe', '2021-03-12T15:48:14.000Z']]);
    expect(disp(r, 1).rows).toEqual([[3948, 'cmd.exe']]);
  });

  it('maps network, DNS and authentication events', async () => {
    const r = await hunt(`
      conns = GET network-traffic FROM ocsf://${EXAMPLES} WHERE dst_port = 443
      names = GET domain-name FROM ocsf://${EXAMPLES} WHERE value LIKE '%canary.'
      answers = FIND ipv4-addr LINKED names
      logons = GET user-account FROM ocsf://${EXAMPLES} WHERE account_login = 'SYSTEM'
      DISP conns ATTR src_ref.value, src_port, dst_ref.value, src_byte_count
      DISP answers ATTR value`);
    expect(counts(r).conns[0]).toBe(1);
    expect(counts(r).logons[0]).toBe(1);
    expect(disp(r, 0).rows).toEqual([['192.168.1.10', 8080, '192.168.1.20', null]]);
    expect(column(r, 'value', 1)).toContain('127.0.0.62');
  });

  it("runs Kestrel 2's process-creation events: the tree under bash on Host A", async () => {
    const r = await hunt(`
      bash = GET process FROM file://${KESTREL2} WHERE name = 'bash' AND x_unique_id = '1bf1d82d-aa83-4037-a748-3b2855fb29db'
      kids = FIND process CREATED BY bash
      DISP kids ATTR name, pid, command_line SORT BY pid ASC`);
    expect(column(r, 'name')).toEqual(['uname', 'cat', 'ping', 'curl']);
    expect(column(r, 'command_line')).toEqual(['uname -a', 'cat /etc/passwd', 'ping 8.8.8.8', 'curl https://www.google.com']);
  });
});

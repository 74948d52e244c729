import { columnOf, runSample, shown, summary } from '../sample-run';

describe('sample: triage with the shipped analytics', () => {
  it('flags the squiblydoo and remote-WMIC command lines and labels the addresses by range', async () => {
    const r = await runSample(__dirname);
    expect(summary(r).procs).toEqual([34, 131]);
    expect(columnOf(r, 'suspicious', 'pid')).toEqual([6792, 8972]);
    expect(columnOf(r, 'suspicious', 'x_suspicious_score')).toEqual([0.9, 0.65]);
    expect(columnOf(r, 'suspicious', 'command_line')[0]).toContain('regsvr32.exe');
    const byOrg = shown(r, 'by_org');
    expect(byOrg.columns).toEqual(['x_org', 'addresses']);
    // 25 addresses: the shipped range table labels special-purpose ranges only; 5 public ones stay unlabelled
    expect(byOrg.rows).toEqual([['loopback (RFC 1122)', 1], ['multicast (RFC 5771)', 2], ['private (RFC 1918)', 17], [null, 5]]);
  });
});

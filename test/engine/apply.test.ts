/**
 * APPLY through the session: analytics receive the variables' entities as rows, their attributes land on
 * the entities, parameters arrive dereferenced, and a failing analytics changes nothing.
 */
import * as path from 'node:path';
import { defaultConnectors } from '../../connectors/registry';
import { MemoryStore } from '../../graph/memory-store';
import { shippedAnalytics } from '../../src/cli/open-session';
import { Session } from '../../src/engine/session';
import { column, disp, FIXTURES } from '../hunt';

function session(timeoutMs = 20_000) {
  const s = new Session({ store: new MemoryStore(), connectors: defaultConnectors(), analytics: { profiles: shippedAnalytics(), timeoutMs } });
  return (hf: string) => s.execute(hf, path.join(FIXTURES, 'hunt.hf'));
}

const PROCS = `procs = GET process FROM file://doctored-1k.json WHERE command_line IS NOT NULL`;

describe('APPLY', () => {
  it('scores command lines; the score is an attribute later statements filter and show', async () => {
    const r = await session()(`${PROCS}
      APPLY js://suspicious-cmdline ON procs WITH threshold=0.5
      bad = procs WHERE x_suspicious_score >= 0.5 SORT BY x_suspicious_score DESC
      DISP bad ATTR pid, x_suspicious_score, x_techniques`);
    expect(r.errors).toEqual([]);
    const applied = r.outputs[0];
    if (applied.kind !== 'apply') throw new Error('no APPLY output');
    expect(applied.updated).toBe(34);
    expect(applied.display?.kind).toBe('table');
    // the Atomic Red Team regsvr32 "squiblydoo" line, and the remote WMIC process creation
    expect(disp(r).rows).toEqual([[6792, 0.9, ['T1218.010', 'T1564.004']], [8972, 0.65, ['T1047']]]);
  });

  it('passes WITH parameters as strings, references joined with commas, and the inputs as rows', async () => {
    const r = await session()(`
      p = GET process FROM file://doctored-1k.json WHERE name = 'svchost.exe'
      few = p WHERE pid IN (1380, 9240) SORT BY pid ASC
      APPLY ${path.join(FIXTURES, 'analytics', 'echo-params.mjs')} ON few WITH pids=few.pid, limit=3, mode=fast`);
    expect(r.errors).toEqual([]);
    const o = r.outputs[0];
    if (o.kind !== 'apply' || o.display?.kind !== 'table') throw new Error('no table display');
    const byName = Object.fromEntries(o.display.rows.map((row) => [row[0], row.slice(1)]));
    expect(byName.pids).toEqual(['1380', '1380']);
    expect(byName.limit).toEqual(['3', '3']);
    expect(byName.mode).toEqual(['fast', 'fast']);
    expect(byName['@inputs'][0]).toBe('few:process:1');
  });

  it('the attributes an analytics adds show in DISP of every variable holding the entities', async () => {
    const run = session();
    await run(`${PROCS}\nwmic = procs WHERE name = 'WMIC.exe'`);
    const r = await run(`APPLY js://suspicious-cmdline ON wmic\nDISP procs WHERE name = 'WMIC.exe' ATTR x_suspicious_score`);
    expect(r.errors).toEqual([]);
    expect(column(r, 'x_suspicious_score').every((v) => typeof v === 'number')).toBe(true);
  });

  it.each([
    ['throws.mjs', 'E_ANALYTICS_FAILED'],
    ['loops.mjs', 'E_ANALYTICS_TIMEOUT'],
    ['unknown-id.mjs', 'E_ANALYTICS_BAD_OUTPUT'],
    ['missing.mjs', 'E_ANALYTICS_NOT_FOUND'],
  ])('%s: a coded error at the APPLY line, and no attribute written', async (module, code) => {
    const run = session(500);
    await run(PROCS);
    const r = await run(`x = procs\nAPPLY ${path.join(FIXTURES, 'analytics', module)} ON procs\nDISP procs ATTR x_seen_by`);
    expect(r.errors[0]).toMatchObject({ code, line: 2 });
    const after = await run('DISP procs');
    expect(disp(after).columns.filter((c) => c.startsWith('x_'))).toEqual([]);
  });

  it('an unknown js:// name lists the analytics it knows', async () => {
    const r = await session()(`${PROCS}\nAPPLY js://suspicious-cmdlines ON procs`);
    expect(r.errors[0].code).toBe('E_ANALYTICS_NOT_FOUND');
    expect(`${r.errors[0].message} ${r.errors[0].hint}`).toContain('suspicious-cmdline');
  });
});

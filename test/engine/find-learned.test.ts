/**
 * Relations learned from the data (#342): a reference name as the relation. `FIND T ref V` finds the T entities
 * whose `ref` points at an entity of V; `FIND T ref BY V` finds the T entities that the `ref` of V's entities
 * points at. Plus the compile-time check of FIND relations.
 */
import { column, counts, disp, fixtureSession, hunt } from '../hunt';

const LSASS = 'file://event-logs/psh_lsass_memory_dump_comsvcs.json';

describe('a reference name as the relation', () => {
  it('follows target_process_ref from process-access events (Sysmon 10), in both directions', async () => {
    const r = await hunt(`
      rundll32 = GET process FROM ${LSASS} WHERE name = 'rundll32.exe'
      accesses = FIND x-oca-event process_ref rundll32 WHERE action = 'process_access'
      targets = FIND process target_process_ref BY accesses
      lsass = targets WHERE name = 'lsass.exe'
      into_lsass = FIND x-oca-event target_process_ref lsass
      accessors = FIND process process_ref BY into_lsass
      DISP accesses ATTR action
      DISP targets ATTR name SORT BY name ASC
      DISP accessors ATTR name SORT BY name ASC`);
    expect(new Set(column(r, 'action', 0))).toEqual(new Set(['process_access']));
    expect(column(r, 'name', 1)).toContain('lsass.exe');
    expect(column(r, 'name', 2)).toContain('rundll32.exe');
    expect(counts(r).lsass[0]).toBe(1);
  });

  it('works for a ref the relation table also names: parent_ref BY gives parents', async () => {
    const r = await hunt(`
      rundll32 = GET process FROM ${LSASS} WHERE name = 'rundll32.exe'
      parents = FIND process parent_ref BY rundll32
      same = FIND process CREATED rundll32
      children = FIND process parent_ref parents
      DISP parents ATTR pid, name
      DISP same ATTR pid, name
      DISP children ATTR name`);
    expect(disp(r, 0).rows).toEqual(disp(r, 1).rows);
    expect(counts(r).parents[0]).toBe(1);
    expect(column(r, 'name', 2)).toContain('rundll32.exe');
  });

  it('finds nothing for a ref no entity holds', async () => {
    const r = await hunt(`
      rundll32 = GET process FROM ${LSASS} WHERE name = 'rundll32.exe'
      none = FIND file x_nothing_ref BY rundll32`);
    expect(counts(r).none).toEqual([0, 0]);
  });
});

describe('E_UNSUPPORTED_RELATION for the new words', () => {
  const P = `p = GET process FROM ${LSASS} WHERE name = 'rundll32.exe'`;
  async function errorOf(hf: string) {
    const r = await fixtureSession().run(hf);
    expect(r.errors).toHaveLength(1);
    return r.errors[0];
  }

  it('lists every pair a word relates, events included', async () => {
    const e = await errorOf(`${P}\nx = FIND ipv4-addr WRITTEN BY p`);
    expect(e).toMatchObject({ code: 'E_UNSUPPORTED_RELATION', line: 2, column: 20 });
    expect(e.message).toContain('process WRITTEN ipv4-addr');
    expect(e.hint).toContain('process WRITTEN file; process WRITTEN windows-registry-key');
  });

  it('names the new words and reference names for an unknown word', async () => {
    const e = await errorOf(`${P}\nx = FIND file TOUCHED BY p`);
    expect(e.code).toBe('E_UNSUPPORTED_RELATION');
    expect(e.hint).toContain('WRITTEN, READ, DELETED, UPDATED, RESPONDED, ORIGINATED, LINKED');
    expect(e.hint).toContain('parent_ref');
  });

  it('did-you-mean reaches the new words', async () => {
    expect(await errorOf(`${P}\nx = FIND file WRITEN BY p`)).toMatchObject({ hint: 'did you mean WRITTEN?' });
  });
});

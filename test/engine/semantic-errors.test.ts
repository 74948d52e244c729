/** Compile-time errors: a code, the place, and a hint ("did you mean" for misspellings). */
import { fixtureSession } from '../hunt';
import { HUNT_FILE } from './counting-session';

const P = 'p = GET process FROM file://doctored-1k.json WHERE pid = 1380';

async function errorOf(hf: string) {
  const r = await fixtureSession().run(hf);
  expect(r.errors).toHaveLength(1);
  expect(r.outputs).toEqual([]);
  return r.errors[0];
}

describe('E_UNSUPPORTED_RELATION', () => {
  it('a relation the table has, between types it does not relate, lists what the relation relates', async () => {
    const e = await errorOf(`${P}\nf = FIND file CREATED p`);
    expect(e).toMatchObject({ code: 'E_UNSUPPORTED_RELATION', file: HUNT_FILE, line: 2, column: 15 });
    expect(e.message).toContain('file CREATED process');
    expect(e.hint).toContain('process CREATED process');
    expect(e.hint).toContain('LINKED');
  });

  it('BY turns the relation around', async () => {
    const e = await errorOf(`${P}\nf = FIND ipv4-addr CREATED BY p`);
    expect(e).toMatchObject({ code: 'E_UNSUPPORTED_RELATION', line: 2, column: 20 });
    expect(e.message).toContain('process CREATED ipv4-addr');
  });

  it('a misspelled relation gets a did-you-mean', async () => {
    expect(await errorOf(`${P}\nf = FIND process CREATD p`))
      .toMatchObject({ code: 'E_UNSUPPORTED_RELATION', line: 2, column: 18, hint: 'did you mean CREATED?' });
  });
});

describe('E_UNKNOWN_ENTITY_TYPE', () => {
  it.each([
    ['GET', 'x = GET proces FROM file://doctored-1k.json WHERE pid = 1', 1, 9, 'did you mean process?'],
    ['FIND', `${P}\nx = FIND netwrk-traffic CREATED BY p`, 2, 10, 'did you mean network-traffic?'],
  ])('in %s, with a did-you-mean', async (_where, hf, line, column, hint) => {
    expect(await errorOf(hf)).toMatchObject({ code: 'E_UNKNOWN_ENTITY_TYPE', file: HUNT_FILE, line, column, hint });
  });
});

describe('E_UNKNOWN_ATTRIBUTE', () => {
  it.each([
    ['a GET', "x = GET process FROM file://doctored-1k.json WHERE nam = 'cmd.exe'", 1, 52, 'did you mean name?'],
    ['a filter', `${P}\nx = p WHERE comand_line IS NULL`, 2, 13, 'did you mean command_line?'],
    ['another type in a STIX comparison', "x = GET network-traffic FROM file://test_bundle.json WHERE [ipv4-addr:valeu = '1.2.3.4']", 1, 61, 'did you mean value?'],
    ['an ATTR of DISP', `${P}\nDISP p ATTR pid, nmae`, 2, 18, 'did you mean name?'],
    ['an ATTR of an assignment', `${P}\nx = p ATTR parnet_ref.name`, 2, 12, 'did you mean parent_ref?'],
  ])('in %s, with a did-you-mean', async (_where, hf, line, column, hint) => {
    expect(await errorOf(hf)).toMatchObject({ code: 'E_UNKNOWN_ATTRIBUTE', line, column, hint });
  });
});

describe('ATTR', () => {
  it('takes custom x_ attributes, record attributes and attributes only the data has', async () => {
    const r = await fixtureSession().run(`${P}
n = NEW process [{"pid": 1, "vendor_tag": "a"}]
DISP p ATTR pid, x_custom, first_observed, parent_ref.name LIMIT 1
DISP n ATTR pid, vendor_tag`);
    expect(r.errors).toEqual([]);
    expect(r.outputs[1]).toMatchObject({ rows: [[1, 'a']] });
  });
});

describe('E_TYPE_MISMATCH', () => {
  it('GET FROM a variable of another type', async () => {
    expect(await errorOf(`${P}\nf = GET file FROM p WHERE name = 'svchost.exe'`)).toMatchObject({
      code: 'E_TYPE_MISMATCH', line: 2, column: 19, hint: 'write GET process FROM p WHERE ...',
    });
  });

  it('MERGE of variables of different types', async () => {
    const e = await errorOf(`${P}\ni = NEW ipv4-addr ["10.0.0.1"]\nm = p + i`);
    expect(e).toMatchObject({ code: 'E_TYPE_MISMATCH', line: 3, column: 1 });
    expect(e.message).toContain('process, ipv4-addr');
  });

  it('GET FROM a variable of the same type filters it', async () => {
    const r = await fixtureSession().run(`${P}\nq = GET process FROM p WHERE name = 'svchost.exe'`);
    expect(r.errors).toEqual([]);
    expect(r.variables.map((v) => [v.name, v.entities])).toEqual([['p', 1], ['q', 1]]);
  });
});

describe('attributes of references', () => {
  it('a misspelled attribute after var. is E_UNKNOWN_ATTRIBUTE at the reference, with a suggestion', async () => {
    const { run } = fixtureSession();
    const r = await run(`procs = GET process FROM file://doctored-1k.json WHERE name = 'cmd.exe'
kids = GET process FROM file://doctored-1k.json WHERE pid = procs.pdi`);
    expect(r.errors[0]).toMatchObject({ code: 'E_UNKNOWN_ATTRIBUTE', line: 2, column: 61, hint: 'did you mean pid?' });
    expect(r.variables).toEqual([]);
  });
});

/** LOAD and SAVE through the session: files become entities, variables become files that LOAD reads back. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { counts, disp, fixtureSession, hunt } from '../hunt';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-save-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('LOAD', () => {
  it.each(['csv', 'json', 'parquet.gz'])('reads Kestrel\'s process table from .%s with its type column', async (suffix) => {
    const r = await hunt(`procs = LOAD tables/test_input_data_procs.${suffix}\nDISP procs ATTR name, pid SORT BY pid ASC`);
    expect(r.variables[0]).toMatchObject({ name: 'procs', type: 'process' });
    expect(disp(r).rows).toContainEqual(['reg.exe', 864]);
  });

  it('a list of names needs AS, and fills the name', async () => {
    const r = await hunt(`procs = LOAD tables/test_input_data_procs_list.json AS process\nDISP procs ATTR name`);
    expect(disp(r).rows.length).toBeGreaterThan(0);
    expect(disp(r).rows.every(([name]) => typeof name === 'string')).toBe(true);
  });

  it('a file without a type column and no AS is E_MISSING_ENTITY_TYPE, and nothing runs', async () => {
    const r = await fixtureSession().run(`a = NEW process ["cmd.exe"]\nprocs = LOAD tables/test_input_data_procs_no_type.json`);
    expect(r.errors[0]).toMatchObject({ code: 'E_MISSING_ENTITY_TYPE', line: 2 });
    expect(r.variables).toEqual([]);
  });
});

describe('SAVE', () => {
  it.each(['csv', 'json', 'parquet'])('writes a variable to .%s that LOAD reads back as the same entities', async (suffix) => {
    const file = path.join(tmp, `wmic.${suffix}`);
    const r = await hunt(`
      wmic = GET process FROM file://doctored-1k.json WHERE name = 'WMIC.exe'
      SAVE wmic TO ${file}
      back = LOAD ${file}
      DISP wmic ATTR pid, command_line SORT BY pid ASC
      DISP back ATTR pid, command_line SORT BY pid ASC`);
    const saved = r.outputs.find((o) => o.kind === 'save');
    expect(saved).toMatchObject({ kind: 'save', variable: 'wmic', file, rows: 7 });
    expect(counts(r).back[0]).toBe(7);
    expect(disp(r, 1).rows).toEqual(disp(r, 0).rows);
  });

  it('saves GROUP rows as they are shown', async () => {
    const file = path.join(tmp, 'ports.csv');
    await hunt(`
      conns = GET network-traffic FROM file://test_bundle.json WHERE dst_port > 0
      ports = GROUP conns BY dst_port WITH COUNT(src_port) AS n
      SAVE ports TO ${file}`);
    const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('dst_port,n');
    expect(lines.length).toBeGreaterThan(2);
  });

  it('to .csv by the same rule as the graph export: formulas get a leading quote, NUL bytes go', async () => {
    const names = [`=cmd|' /C calc'!A0`, '+SUM(1)', '-2+3', '@import', '\tlead', '\rlead', 'nul\u0000byte', 'plain.exe'];
    const input = path.join(tmp, 'hostile.json');
    fs.writeFileSync(input, JSON.stringify(names));
    const file = path.join(tmp, 'hostile.csv');
    const r = await hunt(`p = LOAD ${input} AS process\nSAVE p TO ${file}`);
    expect(r.errors).toEqual([]);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('\u0000');
    const saved = (parse(text, { columns: true }) as Record<string, string>[]).map((row) => row.name).sort();
    expect(saved).toEqual([`'=cmd|' /C calc'!A0`, "'+SUM(1)", "'-2+3", "'@import", "'\tlead", "'\rlead", 'nulbyte', 'plain.exe'].sort());
  });

  it('into a folder that does not exist: E_SAVE_FAILED at the SAVE line, and the variables are kept', async () => {
    const r = await fixtureSession().run(`a = NEW process ["cmd.exe"]\nSAVE a TO ${path.join(tmp, 'no', 'such', 'a.csv')}`);
    expect(r.errors[0]).toMatchObject({ code: 'E_SAVE_FAILED' });
  });
});

/**
 * LOAD and SAVE's table files (src/engine/table-files.ts) on Kestrel's own test data: CSV, JSON and parquet
 * give the same rows, every format round-trips, and bad files give coded errors naming the file and line.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatOf, readTable, rowsAsArrays, TABLE_SUFFIXES, writeTable, type Row } from '../../src/engine/table-files';
import type { KestrelError } from '../../src/model/errors';
import type { AttrValue } from '../../src/model/observation';

const TABLES = path.join(__dirname, '..', 'fixtures', 'tables');
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-table-files-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A fresh empty folder under tmp. */
function folder(name: string): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  return dir;
}

async function failure(p: Promise<unknown>): Promise<KestrelError> {
  try {
    await p;
  } catch (e) {
    return e as KestrelError;
  }
  throw new Error('expected a failure');
}

/** The first process row of Kestrel's test_input_data_procs.* files. */
const FIRST_PROC: Row = {
  number_observed: 1,
  'binary_ref.parent_directory_ref.path': 'C:\\Windows\\System32',
  'parent_ref.type': 'process',
  last_observed: '2017-05-01T20:20:39.851Z',
  'parent_ref.binary_ref.parent_directory_ref.path': 'C:\\Windows\\System32',
  'parent_ref.name': 'cmd.exe',
  first_observed: '2017-05-01T20:20:39.851Z',
  'parent_ref.binary_ref.name': 'cmd.exe',
  'parent_ref.binary_ref.parent_directory_ref.id': 'directory--41eb677f-0335-49da-98b8-375e22f8c94e_5',
  'parent_ref.pid': 3140,
  'parent_ref.id': 'process--41eb677f-0335-49da-98b8-375e22f8c94e_3',
  name: 'reg.exe',
  'parent_ref.binary_ref.type': 'file',
  'parent_ref.command_line':
    'C:\\windows\\system32\\cmd.exe /c "reg delete HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run /v caldera /f"',
  type: 'process',
  'binary_ref.name': 'reg.exe',
  'parent_ref.binary_ref.id': 'file--41eb677f-0335-49da-98b8-375e22f8c94e_4',
  'parent_ref.binary_ref.parent_directory_ref.type': 'directory',
  command_line: 'reg  delete HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run /v caldera /f',
  id: 'process--41eb677f-0335-49da-98b8-375e22f8c94e_0',
  pid: 864,
};

describe('reading Kestrel test data', () => {
  it('test_input_data_ips.csv: two addresses with a numeric risk', async () => {
    const t = await readTable('test_input_data_ips.csv', TABLES);
    expect(t.file).toBe(path.join(TABLES, 'test_input_data_ips.csv'));
    expect(t.format).toBe('csv');
    expect(t.columns).toEqual(['value', 'risk']);
    expect(t.rows).toEqual([
      { value: '192.168.1.1', risk: 1 },
      { value: '192.168.1.2', risk: 2 },
    ]);
  });

  it('procs as CSV, JSON and parquet.gz: the same five rows', async () => {
    const csv = await readTable('test_input_data_procs.csv', TABLES);
    const json = await readTable('test_input_data_procs.json', TABLES);
    const parquet = await readTable('test_input_data_procs.parquet.gz', TABLES);
    expect(csv.rows).toHaveLength(5);
    expect(csv.columns).toHaveLength(21);
    expect(csv.rows[0]).toEqual(FIRST_PROC);
    expect(csv.rows.map((r) => r.pid)).toEqual([864, 3444, 2876, 140, 1600]);
    expect(json.rows).toEqual(csv.rows);
    expect(parquet.rows).toEqual(csv.rows);
    expect(parquet.columns).toEqual(csv.columns);
    expect(new Set(json.columns)).toEqual(new Set(csv.columns));
  });

  it("Kestrel's .parquet.gz is a plain parquet file (pandas does not gzip it); a real gzip of it reads the same", async () => {
    const bytes = fs.readFileSync(path.join(TABLES, 'test_input_data_procs.parquet.gz'));
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PAR1');
    const dir = folder('gzipped-parquet');
    fs.writeFileSync(path.join(dir, 'procs.parquet.gz'), gzipSync(bytes));
    fs.writeFileSync(path.join(dir, 'procs.parquet'), bytes);
    const expected = (await readTable('test_input_data_procs.parquet.gz', TABLES)).rows;
    expect((await readTable('procs.parquet.gz', dir)).rows).toEqual(expected);
    expect((await readTable('procs.parquet', dir)).rows).toEqual(expected);
  });

  it('test_input_data_procs_list.json, a list of names, comes back as values', async () => {
    const t = await readTable('test_input_data_procs_list.json', TABLES);
    expect(t.values).toEqual(['cmd.exe', 'reg.exe', 'explorer.exe']);
    expect(t.rows).toEqual([]);
    expect(t.columns).toEqual([]);
  });

  it('test_input_data_procs_no_type.json: the same processes without a type column', async () => {
    const t = await readTable('test_input_data_procs_no_type.json', TABLES);
    expect(t.rows).toHaveLength(5);
    expect(t.columns).not.toContain('type');
    const { type: _type, ...rest } = FIRST_PROC;
    expect(t.rows[0]).toEqual(rest);
  });

  it('paths: relative to baseDir, absolute, file:// and any suffix case', async () => {
    const abs = path.join(TABLES, 'test_input_data_ips.csv');
    expect((await readTable(abs, '/nowhere')).rows).toHaveLength(2);
    expect((await readTable('file://test_input_data_ips.csv', TABLES)).file).toBe(abs);
    expect((await readTable(`file://${abs}`, '/nowhere')).file).toBe(abs);
    const dir = folder('upper');
    fs.copyFileSync(abs, path.join(dir, 'IPS.CSV'));
    expect((await readTable('IPS.CSV', dir)).rows).toEqual([
      { value: '192.168.1.1', risk: 1 },
      { value: '192.168.1.2', risk: 2 },
    ]);
  });
});

describe('round trips', () => {
  const columns = ['type', 'name', 'pid', 'ratio', 'alive', 'tags', 'ports', 'user_id', 'code', 'hashes', 'mixed', 'nothing'];
  const rows: AttrValue[][] = [
    ['process', 'cmd.exe', 4, 0.5, true, ['a', 'b'], [80, 443], '1001', '007', { MD5: 'abc', 'SHA-256': 'def' }, 1, null],
    ['process', 'reg "x", y', 9007199254740991, -2, false, [], [], '1002', '0x1a', null, 'one', null],
    ['process', 'line\nbreak', null, 1e-7, null, null, [22], null, '08', { MD5: 'ghi' }, null, null],
    ['process', 'ünïcødé ✓', -12, 3, true, ['only'], null, '0', '1', null, [1, 'a'], null],
  ];
  /** What reading gives back: the same rows without their null cells. */
  const expected: Row[] = rows.map((r) =>
    Object.fromEntries(columns.map((c, j) => [c, r[j]]).filter(([, v]) => v !== null)) as Row,
  );

  it.each(['t.csv', 't.csv.gz', 't.json', 't.json.gz', 't.parquet', 't.parquet.gz'])('%s', async (name) => {
    const dir = folder(`round-trip-${name}`);
    const written = await writeTable(name, dir, columns, rows);
    expect(written).toBe(path.join(dir, name));
    const back = await readTable(name, dir);
    if (name.includes('.csv')) {
      // CSV types whole columns: one that mixes numbers, strings and lists comes back as their text.
      const text = ['1', 'one', undefined, '[1,"a"]'];
      expect(back.rows).toEqual(expected.map((r, i) => {
        const { mixed: _mixed, ...rest } = r;
        return text[i] === undefined ? rest : { ...rest, mixed: text[i] };
      }));
    } else {
      expect(back.rows).toEqual(expected);
    }
    // Even a column with no values keeps its place in the header, the JSON objects, the parquet schema.
    expect(back.columns).toEqual(columns);
    expect(fs.readdirSync(dir)).toEqual([name]);
  });

  it.each(['p.csv', 'p.json', 'p.parquet', 'p.parquet.gz'])("Kestrel's procs through %s", async (name) => {
    const dir = folder(`procs-${name}`);
    const src = await readTable('test_input_data_procs.parquet.gz', TABLES);
    await writeTable(name, dir, src.columns, rowsAsArrays(src.columns, src.rows));
    const back = await readTable(name, dir);
    expect(back.rows).toEqual(src.rows);
    expect(back.columns).toEqual(src.columns);
  });

  it('the files are what other tools expect', async () => {
    const dir = folder('shapes');
    const cols = ['name', 'pid', 'alive', 'tags'];
    const data: AttrValue[][] = [['cmd.exe', 4, true, ['a']], [null, 5, false, null]];
    await writeTable('x.csv', dir, cols, data);
    expect(fs.readFileSync(path.join(dir, 'x.csv'), 'utf8')).toBe(
      'name,pid,alive,tags\n"cmd.exe",4,true,"[""a""]"\n,5,false,\n',
    );
    await writeTable('x.json', dir, cols, data);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'x.json'), 'utf8'))).toEqual([
      { name: 'cmd.exe', pid: 4, alive: true, tags: ['a'] },
      { name: null, pid: 5, alive: false, tags: null },
    ]);
    await writeTable('x.parquet.gz', dir, cols, data);
    await writeTable('x.csv.gz', dir, cols, data);
    // .parquet.gz is parquet with gzip-compressed pages, as pandas writes it and Kestrel 1.x reads it.
    expect(fs.readFileSync(path.join(dir, 'x.parquet.gz')).subarray(0, 4).toString('latin1')).toBe('PAR1');
    expect([...fs.readFileSync(path.join(dir, 'x.csv.gz')).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
  });

  it('SAVE replaces an existing file', async () => {
    const dir = folder('replace');
    await writeTable('r.json', dir, ['a'], [[1], [2]]);
    await writeTable('r.json', dir, ['a'], [[3]]);
    expect((await readTable('r.json', dir)).rows).toEqual([{ a: 3 }]);
  });

  it('a CSV of nothing but strings keeps numeric-looking strings (SAVE leaves its header bare)', async () => {
    const dir = folder('csv-strings');
    await writeTable('s.csv', dir, ['user_id', 'ids'], [['1001', '7'], ['1002', '08']]);
    expect((await readTable('s.csv', dir)).rows).toEqual([{ user_id: '1001', ids: '7' }, { user_id: '1002', ids: '08' }]);
  });

  it('CSV loses what CSV cannot say: an empty string is an empty cell', async () => {
    const dir = folder('csv-lossy');
    await writeTable('e.csv', dir, ['a', 'b'], [['', 'x']]);
    expect((await readTable('e.csv', dir)).rows).toEqual([{ b: 'x' }]);
  });
});

describe('CSV types, per column', () => {
  async function csv(text: string): Promise<Row[]> {
    const dir = fs.mkdtempSync(path.join(tmp, 'csv-'));
    fs.writeFileSync(path.join(dir, 'in.csv'), text);
    return (await readTable('in.csv', dir)).rows;
  }

  it('numbers where every cell is one; "007", hex and huge integers keep their text', async () => {
    expect(await csv('n,z,h,big,f,mix\n1,007,0x1a,12345678901234567890,1.5,1\n-2,8,0x2,1,2e3,a\n')).toEqual([
      { n: 1, z: '007', h: '0x1a', big: '12345678901234567890', f: 1.5, mix: '1' },
      { n: -2, z: '8', h: '0x2', big: '1', f: 2000, mix: 'a' },
    ]);
  });

  it('empty cells are absent; true/false columns are booleans', async () => {
    expect(await csv('a,b,c\n1,,true\n2,,\n,x,False\n')).toEqual([{ a: 1, c: true }, { a: 2 }, { b: 'x', c: false }]);
  });

  it('quoted cells are strings when the file leaves others bare; a file that quotes everything is inferred', async () => {
    expect(await csv('"id","n"\n"1001",5\n"1002",6\n')).toEqual([{ id: '1001', n: 5 }, { id: '1002', n: 6 }]);
    expect(await csv('id,n\n"1001","5"\n"1002","6"\n')).toEqual([{ id: '1001', n: '5' }, { id: '1002', n: '6' }]);
    expect(await csv('"id","n"\n"1001","5"\n"1002","6"\n')).toEqual([{ id: 1001, n: 5 }, { id: 1002, n: 6 }]);
  });

  it('JSON lists in cells, a byte-order mark, CRLF lines', async () => {
    expect(await csv('\ufeffa,tags\r\n1,"[""x"",""y""]"\r\n2,[]\r\n')).toEqual([
      { a: 1, tags: ['x', 'y'] },
      { a: 2, tags: [] },
    ]);
  });

  it('a header with no name gets pandas\' "Unnamed: N"; a header-only file has no rows', async () => {
    expect(await csv(',name\n0,cmd.exe\n')).toEqual([{ 'Unnamed: 0': 0, name: 'cmd.exe' }]);
    expect(await csv('a,b\n')).toEqual([]);
  });
});

describe('JSON shapes', () => {
  async function json(text: string): Promise<{ rows: Row[]; values?: AttrValue[] }> {
    const dir = fs.mkdtempSync(path.join(tmp, 'json-'));
    fs.writeFileSync(path.join(dir, 'in.json'), text);
    const t = await readTable('in.json', dir);
    return t.values ? { rows: t.rows, values: t.values } : { rows: t.rows };
  }

  it('an object holding one array of objects, columns of arrays, one object, NDJSON', async () => {
    expect(await json('{"data": [{"a": 1}, {"a": 2, "b": null}]}')).toEqual({ rows: [{ a: 1 }, { a: 2 }] });
    expect(await json('{"a": [1, 2], "b": ["x", null]}')).toEqual({ rows: [{ a: 1, b: 'x' }, { a: 2 }] });
    expect(await json('{"name": "cmd.exe", "tags": ["a"]}')).toEqual({ rows: [{ name: 'cmd.exe', tags: ['a'] }] });
    expect(await json('{"a": 1}\n\n{"a": 2, "b": {"c": null}}\n')).toEqual({ rows: [{ a: 1 }, { a: 2, b: { c: null } }] });
    expect(await json('[]')).toEqual({ rows: [] });
  });

  it('broken JSON: E_BAD_INPUT_FILE at the line and column', async () => {
    const dir = folder('broken-json');
    fs.writeFileSync(path.join(dir, 'b.json'), '[\n  {"a": 1},\n  {"a" 2}\n]\n');
    const e = await failure(readTable('b.json', dir));
    expect(e).toMatchObject({ code: 'E_BAD_INPUT_FILE', file: path.join(dir, 'b.json'), line: 3, column: 8 });
    expect(e.excerpt).toBe('  {"a" 2}\n       ^');

    const text = fs.readFileSync(path.join(TABLES, 'test_input_data_procs.json'), 'utf8');
    fs.writeFileSync(path.join(dir, 'cut.json'), text.slice(0, 1000));
    expect(await failure(readTable('cut.json', dir))).toMatchObject({
      code: 'E_BAD_INPUT_FILE',
      line: 1,
      column: 1001,
      message: expect.stringContaining('cut.json:1:1001: invalid JSON: Unterminated string'),
    });
  });

  it('a broken NDJSON line is named by its line', async () => {
    const dir = folder('broken-ndjson');
    fs.writeFileSync(path.join(dir, 'n.json'), '{"a": 1}\n{"a": 2}\n{"a": 3,}\n');
    expect(await failure(readTable('n.json', dir))).toMatchObject({ code: 'E_BAD_INPUT_FILE', line: 3, column: 9 });
  });

  it('not a table: a number, or objects mixed with strings', async () => {
    const dir = folder('not-table');
    fs.writeFileSync(path.join(dir, 'n.json'), '42');
    fs.writeFileSync(path.join(dir, 'm.json'), '[{"a": 1}, "b"]');
    expect(await failure(readTable('n.json', dir))).toMatchObject({ code: 'E_BAD_INPUT_FILE', message: expect.stringContaining('not a table') });
    expect(await failure(readTable('m.json', dir))).toMatchObject({ code: 'E_BAD_INPUT_FILE', message: expect.stringContaining('item 1') });
  });
});

describe('errors', () => {
  it('malformed CSV (a quote never closed): E_BAD_INPUT_FILE at the line where the quote opens', async () => {
    const dir = folder('bad-csv');
    const lines = fs.readFileSync(path.join(TABLES, 'test_input_data_procs.csv'), 'utf8').split('\n');
    lines[2] = lines[2].replace('"reg.exe"', '"reg.exe');
    fs.writeFileSync(path.join(dir, 'procs.csv'), lines.join('\n'));
    const e = await failure(readTable('procs.csv', dir));
    expect(e).toMatchObject({
      code: 'E_BAD_INPUT_FILE',
      file: path.join(dir, 'procs.csv'),
      line: 3,
      message: expect.stringMatching(/procs\.csv:3: malformed CSV: /),
    });
    expect(e.hint).toEqual(expect.any(String));
  });

  it('an unbalanced quote that a later line closes: the line where the field opens', async () => {
    const dir = folder('stray-quote');
    const text = fs.readFileSync(path.join(TABLES, 'test_input_data_ips.csv'), 'utf8').replace('"192.168.1.1"', '"192.168.1.1');
    fs.writeFileSync(path.join(dir, 'ips.csv'), text);
    expect(await failure(readTable('ips.csv', dir))).toMatchObject({
      code: 'E_BAD_INPUT_FILE',
      line: 2,
      excerpt: '"192.168.1.1,1',
      hint: expect.stringContaining('line 2 runs on to line 3'),
    });
  });

  it('malformed CSV (a row longer than the header): the line of that row', async () => {
    const dir = folder('long-row');
    fs.writeFileSync(path.join(dir, 'l.csv'), 'a,b\n1,2\n3,4,5\n');
    expect(await failure(readTable('l.csv', dir))).toMatchObject({ code: 'E_BAD_INPUT_FILE', line: 3 });
  });

  it('a row shorter than the header (a file cut mid-row): E_BAD_INPUT_FILE at that line, nothing loaded', async () => {
    const dir = folder('short-row');
    fs.writeFileSync(path.join(dir, 's.csv'), 'type,value,risk\nipv4-addr,10.0.0.1,2\nipv4-addr,10.0.\n');
    const error = await failure(readTable('s.csv', dir));
    expect(error).toMatchObject({ code: 'E_BAD_INPUT_FILE', line: 3, file: path.join(dir, 's.csv') });
    expect((error as { hint?: string }).hint).toMatch(/fewer cells than the header/);
  });

  it('an empty CSV file has no header', async () => {
    const dir = folder('empty-csv');
    fs.writeFileSync(path.join(dir, 'e.csv'), '');
    expect(await failure(readTable('e.csv', dir))).toMatchObject({ code: 'E_BAD_INPUT_FILE', message: expect.stringContaining('header') });
  });

  it('an unknown suffix: E_UNSUPPORTED_FORMAT listing the supported ones, before touching the disk', async () => {
    for (const p of [readTable('x.xlsx', tmp), writeTable('x.txt', tmp, ['a'], [[1]]), readTable('noext', tmp)]) {
      const e = await failure(p);
      expect(e.code).toBe('E_UNSUPPORTED_FORMAT');
      for (const s of TABLE_SUFFIXES) expect(e.hint).toContain(s);
    }
    expect(formatOf('A.Parquet.GZ')).toBe('parquet.gz');
    expect(fs.existsSync(path.join(tmp, 'x.txt'))).toBe(false);
  });

  it('a missing file or a folder: E_BAD_INPUT_FILE naming the absolute path', async () => {
    const e = await failure(readTable('no-such.csv', TABLES));
    expect(e).toMatchObject({ code: 'E_BAD_INPUT_FILE', file: path.join(TABLES, 'no-such.csv'), message: expect.stringContaining('no such file') });
    const dir = folder('a-folder.json');
    expect(await failure(readTable(dir, '/'))).toMatchObject({ code: 'E_BAD_INPUT_FILE', message: expect.stringContaining('folder') });
  });

  it('corrupt parquet and corrupt gzip: E_BAD_INPUT_FILE', async () => {
    const dir = folder('corrupt');
    const bytes = fs.readFileSync(path.join(TABLES, 'test_input_data_procs.parquet.gz'));
    fs.writeFileSync(path.join(dir, 'cut.parquet'), bytes.subarray(0, bytes.length - 100));
    fs.writeFileSync(path.join(dir, 'text.parquet'), 'name,pid\ncmd.exe,4\n');
    const damaged = Buffer.from(bytes);
    damaged.fill(0xff, 4, 2000);
    fs.writeFileSync(path.join(dir, 'damaged.parquet'), damaged);
    const gz = gzipSync(bytes);
    fs.writeFileSync(path.join(dir, 'cut.parquet.gz'), gz.subarray(0, gz.length / 2));
    for (const name of ['cut.parquet', 'text.parquet', 'damaged.parquet', 'cut.parquet.gz']) {
      expect(await failure(readTable(name, dir))).toMatchObject({ code: 'E_BAD_INPUT_FILE', file: path.join(dir, name) });
    }
  });

  it('saving into a missing folder: E_SAVE_FAILED, nothing created', async () => {
    const e = await failure(writeTable('no-such-folder/out.csv', tmp, ['a'], [[1]]));
    expect(e).toMatchObject({ code: 'E_SAVE_FAILED', file: path.join(tmp, 'no-such-folder', 'out.csv') });
    expect(e.message).toContain('does not exist');
    expect(fs.existsSync(path.join(tmp, 'no-such-folder'))).toBe(false);
  });

  it('a failed write leaves no file behind, and an existing file as it was', async () => {
    const dir = folder('failed-write');
    // The target is a folder: the temporary file is written, the rename fails, the temporary file goes.
    fs.mkdirSync(path.join(dir, 'taken.csv'));
    expect(await failure(writeTable('taken.csv', dir, ['a'], [[1]]))).toMatchObject({ code: 'E_SAVE_FAILED' });
    expect(fs.readdirSync(dir)).toEqual(['taken.csv']);
    expect(fs.statSync(path.join(dir, 'taken.csv')).isDirectory()).toBe(true);

    // A refused write (parquet cannot take this column name) leaves the earlier file whole.
    await writeTable('keep.parquet', dir, ['a'], [[1]]);
    const before = fs.readFileSync(path.join(dir, 'keep.parquet'));
    expect(await failure(writeTable('keep.parquet', dir, ['a,b'], [[2]]))).toMatchObject({ code: 'E_SAVE_FAILED' });
    expect(fs.readFileSync(path.join(dir, 'keep.parquet'))).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['keep.parquet', 'taken.csv']);
  });

  it('a folder without write permission: E_SAVE_FAILED', async () => {
    if (process.getuid?.() === 0) return; // root writes anywhere
    const dir = folder('read-only');
    fs.chmodSync(dir, 0o500);
    try {
      expect(await failure(writeTable('out.json', dir, ['a'], [[1]]))).toMatchObject({ code: 'E_SAVE_FAILED', message: expect.stringContaining('permission denied') });
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.chmodSync(dir, 0o700);
    }
  });

  it('tables SAVE cannot write: no columns, a column twice', async () => {
    expect(await failure(writeTable('z.csv', tmp, [], []))).toMatchObject({ code: 'E_SAVE_FAILED' });
    expect(await failure(writeTable('z.csv', tmp, ['a', 'a'], [[1, 2]]))).toMatchObject({ code: 'E_SAVE_FAILED' });
    expect(fs.existsSync(path.join(tmp, 'z.csv'))).toBe(false);
  });
});

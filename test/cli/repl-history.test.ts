/** The REPL's history file: where it lives, how entries are kept, the cap, and failures. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeEntry, defaultHistoryFile, encodeEntry, History, HISTORY_SIZE, readHistory } from '../../src/cli/history';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-history-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('defaultHistoryFile', () => {
  it('is $KESTREL_HISTORY, else under $XDG_STATE_HOME, else ~/.local/state/kestrel/history', () => {
    expect(defaultHistoryFile({ KESTREL_HISTORY: '/x/h' }, '/home/u')).toBe('/x/h');
    expect(defaultHistoryFile({ XDG_STATE_HOME: '/state' }, '/home/u')).toBe('/state/kestrel/history');
    expect(defaultHistoryFile({ XDG_STATE_HOME: 'relative' }, '/home/u')).toBe('/home/u/.local/state/kestrel/history');
    expect(defaultHistoryFile({}, '/home/u')).toBe('/home/u/.local/state/kestrel/history');
  });

  it('is none when $KESTREL_HISTORY is set but empty', () => {
    expect(defaultHistoryFile({ KESTREL_HISTORY: '' }, '/home/u')).toBeUndefined();
  });
});

describe('entries on disk', () => {
  it('writes one-line entries as typed and multi-line ones as a JSON string', () => {
    expect(encodeEntry("DISP p ATTR name WHERE name = 'C:\\x'")).toBe("DISP p ATTR name WHERE name = 'C:\\x'");
    expect(encodeEntry('p = NEW process [\n"a.exe"]')).toBe('"p = NEW process [\\n\\"a.exe\\"]"');
    expect(encodeEntry('"odd"')).toBe('"\\"odd\\""');
    for (const e of ['a\nb', '"odd"', 'r\'C:\\Windows\'', 'x = "q"']) expect(decodeEntry(encodeEntry(e))).toBe(e);
    // A line someone wrote by hand that only looks like JSON stays as it is.
    expect(decodeEntry('"unterminated')).toBe('"unterminated');
  });
});

describe('History', () => {
  it('creates the folder, saves after every entry, and loads it again', () => {
    const file = path.join(dir, 'state', 'kestrel', 'history');
    const h = new History(file);
    h.add('p = NEW process [\n"a.exe"]');
    h.add('DISP p   ');
    h.add('DISP p');
    h.add('   ');
    expect(h.entries).toEqual(['p = NEW process [\n"a.exe"]', 'DISP p']);
    expect(fs.readFileSync(file, 'utf8')).toBe('"p = NEW process [\\n\\"a.exe\\"]"\nDISP p\n');
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(new History(file).newestFirst()).toEqual(['DISP p', 'p = NEW process [\n"a.exe"]']);
  });

  it(`keeps the last ${HISTORY_SIZE} entries`, () => {
    const file = path.join(dir, 'history');
    fs.writeFileSync(file, Array.from({ length: HISTORY_SIZE + 5 }, (_, i) => `DISP v${i}\n`).join(''));
    const h = new History(file);
    expect(h.entries).toHaveLength(HISTORY_SIZE);
    expect(h.entries[0]).toBe('DISP v5');
    h.add('DISP last');
    const saved = readHistory(file);
    expect(saved).toHaveLength(HISTORY_SIZE);
    expect(saved[0]).toBe('DISP v6');
    expect(saved[HISTORY_SIZE - 1]).toBe('DISP last');
  });

  it('keeps the entries of two sessions open at once', () => {
    const file = path.join(dir, 'history');
    const a = new History(file);
    const b = new History(file);
    a.add('DISP a');
    b.add('DISP b');
    a.add('DISP a2');
    expect(readHistory(file)).toEqual(['DISP a', 'DISP b', 'DISP a2']);
  });

  it('warns once and carries on in memory when the file cannot be written', () => {
    // A file where the folder should be: no mkdir can fix that, whoever runs the test.
    fs.writeFileSync(path.join(dir, 'blocker'), '');
    const warnings: string[] = [];
    const h = new History(path.join(dir, 'blocker', 'history'), (m) => warnings.push(m));
    h.add('DISP a');
    h.add('DISP b');
    expect(h.entries).toEqual(['DISP a', 'DISP b']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^cannot (read|write) the history file .*blocker\/history: E[A-Z]+; history is not saved in this session$/);
  });

  it('keeps no file without a path', () => {
    const h = new History(undefined);
    h.add('DISP a');
    expect(h.newestFirst()).toEqual(['DISP a']);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

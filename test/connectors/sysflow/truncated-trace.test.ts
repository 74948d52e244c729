/** A SysFlow trace cut short or empty is refused whole, with the byte offset of the cut part. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixtureSession, FIXTURES } from '../../hunt';

const SHELLSHOCK = fs.readFileSync(path.join(FIXTURES, 'sysflow', 'shellshock.sf'));
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-sf-cut-'));
  fs.writeFileSync(path.join(tmp, 'last-byte-cut.sf'), SHELLSHOCK.subarray(0, SHELLSHOCK.length - 1));
  fs.writeFileSync(path.join(tmp, 'header-cut.sf'), SHELLSHOCK.subarray(0, 3000));
  fs.writeFileSync(path.join(tmp, 'empty.sf'), '');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function getFrom(name: string) {
  const file = path.join(tmp, name);
  const r = await fixtureSession().run(`p = GET process FROM sysflow://${file} WHERE pid > 0`);
  return { r, file };
}

describe('sysflow: a trace that is not whole', () => {
  it('the shellshock trace less its last byte: E_BAD_INPUT_FILE at the start of its last block, no variable', async () => {
    const { r, file } = await getFrom('last-byte-cut.sf');
    expect(r.errors).toEqual([expect.objectContaining({ code: 'E_BAD_INPUT_FILE', message: expect.stringMatching(/byte 6217\b.*cut short/) })]);
    expect(r.errors[0].message).toContain(file);
    expect(r.variables).toEqual([]);
  });

  it.each([
    ['header-cut.sf', /byte 0\b.*cut short.*the header/],
    ['empty.sf', /byte 0\b.*empty/],
  ])('%s: E_BAD_INPUT_FILE at byte 0', async (name, message) => {
    const { r } = await getFrom(name);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'E_BAD_INPUT_FILE', message: expect.stringMatching(message) })]);
  });

  it('the whole trace still reads', async () => {
    const r = await fixtureSession().run(`p = GET process FROM sysflow://${path.join(FIXTURES, 'sysflow', 'shellshock.sf')} WHERE pid > 0`);
    expect(r.errors).toEqual([]);
    expect(r.variables[0].entities).toBeGreaterThan(0);
  });
});

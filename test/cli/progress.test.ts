import { progressLine } from '../../src/cli/progress';

function terminal() {
  const writes: string[] = [];
  let t = 0;
  const listener = progressLine({ write: (s: string) => writes.push(s), columns: 200 }, () => t);
  return { writes, listener, at: (ms: number) => (t = ms) };
}

describe('progress line', () => {
  it('shows records and rate once a read lasts, then clears the line', () => {
    const { writes, listener, at } = terminal();
    at(0);
    listener('file:///big.ndjson', 0, false);
    at(100);
    listener('file:///big.ndjson', 10_000, false);
    expect(writes).toEqual([]);
    at(500);
    listener('file:///big.ndjson', 100_000, false);
    expect(writes).toEqual(['\r\x1b[2Kreading file:///big.ndjson: 100,000 records (200,000/s)']);
    at(600);
    listener('file:///big.ndjson', 120_000, false);
    expect(writes).toHaveLength(1);
    listener('file:///big.ndjson', 130_000, true);
    expect(writes[1]).toBe('\r\x1b[2K');
  });

  it('says nothing for a short read', () => {
    const { writes, listener, at } = terminal();
    at(0);
    listener('file:///small.json', 10, false);
    at(50);
    listener('file:///small.json', 20, true);
    expect(writes).toEqual([]);
  });

  it('escapes control characters in a source name', () => {
    const { writes, listener, at } = terminal();
    at(0);
    listener('file:///x\u001b[31m.json', 0, false);
    at(1000);
    listener('file:///x\u001b[31m.json', 5, false);
    expect(writes[0]).not.toContain('\u001b[31m');
  });
});

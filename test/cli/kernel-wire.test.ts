/** The Jupyter wire format: frames, HMAC-SHA256 signatures, and what the kernel drops. */
import { decode, encode, header, sign } from '../../src/cli/kernel/wire';

describe('the Jupyter wire format', () => {
  const m = { identities: [Buffer.from('peer')], header: header('kernel_info_request', 's'), parent_header: {}, metadata: {}, content: { a: 1 }, buffers: [] };

  it('signs with HMAC-SHA256 over header, parent header, metadata and content, and decodes what it encodes', () => {
    const frames = encode('k', m);
    expect(frames[1].toString()).toBe('<IDS|MSG>');
    expect(frames[2].toString()).toBe(sign('k', frames.slice(3, 7)));
    expect(frames[2].toString()).toMatch(/^[0-9a-f]{64}$/);
    expect(decode('k', frames)).toEqual(m);
  });

  it('drops a message signed with another key, tampered with, or malformed', () => {
    const frames = encode('k', m);
    expect(decode('other', frames)).toBeUndefined();
    const tampered = [...frames];
    tampered[6] = Buffer.from('{"a":2}');
    expect(decode('k', tampered)).toBeUndefined();
    expect(decode('k', frames.slice(0, 5))).toBeUndefined();
  });
});

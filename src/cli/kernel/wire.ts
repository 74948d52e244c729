import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/** Jupyter messaging protocol version this kernel speaks. */
export const PROTOCOL_VERSION = '5.3';
const DELIMITER = '<IDS|MSG>';

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export interface Message {
  /** ZeroMQ routing identities (ROUTER sockets) or the topic (PUB). */
  identities: Buffer[];
  header: Header;
  /** Empty for a request; the request's header for what answers it. */
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
  buffers: Buffer[];
}

/** HMAC-SHA256 of header, parent header, metadata and content, in hex; empty when the key is (signing off). */
export function sign(key: string, frames: readonly (Buffer | string)[]): string {
  if (!key) return '';
  const hmac = createHmac('sha256', key);
  for (const f of frames) hmac.update(f);
  return hmac.digest('hex');
}

/** The frames of a message on the wire: identities, delimiter, signature, four JSON frames, buffers. */
export function encode(key: string, m: Message): Buffer[] {
  const json = [m.header, m.parent_header, m.metadata, m.content].map((v) => Buffer.from(JSON.stringify(v), 'utf8'));
  return [...m.identities, Buffer.from(DELIMITER), Buffer.from(sign(key, json)), ...json, ...m.buffers];
}

/** A received message, or undefined when it is malformed or its signature does not verify (it is then ignored). */
export function decode(key: string, frames: readonly Buffer[]): Message | undefined {
  const at = frames.findIndex((f) => f.toString() === DELIMITER);
  if (at < 0 || frames.length < at + 6) return undefined;
  const [signature, ...json] = frames.slice(at + 1, at + 6);
  const expected = Buffer.from(sign(key, json));
  if (key && (signature.length !== expected.length || !timingSafeEqual(signature, expected))) return undefined;
  try {
    const [header, parent_header, metadata, content] = json.map((f) => JSON.parse(f.toString('utf8')) as Record<string, unknown>);
    if (typeof header?.msg_type !== 'string') return undefined;
    return {
      identities: frames.slice(0, at),
      header: header as unknown as Header,
      parent_header: parent_header as Partial<Header>,
      metadata: metadata ?? {},
      content: content ?? {},
      buffers: frames.slice(at + 6),
    };
  } catch {
    return undefined;
  }
}

/** A new header of this kernel's session. */
export function header(msgType: string, session: string, username = 'kestrel'): Header {
  return { msg_id: randomUUID(), session, username, date: new Date().toISOString(), msg_type: msgType, version: PROTOCOL_VERSION };
}

/** What answers `parent` (or is published on its behalf): its identities and its header as the parent. */
export function reply(parent: Message, msgType: string, content: Record<string, unknown>, session: string): Message {
  return {
    identities: parent.identities,
    header: header(msgType, session, parent.header.username),
    parent_header: parent.header,
    metadata: {},
    content,
    buffers: [],
  };
}

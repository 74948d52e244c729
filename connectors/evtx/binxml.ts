/**
 * Binary XML as EVTX chunks hold it (MS-EVEN6 and libevtx's notes): tokens for elements, attributes, typed
 * values and substitutions; templates defined once per chunk and instantiated by each record with its values.
 * Offsets are relative to the chunk, whose buffer every function reads.
 */
export type XValue = string | number | boolean | null | XValue[];

export interface XElement {
  kind: 'element';
  name: string;
  attrs: { name: string; value: XNode[] }[];
  children: XNode[];
}

export type XNode = XElement | { kind: 'value'; value: XValue } | { kind: 'sub'; index: number; optional: boolean } | { kind: 'nodes'; nodes: XNode[] };

export class BinXmlError extends Error {}

const EOF = 0x00;
const OPEN_START = 0x01;
const CLOSE_START = 0x02;
const CLOSE_EMPTY = 0x03;
const END_ELEMENT = 0x04;
const VALUE = 0x05;
const ATTRIBUTE = 0x06;
const CDATA = 0x07;
const CHAR_REF = 0x08;
const ENTITY_REF = 0x09;
const PI_TARGET = 0x0a;
const PI_DATA = 0x0b;
const TEMPLATE = 0x0c;
const SUB = 0x0d;
const OPTIONAL_SUB = 0x0e;
const FRAGMENT = 0x0f;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Reads the binary XML of one chunk; templates are cached by their offset for the chunk's records. */
export class ChunkReader {
  private readonly templates = new Map<number, XNode[]>();
  private readonly names = new Map<number, string>();

  constructor(readonly buf: Buffer) {}

  /** A record's binary XML, from `start` to `end`, with every template instantiated. */
  record(start: number, end: number): XNode[] {
    return this.fragment(start, end, undefined).nodes;
  }

  /** Tokens until EOF or `end`; `values` are the substitution values in a template instance, undefined in a definition. */
  private fragment(start: number, end: number, values: XNode[][] | undefined): { nodes: XNode[]; pos: number } {
    const nodes: XNode[] = [];
    let p = start;
    while (p < end) {
      const token = this.u8(p);
      const base = token & 0xbf;
      if (base === EOF) return { nodes, pos: p + 1 };
      if (base === FRAGMENT) {
        p += 4;
      } else if (base === TEMPLATE) {
        const t = this.template(p);
        nodes.push(t.node);
        p = t.pos;
      } else if (base === OPEN_START) {
        const e = this.element(p, end, values);
        nodes.push(e.node);
        p = e.pos;
      } else {
        const v = this.content(p, values);
        if (!v) throw new BinXmlError(`unexpected token 0x${token.toString(16)} at chunk offset ${p}`);
        nodes.push(v.node);
        p = v.pos;
      }
    }
    return { nodes, pos: p };
  }

  private element(start: number, end: number, values: XNode[][] | undefined): { node: XElement; pos: number } {
    const token = this.u8(start);
    let p = start + 3; // token, dependency id
    p += 4; // data size
    const name = this.nameAt(p);
    p = name.pos;
    if (token & 0x40) p += 4; // attribute list size
    const node: XElement = { kind: 'element', name: name.name, attrs: [], children: [] };
    while ((this.u8(p) & 0xbf) === ATTRIBUTE) {
      const attrName = this.nameAt(p + 1);
      p = attrName.pos;
      const value: XNode[] = [];
      for (let v = this.content(p, values); v; v = this.content(p, values)) {
        value.push(v.node);
        p = v.pos;
      }
      node.attrs.push({ name: attrName.name, value });
    }
    const close = this.u8(p);
    if (close === CLOSE_EMPTY) return { node, pos: p + 1 };
    if (close !== CLOSE_START) throw new BinXmlError(`element ${name.name}: token 0x${close.toString(16)} where its start should close, at chunk offset ${p}`);
    p++;
    while (p < end) {
      const base = this.u8(p) & 0xbf;
      if (base === END_ELEMENT) return { node, pos: p + 1 };
      if (base === OPEN_START) {
        const child = this.element(p, end, values);
        node.children.push(child.node);
        p = child.pos;
      } else if (base === TEMPLATE) {
        const t = this.template(p);
        node.children.push(t.node);
        p = t.pos;
      } else {
        const v = this.content(p, values);
        if (!v) throw new BinXmlError(`element ${name.name}: unexpected token 0x${this.u8(p).toString(16)} at chunk offset ${p}`);
        node.children.push(v.node);
        p = v.pos;
      }
    }
    throw new BinXmlError(`element ${name.name} is not closed`);
  }

  /** A value, substitution, character or entity reference, CDATA or processing instruction; undefined for any other token. */
  private content(p: number, values: XNode[][] | undefined): { node: XNode; pos: number } | undefined {
    const base = this.u8(p) & 0xbf;
    switch (base) {
      case VALUE: {
        const type = this.u8(p + 1);
        if (type !== 0x01) throw new BinXmlError(`value token of type 0x${type.toString(16)} at chunk offset ${p}`);
        const chars = this.u16(p + 2);
        return { node: { kind: 'value', value: this.utf16(p + 4, chars * 2) }, pos: p + 4 + chars * 2 };
      }
      case SUB:
      case OPTIONAL_SUB: {
        const index = this.u16(p + 1);
        const node: XNode = values ? { kind: 'nodes', nodes: values[index] ?? [] } : { kind: 'sub', index, optional: base === OPTIONAL_SUB };
        return { node, pos: p + 4 };
      }
      case CHAR_REF:
        return { node: { kind: 'value', value: String.fromCharCode(this.u16(p + 1)) }, pos: p + 3 };
      case ENTITY_REF: {
        const name = this.nameAt(p + 1);
        return { node: { kind: 'value', value: ENTITIES[name.name] ?? `&${name.name};` }, pos: name.pos };
      }
      case CDATA: {
        const chars = this.u16(p + 1);
        return { node: { kind: 'value', value: this.utf16(p + 3, chars * 2) }, pos: p + 3 + chars * 2 };
      }
      case PI_TARGET:
        return { node: { kind: 'nodes', nodes: [] }, pos: this.nameAt(p + 1).pos };
      case PI_DATA: {
        const chars = this.u16(p + 1);
        return { node: { kind: 'nodes', nodes: [] }, pos: p + 3 + chars * 2 };
      }
      default:
        return undefined;
    }
  }

  /** A template instance: its definition (inline the first time, else by offset) and the record's values. */
  private template(start: number): { node: XNode; pos: number } {
    const defOffset = this.u32(start + 6);
    let p = start + 10;
    let def = this.templates.get(defOffset);
    if (defOffset === p) {
      const size = this.u32(p + 20);
      p += 24 + size;
    }
    if (!def) {
      const size = this.u32(defOffset + 20);
      def = this.fragment(defOffset + 24, defOffset + 24 + size, undefined).nodes;
      this.templates.set(defOffset, def);
    }
    const count = this.u32(p);
    p += 4;
    const descriptors: { size: number; type: number }[] = [];
    for (let i = 0; i < count; i++, p += 4) descriptors.push({ size: this.u16(p), type: this.u8(p + 2) });
    const values: XNode[][] = descriptors.map((d) => {
      const at = p;
      p += d.size;
      if (d.size === 0 || d.type === 0) return [];
      if (d.type === 0x21) return this.fragment(at, at + d.size, undefined).nodes;
      return [{ kind: 'value', value: this.typed(d.type, at, d.size) }];
    });
    return { node: { kind: 'nodes', nodes: instantiate(def, values) }, pos: p };
  }

  private nameAt(p: number): { name: string; pos: number } {
    const offset = this.u32(p);
    let name = this.names.get(offset);
    if (name === undefined) {
      const chars = this.u16(offset + 6);
      name = this.utf16(offset + 8, chars * 2);
      this.names.set(offset, name);
    }
    // A name stored right here (its first use in the chunk) is skipped over.
    const pos = offset === p + 4 ? p + 4 + 8 + this.u16(offset + 6) * 2 + 2 : p + 4;
    return { name, pos };
  }

  /** A substitution value of a type (MS-EVEN6 2.2.12 value types; 0x80 marks an array). */
  typed(type: number, p: number, size: number): XValue {
    if (type & 0x80) {
      const item = type & 0x7f;
      if (item === 0x01) return this.utf16(p, size).split('\0').filter((s, i, all) => s !== '' || i < all.length - 1);
      const width = FIXED[item];
      if (!width) return this.buf.subarray(p, p + size).toString('hex').toUpperCase();
      const out: XValue[] = [];
      for (let q = p; q + width <= p + size; q += width) out.push(this.typed(item, q, width));
      return out;
    }
    const b = this.buf;
    switch (type) {
      case 0x01:
        return this.utf16(p, size).replace(/\0+$/, '');
      case 0x02:
        return b.toString('latin1', p, p + size).replace(/\0+$/, '');
      case 0x03:
        return b.readInt8(p);
      case 0x04:
        return b.readUInt8(p);
      case 0x05:
        return b.readInt16LE(p);
      case 0x06:
        return b.readUInt16LE(p);
      case 0x07:
        return b.readInt32LE(p);
      case 0x08:
        return b.readUInt32LE(p);
      case 0x09:
        return Number(b.readBigInt64LE(p));
      case 0x0a:
        return Number(b.readBigUInt64LE(p));
      case 0x0b:
        return b.readFloatLE(p);
      case 0x0c:
        return b.readDoubleLE(p);
      case 0x0d:
        return b.readUInt32LE(p) !== 0;
      case 0x0e:
        return b.subarray(p, p + size).toString('hex').toUpperCase();
      case 0x0f:
        return guid(b, p);
      case 0x10:
        return `0x${(size === 8 ? b.readBigUInt64LE(p) : BigInt(b.readUInt32LE(p))).toString(16).padStart(size * 2, '0')}`;
      case 0x11:
        return fileTime(b.readBigUInt64LE(p));
      case 0x12:
        return systemTime(b, p);
      case 0x13:
        return sid(b, p);
      case 0x14:
        return `0x${b.readUInt32LE(p).toString(16)}`;
      case 0x15:
        return `0x${b.readBigUInt64LE(p).toString(16)}`;
      default:
        return b.subarray(p, p + size).toString('hex').toUpperCase();
    }
  }

  private u8(p: number): number {
    if (p >= this.buf.length) throw new BinXmlError(`read past the chunk at offset ${p}`);
    return this.buf[p];
  }

  private u16(p: number): number {
    if (p + 2 > this.buf.length) throw new BinXmlError(`read past the chunk at offset ${p}`);
    return this.buf.readUInt16LE(p);
  }

  private u32(p: number): number {
    if (p + 4 > this.buf.length) throw new BinXmlError(`read past the chunk at offset ${p}`);
    return this.buf.readUInt32LE(p);
  }

  private utf16(p: number, bytes: number): string {
    if (p + bytes > this.buf.length) throw new BinXmlError(`read past the chunk at offset ${p}`);
    return this.buf.toString('utf16le', p, p + bytes);
  }
}

const FIXED: Record<number, number> = { 0x03: 1, 0x04: 1, 0x05: 2, 0x06: 2, 0x07: 4, 0x08: 4, 0x09: 8, 0x0a: 8, 0x0b: 4, 0x0c: 8, 0x0d: 4, 0x0f: 16, 0x11: 8, 0x12: 16, 0x14: 4, 0x15: 8 };

/** A template's nodes with each substitution replaced by its value (an optional one with no value drops its attribute). */
function instantiate(nodes: readonly XNode[], values: XNode[][]): XNode[] {
  return nodes.map((n): XNode => {
    if (n.kind === 'sub') return { kind: 'nodes', nodes: values[n.index] ?? [] };
    if (n.kind !== 'element') return n;
    const attrs = n.attrs.flatMap((a) => {
      const value = instantiate(a.value, values);
      const optionalEmpty = a.value.length > 0 && a.value.every((v) => v.kind === 'sub' && v.optional && !(values[v.index]?.length));
      return optionalEmpty ? [] : [{ name: a.name, value }];
    });
    return { kind: 'element', name: n.name, attrs, children: instantiate(n.children, values) };
  });
}

function guid(b: Buffer, p: number): string {
  const hex = (from: number, to: number) => b.subarray(p + from, p + to).toString('hex');
  const le = (from: number, to: number) => Buffer.from(b.subarray(p + from, p + to)).reverse().toString('hex');
  return `${le(0, 4)}-${le(4, 6)}-${le(6, 8)}-${hex(8, 10)}-${hex(10, 16)}`.toUpperCase();
}

const EPOCH_DIFF = 116444736000000000n;

function fileTime(ticks: bigint): string {
  const micros = (ticks - EPOCH_DIFF) / 10n;
  const ms = Number(micros / 1000n);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ticks);
  const frac = String(((micros % 1000000n) + 1000000n) % 1000000n).padStart(6, '0');
  return `${d.toISOString().slice(0, 19)}.${frac}Z`;
}

function systemTime(b: Buffer, p: number): string {
  const [y, mo, , d, h, mi, s, ms] = [0, 2, 4, 6, 8, 10, 12, 14].map((o) => b.readUInt16LE(p + o));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}.${String(ms).padStart(3, '0')}Z`;
}

function sid(b: Buffer, p: number): string {
  const revision = b[p];
  const count = b[p + 1];
  const authority = b.readUIntBE(p + 2, 6);
  const subs = Array.from({ length: count }, (_, i) => b.readUInt32LE(p + 8 + i * 4));
  return `S-${revision}-${authority}${subs.map((s) => `-${s}`).join('')}`;
}

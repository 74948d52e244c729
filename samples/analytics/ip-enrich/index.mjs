// ip-enrich: labels ipv4-addr / ipv6-addr entities from a local table of CIDR ranges.
// Contract: ../README.md. No dependencies; runs in kestrel-ts's analytics worker or plain Node 20.
import { readFileSync } from 'node:fs';
import { extname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_FILE = fileURLToPath(new URL('./ranges.csv', import.meta.url));
const FIELDS = ['org', 'country', 'risk'];

/** 'a.b.c.d' -> unsigned 32-bit number, or undefined when it is not a dotted-quad IPv4 address. */
export function parseIPv4(text) {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    // Decimal only: leading zeros are ambiguous (octal in some parsers), so they are not accepted.
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

/** An IPv6 address (with ::, an embedded IPv4 tail, a %zone) -> 128-bit BigInt, or undefined. */
export function parseIPv6(text) {
  let s = text.toLowerCase();
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(':')) return undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    // An embedded IPv4 tail (::ffff:192.0.2.1) stands for the last two groups.
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    s = `${s.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const split = (h) => (h === '' ? [] : h.split(':'));
  const head = split(halves[0]);
  const rest = halves.length === 2 ? split(halves[1]) : [];
  const given = [...head, ...rest];
  if (!given.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  let groups;
  if (halves.length === 2) {
    if (given.length > 7) return undefined;
    groups = [...head, ...Array(8 - given.length).fill('0'), ...rest];
  } else {
    if (given.length !== 8) return undefined;
    groups = given;
  }
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** 'net/len' -> { version, network, prefix }; the network is masked to its prefix. */
export function parseCidr(cidr) {
  const [addr, len, extra] = String(cidr).trim().split('/');
  if (extra !== undefined) return undefined;
  const v4 = parseIPv4(addr);
  if (v4 !== undefined) {
    const prefix = len === undefined ? 32 : Number(len);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32 || (len !== undefined && !/^\d+$/.test(len))) return undefined;
    return { version: 4, network: mask4(v4, prefix), prefix };
  }
  const v6 = parseIPv6(addr);
  if (v6 !== undefined) {
    const prefix = len === undefined ? 128 : Number(len);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > 128 || (len !== undefined && !/^\d+$/.test(len))) return undefined;
    return { version: 6, network: mask6(v6, prefix), prefix };
  }
  return undefined;
}

function mask4(n, prefix) {
  return prefix === 0 ? 0 : (n - (n % 2 ** (32 - prefix)));
}

function mask6(n, prefix) {
  const hostBits = 128n - BigInt(prefix);
  return (n >> hostBits) << hostBits;
}

/** RFC 4180 CSV (quoted fields, "" escapes) -> array of records keyed by the header row. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  const [header = [], ...body] = rows;
  const keys = header.map((h) => h.trim().toLowerCase());
  return body.map((r) => Object.fromEntries(keys.map((k, i) => [k, (r[i] ?? '').trim()])));
}

/** Loads a range table (.csv with header cidr,org,country,risk or .json [{cidr, org, country, risk}]). */
export function loadRanges(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ranges ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
  let records;
  if (extname(file).toLowerCase() === '.json') {
    try {
      records = JSON.parse(text);
    } catch (e) {
      throw new Error(`ranges ${file} is not valid JSON: ${e.message}`);
    }
    if (!Array.isArray(records)) throw new Error(`ranges ${file}: expected an array of { cidr, org, country, risk }`);
  } else {
    records = parseCsv(text);
  }
  return new RangeTable(records.map((r, i) => {
    const range = r && parseCidr(r.cidr);
    if (!range) throw new Error(`ranges ${file}: entry ${i + 1} has no valid cidr (${JSON.stringify(r && r.cidr)})`);
    const labels = {};
    for (const f of FIELDS) {
      const v = r[f];
      if (v !== undefined && v !== null && String(v) !== '') labels[f] = String(v);
    }
    return { ...range, cidr: String(r.cidr).trim(), labels };
  }));
}

/** Longest-prefix match: one map per (version, prefix length), longest first. */
export class RangeTable {
  constructor(entries) {
    this.byVersion = { 4: new Map(), 6: new Map() };
    for (const e of entries) {
      const maps = this.byVersion[e.version];
      if (!maps.has(e.prefix)) maps.set(e.prefix, new Map());
      // The first entry for a network wins, as a later duplicate line is more likely a mistake.
      const byNetwork = maps.get(e.prefix);
      if (!byNetwork.has(e.network)) byNetwork.set(e.network, e);
    }
    for (const v of [4, 6]) {
      this.byVersion[v] = new Map([...this.byVersion[v]].sort((a, b) => b[0] - a[0]));
    }
  }

  /** The most specific range holding the address, or undefined. IPv4-mapped IPv6 looks up the IPv4. */
  lookup(address) {
    const v4 = parseIPv4(address);
    if (v4 !== undefined) return this.find(4, v4);
    const v6 = parseIPv6(address);
    if (v6 === undefined) return undefined;
    if (v6 >> 32n === 0xffffn) return this.find(4, Number(v6 & 0xffffffffn)) ?? this.find(6, v6);
    return this.find(6, v6);
  }

  find(version, n) {
    for (const [prefix, byNetwork] of this.byVersion[version]) {
      const hit = byNetwork.get(version === 4 ? mask4(n, prefix) : mask6(n, prefix));
      if (hit) return hit;
    }
    return undefined;
  }
}

export default function ipEnrich(inputs, params = {}, context = {}) {
  const fileParam = params.file ?? process.env.file;
  const file = fileParam
    ? (isAbsolute(fileParam) ? fileParam : resolve(context.baseDir ?? process.cwd(), fileParam))
    : DEFAULT_FILE;
  const table = loadRanges(file);

  const shown = [];
  const updates = inputs.map(({ variable, entityType, rows }) => {
    if (entityType !== 'ipv4-addr' && entityType !== 'ipv6-addr') {
      throw new Error(`ip-enrich labels ipv4-addr and ipv6-addr entities, but ${variable} holds ${entityType} entities`);
    }
    const out = [];
    for (const row of rows) {
      if (typeof row.value !== 'string') continue;
      const hit = table.lookup(row.value);
      shown.push([variable, row.value, hit?.labels.org ?? null, hit?.labels.country ?? null, hit?.labels.risk ?? null, hit?.cidr ?? null]);
      if (!hit) continue; // an address no range covers is left as it is
      const update = { id: row.id, x_cidr: hit.cidr };
      for (const f of FIELDS) if (hit.labels[f] !== undefined) update[`x_${f}`] = hit.labels[f];
      out.push(update);
    }
    return out;
  });
  return { updates, display: { columns: ['variable', 'value', 'x_org', 'x_country', 'x_risk', 'x_cidr'], rows: shown } };
}

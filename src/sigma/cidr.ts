/** An IPv4 or IPv6 address as a bigint and its width in bits; undefined when the text is no address. */
export function parseIp(text: string): { value: bigint; bits: 32 | 128 } | undefined {
  const s = text.trim();
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const octets = v4.slice(1).map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    return { value: octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n), bits: 32 };
  }
  if (!s.includes(':')) return undefined;
  let body = s.replace(/%.*$/, '');
  const tail4 = /(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(body);
  if (tail4) {
    const ip = parseIp(tail4[1]);
    if (!ip) return undefined;
    body = `${body.slice(0, -tail4[1].length)}${(ip.value >> 16n).toString(16)}:${(ip.value & 0xffffn).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h ? h.split(':') : []);
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  const all = [...head, ...Array<string>(Math.max(fill, 0)).fill('0'), ...rest];
  if (all.length !== 8 || fill < 0 || all.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return { value: all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n), bits: 128 };
}

/** A test of an address against `10.0.0.0/8` or `fe80::/10`; undefined when the network does not parse. */
export function cidrTest(network: string): ((ip: string) => boolean) | undefined {
  const [addr, len, extra] = network.split('/');
  if (extra !== undefined) return undefined;
  const net = parseIp(addr);
  if (!net) return undefined;
  const prefix = len === undefined ? net.bits : Number(len);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > net.bits) return undefined;
  const shift = BigInt(net.bits - prefix);
  const want = net.value >> shift;
  return (text) => {
    const ip = parseIp(text);
    return ip !== undefined && ip.bits === net.bits && ip.value >> shift === want;
  };
}

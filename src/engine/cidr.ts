/** IPv4 CIDR containment: is `inner` (an address or a CIDR block) inside `outer`? */
function parse(cidr: string): { base: number; bits: number } | undefined {
  const [addr, len] = cidr.trim().split('/');
  const parts = addr.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  const bits = len === undefined ? 32 : Number(len);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return undefined;
  const base = parts.reduce((acc, p) => acc * 256 + Number(p), 0);
  return { base, bits };
}

function mask(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

export function cidrContains(outer: string, inner: string): boolean {
  const o = parse(outer);
  const i = parse(inner);
  if (!o || !i || i.bits < o.bits) return false;
  const m = mask(o.bits);
  return ((o.base & m) >>> 0) === ((i.base & m) >>> 0);
}

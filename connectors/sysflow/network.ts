const PROTOCOLS: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'ipv6-icmp', 132: 'sctp' };

/** A SysFlow IPv4 address: a 32-bit int whose low byte is the first octet (172.26.0.3 is 0x03001aac). */
export function ipv4(n: number): string {
  const u = n >>> 0;
  return `${u & 255}.${(u >>> 8) & 255}.${(u >>> 16) & 255}.${u >>> 24}`;
}

/** The IANA name of an IP protocol number, lower case as STIX writes it; the number when unknown. */
export function protocolName(proto: number): string {
  return PROTOCOLS[proto] ?? String(proto);
}
